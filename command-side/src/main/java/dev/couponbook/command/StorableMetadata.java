package dev.couponbook.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one rule for client metadata that goes into an event, a redemption's or a book's: a flat
 * map of string keys to string values, because every reader of the event (read models, exports,
 * the audit trail, a future consumer) can hold a string for ever, while numbers, booleans and
 * nested objects would each need their own reading. Keys are 1 to {@link #MAX_KEY} characters
 * that {@link StorableText#key} admits, values at most {@link #MAX_VALUE} characters that
 * {@link StorableText#text} admits; a redemption's holds at most {@link #MAX_ENTRIES} entries, a
 * book's (the "JSON object of at most 4 KB") at most {@link #MAX_BYTES} bytes of compact
 * UTF-8 JSON.
 */
public final class StorableMetadata {

    public static final int MAX_ENTRIES = 20;
    public static final int MAX_KEY = 64;
    public static final int MAX_VALUE = 512;
    public static final int MAX_BYTES = 4096;

    private static final ObjectMapper JSON = new ObjectMapper();

    private StorableMetadata() {
    }

    /** Whether every entry meets the key and value rules; null holds none and does. */
    public static boolean entriesStorable(Map<String, String> metadata) {
        return metadata == null || metadata.entrySet().stream().allMatch(entry ->
                entry.getKey() != null && entry.getKey().length() <= MAX_KEY && StorableText.key(entry.getKey())
                        && entry.getValue() != null && entry.getValue().length() <= MAX_VALUE
                        && StorableText.text(entry.getValue()));
    }

    /** Why an entry was refused, for the problem's detail. */
    public static String entryRules() {
        return "string keys of 1 to " + MAX_KEY + " characters without control characters, dots or a leading $,"
                + " and string values of at most " + MAX_VALUE + " characters without control characters"
                + " (tab and line breaks allowed)";
    }

    /**
     * Metadata bounded by size, a book's, as its events carry it: an unmodifiable copy in the order
     * given, empty for null. Throws {@code INVALID_METADATA} for an entry that breaks the rules,
     * else {@code METADATA_TOO_LARGE} above {@link #MAX_BYTES}.
     */
    public static Map<String, String> bounded(Map<String, String> metadata) {
        if (metadata == null) {
            return Map.of();
        }
        if (!entriesStorable(metadata)) {
            throw new DomainException(Refusal.INVALID_METADATA, "metadata holds " + entryRules());
        }
        int bytes = jsonBytes(metadata);
        if (bytes > MAX_BYTES) {
            throw new DomainException(Refusal.METADATA_TOO_LARGE, "metadata takes " + bytes
                    + " bytes as compact JSON, more than " + MAX_BYTES);
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The size of {@code metadata} as compact UTF-8 JSON, the measure of the 4 KB bound. */
    public static int jsonBytes(Map<String, String> metadata) {
        try {
            return JSON.writeValueAsBytes(metadata).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }
}
