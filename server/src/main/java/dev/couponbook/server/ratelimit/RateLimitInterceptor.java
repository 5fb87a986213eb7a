package dev.couponbook.server.ratelimit;

import dev.couponbook.command.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.util.Set;

/**
 * Spends the budgets of the route that handles the request, as Spring MVC matched it (after
 * decoding), not of the raw URI: {@code /lock} reached as {@code %6Cock} is the same route and
 * counts the same; a spelling no route handles is a 404 and reaches nothing. Coupon actions
 * spend the caller's and the client address's budget, the token endpoint the address's (and
 * {@link dev.couponbook.server.security.TokenController} the account's). A service account acts
 * for many users, so its coupon actions count against its own, larger budget, keyed by account.
 */
public class RateLimitInterceptor implements HandlerInterceptor {

    static final String LOGIN = "POST /api/v1/auth/token";
    static final Set<String> COUPON_ACTIONS = Set.of(
            "POST /api/v1/coupon-books/{bookId}/assignments",
            "POST /api/v1/coupons/{code}/assignment",
            "POST /api/v1/coupons/{code}/validation",
            "POST /api/v1/coupons/{code}/lock",
            "DELETE /api/v1/coupons/{code}/lock",
            "POST /api/v1/coupons/{code}/redemptions",
            "POST /api/v1/coupons/{code}/redemptions/{redemptionId}/reversal");

    private static final String SERVICE_AUTHORITY = "ROLE_" + Caller.SERVICE_ROLE;

    private final RateLimits limits;
    private final RateLimitProperties budgets;

    public RateLimitInterceptor(RateLimits limits, RateLimitProperties budgets) {
        this.limits = limits;
        this.budgets = budgets;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String route = request.getMethod() + " " + request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (LOGIN.equals(route)) {
            limits.spend("login:ip:" + request.getRemoteAddr(), budgets.loginsPerIpPerMinute());
        } else if (COUPON_ACTIONS.contains(route)) {
            Authentication user = SecurityContextHolder.getContext().getAuthentication();
            if (user != null && user.isAuthenticated() && isServiceAccount(user)) {
                limits.spend("coupon:service:" + user.getName(), budgets.couponActionsPerServiceAccountPerMinute());
            } else if (user != null && user.isAuthenticated()) {
                limits.spend("coupon:user:" + user.getName(), budgets.couponActionsPerUserPerMinute());
            }
            limits.spend("coupon:ip:" + request.getRemoteAddr(), budgets.couponActionsPerIpPerMinute());
        }
        return true;
    }

    private static boolean isServiceAccount(Authentication user) {
        return user.getAuthorities().stream().anyMatch(role -> SERVICE_AUTHORITY.equals(role.getAuthority()));
    }
}
