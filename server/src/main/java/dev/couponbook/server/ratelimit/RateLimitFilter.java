package dev.couponbook.server.ratelimit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.couponbook.server.web.Problems;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Rate limits with bucket4j on Redis, so every instance shares the same budgets: coupon actions
 * per user and per client IP, login attempts per client IP (slows down password guessing).
 * Over budget answers 429 with {@code Retry-After}. If Redis cannot be reached the request goes
 * through: the limits protect capacity, and the coupon invariants do not depend on them.
 */
public class RateLimitFilter extends OncePerRequestFilter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);
    private static final Pattern COUPON_ACTION = Pattern.compile(
            "^/api/v1/(coupon-books/[^/]+/assignments|coupons/[^/]+/(assignment|lock|redemptions))$");
    private static final String LOGIN = "/api/v1/auth/token";

    private final RateLimitProperties limits;
    private final String namespace;
    private final ObjectMapper json;
    private final LettuceConnectionFactory redis;
    private volatile StatefulRedisConnection<String, byte[]> connection;
    private volatile ProxyManager<String> buckets;

    public RateLimitFilter(RateLimitProperties limits, @Value("${couponbook.namespace}") String namespace,
                           ObjectMapper json, LettuceConnectionFactory redis) {
        this.limits = limits;
        this.namespace = namespace;
        this.json = json;
        this.redis = redis;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<Budget> budgets = budgetsFor(request);
        for (Budget budget : budgets) {
            long retryAfterSeconds = tryConsume(budget);
            if (retryAfterSeconds > 0) {
                refuse(request, response, retryAfterSeconds);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private record Budget(String key, int perMinute) {
    }

    private List<Budget> budgetsFor(HttpServletRequest request) {
        String path = request.getRequestURI();
        String method = request.getMethod();
        List<Budget> budgets = new ArrayList<>(2);
        if ("POST".equals(method) && LOGIN.equals(path)) {
            budgets.add(new Budget("login:ip:" + request.getRemoteAddr(), limits.loginsPerIpPerMinute()));
        } else if (("POST".equals(method) || "DELETE".equals(method)) && COUPON_ACTION.matcher(path).matches()) {
            Authentication user = SecurityContextHolder.getContext().getAuthentication();
            if (user != null && user.isAuthenticated()) {
                budgets.add(new Budget("coupon:user:" + user.getName(), limits.couponActionsPerUserPerMinute()));
            }
            budgets.add(new Budget("coupon:ip:" + request.getRemoteAddr(), limits.couponActionsPerIpPerMinute()));
        }
        budgets.removeIf(budget -> budget.perMinute() <= 0);
        return budgets;
    }

    /** Seconds until the budget allows one more request, or 0 when this request may go through. */
    private long tryConsume(Budget budget) {
        try {
            Supplier<BucketConfiguration> configuration = () -> BucketConfiguration.builder()
                    .addLimit(limit -> limit.capacity(budget.perMinute()).refillGreedy(budget.perMinute(), Duration.ofMinutes(1)))
                    .build();
            ConsumptionProbe probe = buckets().builder()
                    .build(namespace + ":ratelimit:" + budget.key(), configuration)
                    .tryConsumeAndReturnRemaining(1);
            return probe.isConsumed() ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
        } catch (RuntimeException e) {
            log.warn("Rate limit not checked, Redis unavailable: {}", e.toString());
            return 0;
        }
    }

    private ProxyManager<String> buckets() {
        ProxyManager<String> current = buckets;
        if (current == null) {
            synchronized (this) {
                if (buckets == null) {
                    connection = ((RedisClient) redis.getNativeClient())
                            .connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
                    buckets = Bucket4jLettuce.casBasedBuilder(connection)
                            .expirationAfterWrite(ExpirationAfterWriteStrategy
                                    .basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                            .build();
                }
                current = buckets;
            }
        }
        return current;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, long retryAfterSeconds)
            throws IOException {
        ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                "too many requests; retry after " + retryAfterSeconds + " s");
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        Problems.write(response, json, problem);
    }

    @Override
    public void destroy() {
        if (connection != null) {
            connection.close();
        }
    }
}
