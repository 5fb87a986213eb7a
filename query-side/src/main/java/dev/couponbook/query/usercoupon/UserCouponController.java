package dev.couponbook.query.usercoupon;

import dev.couponbook.messages.coupon.FindUserCoupons;
import dev.couponbook.messages.coupon.UserCouponPage;
import dev.couponbook.query.readmodel.ReadModelStatus;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;

/** Lists the coupons a user holds: users their own, admins, analysts and service accounts anyone's. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "User coupons")
public class UserCouponController {

    private final QueryGateway queries;
    private final ReadModelStatus readModels;

    public UserCouponController(QueryGateway queries, ReadModelStatus readModels) {
        this.queries = queries;
        this.readModels = readModels;
    }

    @GetMapping("/users/{userId}/coupons")
    @PreAuthorize("hasAnyRole('ADMIN', 'ANALYST', 'SERVICE') or #userId == authentication.name")
    public UserCouponPage ofUser(@PathVariable String userId,
                                 @RequestParam(required = false) String bookId,
                                 @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                                 @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
                                 @Parameter(description = "wait up to this many milliseconds until every event stored before the request is in the answer")
                                 @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) long waitMs) {
        readModels.awaitCaughtUp(UserCouponProjection.PROCESSING_GROUP, Duration.ofMillis(waitMs));
        return queries.query(new FindUserCoupons(userId, bookId, page, size), ResponseTypes.instanceOf(UserCouponPage.class)).join();
    }

    @GetMapping("/me/coupons")
    // A service account holds no coupons: it reads a user's through /users/{userId}/coupons.
    @PreAuthorize("!hasRole('SERVICE')")
    public UserCouponPage mine(Authentication caller,
                               @RequestParam(required = false) String bookId,
                               @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                               @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
                               @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) long waitMs) {
        return ofUser(caller.getName(), bookId, page, size, waitMs);
    }
}
