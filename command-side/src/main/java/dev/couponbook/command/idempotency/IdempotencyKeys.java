package dev.couponbook.command.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.couponbook.command.RedisGuard;
import dev.couponbook.command.RedisKeys;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Honours the {@code Idempotency-Key} header: the first request with a key runs and its
 * successful response is kept in Redis ({@code couponbook.idempotency.ttl}, default 24 h); a
 * retry with the same key gets that response back and changes nothing. A pending marker, taken
 * with {@code SET NX}, stops two concurrent retries from both running. Keys belong to the caller
 * and to one endpoint, and a key stands for one request: the same key with another body is
 * refused (422 {@code IDEMPOTENCY_KEY_MISMATCH}) instead of answering with the first request's
 * response. A refused request keeps nothing, so its retry is decided afresh.
 */
@Component
public class IdempotencyKeys {

    /** The request header carrying the client's key. */
    public static final String HEADER = "Idempotency-Key";
    /** Set on a response that repeats the stored first response. */
    public static final String REPLAYED = "Idempotent-Replayed";

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

    /** {@code request} is a digest of the request's body as read; null in entries kept before it was recorded. */
    private record Stored(String path, String request, boolean pending, int status, JsonNode body) {
    }

    private final StringRedisTemplate redis;
    private final RedisKeys keys;
    private final ObjectMapper json;
    private final Duration pendingTtl;
    private final Duration ttl;

    public IdempotencyKeys(StringRedisTemplate redis, RedisKeys keys, ObjectMapper json,
                           IdempotencyProperties settings) {
        this.redis = redis;
        this.keys = keys;
        this.json = json;
        this.pendingTtl = settings.pendingTtl();
        this.ttl = settings.ttl();
    }

    /**
     * Runs {@code request} once per {@code key} of {@code userId} on {@code path}, for the request
     * body {@code body} (as read, so spacing and field order do not matter); without a key, simply runs it.
     */
    public ResponseEntity<?> once(String userId, String key, String path, Object body, Supplier<ResponseEntity<?>> request) {
        if (key == null) {
            return request.get();
        }
        if (!KEY.matcher(key).matches()) {
            throw new DomainException(Refusal.INVALID_IDEMPOTENCY_KEY);
        }
        String redisKey = keys.idempotency(userId, key);
        String fingerprint = fingerprint(body);
        boolean first = Boolean.TRUE.equals(RedisGuard.call(() ->
                redis.opsForValue().setIfAbsent(redisKey, write(new Stored(path, fingerprint, true, 0, null)), pendingTtl)));
        if (!first) {
            return replay(redisKey, path, fingerprint);
        }
        ResponseEntity<?> response;
        try {
            response = request.get();
        } catch (RuntimeException e) {
            RedisGuard.run(() -> redis.delete(redisKey));
            throw e;
        }
        Stored done = new Stored(path, fingerprint, false, response.getStatusCode().value(), json.valueToTree(response.getBody()));
        RedisGuard.run(() -> redis.opsForValue().set(redisKey, write(done), ttl));
        return response;
    }

    private ResponseEntity<?> replay(String redisKey, String path, String fingerprint) {
        String raw = RedisGuard.call(() -> redis.opsForValue().get(redisKey));
        if (raw == null) {
            throw new DomainException(Refusal.IDEMPOTENCY_KEY_IN_USE, "a request with this Idempotency-Key has just ended; retry");
        }
        Stored stored = read(raw);
        if (!stored.path().equals(path)) {
            throw new DomainException(Refusal.IDEMPOTENCY_KEY_REUSED);
        }
        if (stored.request() != null && !stored.request().equals(fingerprint)) {
            throw new DomainException(Refusal.IDEMPOTENCY_KEY_MISMATCH);
        }
        if (stored.pending()) {
            throw new DomainException(Refusal.IDEMPOTENCY_KEY_IN_USE);
        }
        return ResponseEntity.status(stored.status()).header(REPLAYED, "true").body(stored.body());
    }

    private String fingerprint(Object body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(body));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Stored stored) {
        try {
            return json.writeValueAsString(stored);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Stored read(String raw) {
        try {
            return json.readValue(raw, Stored.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
