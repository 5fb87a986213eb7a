package dev.couponbook.command.code;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;

/**
 * Reads the codes of an upload body one at a time, so a file of millions of codes never sits in
 * memory whole: a JSON array of strings, or text with one code per line (blank lines ignored,
 * surrounding double quotes removed). Each code comes with its position: the line number, or
 * the element's 1-based index in the array.
 */
abstract class UploadedCodes implements Closeable {

    /** One code as sent; {@code text} is null when the element was not a string. */
    record Entry(long position, String text) {
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
        private static final int MAX_KEPT = CodeRules.MAX_LENGTH + 2;

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
                if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
                    text = text.substring(1, text.length() - 1);
                }
                if (!text.isEmpty() || tooLong) {
                    return new Entry(lineNo, tooLong ? text + "…" : text);
                }
            }
            return null;
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
                parser.skipChildren();
                return new Entry(++index, null);
            } catch (JsonProcessingException e) {
                throw new Malformed(index, "the JSON array breaks off after element " + index);
            }
        }

        @Override
        public void close() throws IOException {
            parser.close();
        }
    }
}
