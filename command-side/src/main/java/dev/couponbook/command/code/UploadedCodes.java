package dev.couponbook.command.code;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.couponbook.command.StorableText;
import dev.couponbook.messages.couponbook.CodeDetails;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the codes of an upload body one at a time, so a file of millions of codes never sits in
 * memory whole: a JSON array whose elements are code strings or objects
 * {@code {code, expiresAt, metadata}}, or text with one code per line (blank lines ignored,
 * surrounding double quotes removed) and optionally a second comma-separated column
 * {@code expiresAt} (an ISO-8601 instant; a first line {@code code,expiresAt} is a header). Each
 * code comes with its position: the line number, or the element's 1-based index in the array.
 */
abstract class UploadedCodes implements Closeable {

    /** The most a code's metadata may hold: its keys and values in UTF-8 plus the JSON punctuation around them. */
    static final int MAX_METADATA_BYTES = 4096;
    private static final String HEADER = "code,expiresAt";

    /**
     * One code as sent; {@code text} is null when the element was neither a string nor an object
     * with a code string. {@code problem}, when set, says why the code's expiry or metadata cannot
     * be taken, and then {@code details} is empty.
     */
    record Entry(long position, String text, CodeDetails details, UploadReport.Reason problem) {

        Entry(long position, String text) {
            this(position, text, CodeDetails.NONE, null);
        }
    }

    /** Thrown when the body stops being readable after {@code position}. */
    static final class Malformed extends IOException {
        final long position;

        Malformed(long position, String message) {
            super(message);
            this.position = position;
        }
    }

    /** The next code, or null at the end of the body. */
    abstract Entry next() throws IOException;

    static UploadedCodes lines(InputStream body) {
        return new Lines(new InputStreamReader(body, StandardCharsets.UTF_8));
    }

    static UploadedCodes jsonArray(InputStream body, JsonFactory factory) throws IOException {
        return new JsonArray(factory.createParser(body));
    }

    private static final class Lines extends UploadedCodes {
        // Longer lines cannot be codes; reading stops collecting there so one huge line costs no memory.
        private static final int MAX_KEPT = CodeRules.MAX_LENGTH + 2 + 1 + 40;

        private final Reader reader;
        private final StringBuilder line = new StringBuilder(MAX_KEPT);
        private long lineNo;
        private boolean ended;

        private Lines(Reader reader) {
            this.reader = new BufferedReader(reader, 64 * 1024);
        }

        @Override
        Entry next() throws IOException {
            while (!ended) {
                line.setLength(0);
                boolean tooLong = false;
                int c;
                while ((c = reader.read()) != -1 && c != '\n') {
                    if (line.length() < MAX_KEPT) {
                        line.append((char) c);
                    } else {
                        tooLong = true;
                    }
                }
                ended = c == -1;
                if (ended && line.isEmpty()) {
                    return null;
                }
                lineNo++;
                String text = line.toString().strip();
                if (lineNo == 1 && text.equalsIgnoreCase(HEADER)) {
                    continue;
                }
                int comma = text.indexOf(',');
                String expiry = comma < 0 ? null : unquoted(text.substring(comma + 1).strip());
                text = unquoted(comma < 0 ? text : text.substring(0, comma).strip());
                if (tooLong) {
                    return new Entry(lineNo, text + "…");
                }
                if (!text.isEmpty()) {
                    return expiry == null || expiry.isEmpty() ? new Entry(lineNo, text) : withExpiry(lineNo, text, expiry, Map.of());
                }
            }
            return null;
        }

        private static String unquoted(String text) {
            return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1) : text;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    private static final class JsonArray extends UploadedCodes {
        private final JsonParser parser;
        private long index;

        private JsonArray(JsonParser parser) throws IOException {
            this.parser = parser;
            JsonToken first;
            try {
                first = parser.nextToken();
            } catch (IOException e) {
                first = null;
            }
            if (first != JsonToken.START_ARRAY) {
                parser.close();
                throw new DomainException(Refusal.MALFORMED_JSON, "the body must be a JSON array of code strings");
            }
        }

        @Override
        Entry next() throws IOException {
            try {
                JsonToken token = parser.nextToken();
                if (token == null) {
                    throw new Malformed(index, "the JSON array is not closed after element " + index);
                }
                if (token == JsonToken.END_ARRAY) {
                    return null;
                }
                if (token == JsonToken.VALUE_STRING) {
                    String text = parser.getText();
                    return new Entry(++index, text);
                }
                if (token == JsonToken.START_OBJECT) {
                    return object(++index);
                }
                parser.skipChildren();
                return new Entry(++index, null);
            } catch (JsonProcessingException e) {
                throw new Malformed(index, "the JSON array breaks off after element " + index);
            }
        }

        /** Reads one {@code {code, expiresAt, metadata}} object; any other member, or a member of the wrong type, makes the code invalid. */
        private Entry object(long position) throws IOException {
            String code = null;
            String expiry = null;
            Map<String, String> metadata = new LinkedHashMap<>();
            boolean readable = true;
            boolean metadataReadable = true;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("code".equals(field) && value == JsonToken.VALUE_STRING) {
                    code = parser.getText();
                } else if ("expiresAt".equals(field) && (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NULL)) {
                    expiry = value == JsonToken.VALUE_NULL ? null : parser.getText();
                } else if ("metadata".equals(field) && value == JsonToken.START_OBJECT) {
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String key = parser.currentName();
                        if (parser.nextToken() == JsonToken.VALUE_STRING) {
                            metadata.put(key, parser.getText());
                        } else {
                            metadataReadable = false;
                            parser.skipChildren();
                        }
                    }
                } else if (!"metadata".equals(field) || value != JsonToken.VALUE_NULL) {
                    readable = false;
                    parser.skipChildren();
                }
            }
            if (!readable || code == null) {
                return new Entry(position, null);
            }
            if (!metadataReadable || !storable(metadata)) {
                return new Entry(position, code, CodeDetails.NONE, UploadReport.Reason.INVALID_METADATA);
            }
            return expiry == null ? new Entry(position, code, new CodeDetails(null, metadata), null)
                    : withExpiry(position, code, expiry, metadata);
        }

        @Override
        public void close() throws IOException {
            parser.close();
        }
    }

    private static Entry withExpiry(long position, String code, String expiry, Map<String, String> metadata) {
        try {
            return new Entry(position, code, new CodeDetails(Instant.parse(expiry), metadata), null);
        } catch (DateTimeParseException e) {
            return new Entry(position, code, CodeDetails.NONE, UploadReport.Reason.INVALID_EXPIRY);
        }
    }

    /** Whether metadata can be stored and read by everyone: storable keys and values, at most {@value #MAX_METADATA_BYTES} bytes. */
    static boolean storable(Map<String, String> metadata) {
        long bytes = 2;
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            if (!StorableText.key(entry.getKey()) || !StorableText.text(entry.getValue())) {
                return false;
            }
            bytes += entry.getKey().getBytes(StandardCharsets.UTF_8).length + entry.getValue().getBytes(StandardCharsets.UTF_8).length + 6;
        }
        return bytes <= MAX_METADATA_BYTES;
    }
}
