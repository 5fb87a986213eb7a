package dev.couponbook.server.coupon;

import dev.couponbook.server.ApiClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/** The coupon calls of the API in one line each, tokens for any number of users, and a starting gate for races. */
public final class CouponApi {

    private final ApiClient api;
    private final JwtEncoder encoder;
    public final String admin;

    public CouponApi(ApiClient api, JwtEncoder encoder) {
        this.api = api;
        this.encoder = encoder;
        this.admin = token("admin-" + UUID.randomUUID(), "ADMIN");
    }

    /** A USER token for a fresh user id, signed like the token endpoint's; no account or password hashing needed. */
    public String newUser() {
        return token("user-" + UUID.randomUUID(), "USER");
    }

    /** A token for {@code subject} with one role, valid for two hours. */
    public String token(String subject, String role) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer("coupon-book-service").audience(List.of("coupon-book-api"))
                .subject(subject).issuedAt(now).notBefore(now).expiresAt(now.plusSeconds(7200))
                .claim("roles", List.of(role)).build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
    }

    /** Codes no other test uses: codes are unique across all books of the shared test store. */
    public static List<String> freshCodes(int count) {
        String prefix = "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
    }

    public String createBook(Map<String, Object> terms) {
        Map<String, Object> body = new HashMap<>(terms);
        body.putIfAbsent("name", "Test book");
        ApiClient.Response created = api.post("/api/v1/coupon-books", admin, body);
        if (created.status() != 201) {
            throw new IllegalStateException("book not created: " + created.raw());
        }
        return created.json().get("bookId").asText();
    }

    ApiClient.Response uploadCsv(String bookId, String body) {
        return api.send(HttpMethod.POST, "/api/v1/coupon-books/" + bookId + "/codes", admin, body,
                MediaType.valueOf("text/csv"), HttpHeaders.EMPTY);
    }

    /** A book holding {@code codes}, with these terms. */
    public String bookWith(List<String> codes, Map<String, Object> terms) {
        String bookId = createBook(terms);
        ApiClient.Response upload = uploadCsv(bookId, String.join("\n", codes));
        if (upload.status() != 200 || upload.json().get("accepted").asLong() != codes.size()) {
            throw new IllegalStateException("upload failed: " + upload.raw());
        }
        return bookId;
    }

    public ApiClient.Response assign(String bookId, String token) {
        return api.post("/api/v1/coupon-books/" + bookId + "/assignments", token, Map.of());
    }

    ApiClient.Response assign(String bookId, String token, String idempotencyKey) {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Idempotency-Key", idempotencyKey);
        return api.send(HttpMethod.POST, "/api/v1/coupon-books/" + bookId + "/assignments", token, Map.of(),
                MediaType.APPLICATION_JSON, headers);
    }

    public ApiClient.Response lock(String code, String token, Integer ttlSeconds) {
        return api.post("/api/v1/coupons/" + code + "/lock", token, ttlSeconds == null ? Map.of() : Map.of("ttlSeconds", ttlSeconds));
    }

    public ApiClient.Response unlock(String code, String token) {
        return api.send(HttpMethod.DELETE, "/api/v1/coupons/" + code + "/lock", token, null);
    }

    ApiClient.Response redeem(String code, String token, String lockId) {
        return api.post("/api/v1/coupons/" + code + "/redemptions", token, Map.of("lockId", lockId));
    }

    ApiClient.Response redeem(String code, String token, String lockId, String idempotencyKey) {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Idempotency-Key", idempotencyKey);
        return api.send(HttpMethod.POST, "/api/v1/coupons/" + code + "/redemptions", token, Map.of("lockId", lockId),
                MediaType.APPLICATION_JSON, headers);
    }

    ApiClient.Response patch(String bookId, Map<String, Object> changes) {
        return api.send(HttpMethod.PATCH, "/api/v1/coupon-books/" + bookId, admin, changes);
    }

    /** An assigned code with its holder's token. */
    public record Held(String code, String token) {
    }

    Held heldCoupon(Map<String, Object> terms) {
        String bookId = bookWith(freshCodes(1), terms);
        String user = newUser();
        ApiClient.Response assigned = assign(bookId, user);
        if (assigned.status() != 201) {
            throw new IllegalStateException("not assigned: " + assigned.raw());
        }
        return new Held(assigned.json().get("code").asText(), user);
    }

    /** One user's (token {@code owner}) coupons in each state, a free code of the same book, and the live lock's id. */
    public record CouponsInEveryState(String owner, String free, String held, String locked, String redeemed, String lockId) {
    }

    /** A book of four codes: one left free, one held, one held and locked (for {@code lockSeconds}), one redeemed. */
    public CouponsInEveryState couponsInEveryState(Integer lockSeconds) {
        List<String> codes = freshCodes(4);
        String bookId = bookWith(codes, Map.of());
        String owner = newUser();
        String held = assign(bookId, owner).json().get("code").asText();
        String locked = assign(bookId, owner).json().get("code").asText();
        String redeemed = assign(bookId, owner).json().get("code").asText();
        String free = codes.stream().filter(code -> !List.of(held, locked, redeemed).contains(code)).findFirst().orElseThrow();
        String lockId = lock(locked, owner, lockSeconds).json().get("lockId").asText();
        String used = lock(redeemed, owner, null).json().get("lockId").asText();
        if (redeem(redeemed, owner, used).status() != 201) {
            throw new IllegalStateException("not redeemed: " + redeemed);
        }
        return new CouponsInEveryState(owner, free, held, locked, redeemed, lockId);
    }

    /**
     * Runs {@code count} calls at once: every call waits at a gate until all threads are
     * ready, so they really race. Returns the results in call order.
     */
    public static <T> List<T> race(int count, IntFunction<T> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch ready = new CountDownLatch(count);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                Callable<T> task = () -> {
                    ready.countDown();
                    go.await();
                    return call.apply(index);
                };
                futures.add(threads.submit(task));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}
