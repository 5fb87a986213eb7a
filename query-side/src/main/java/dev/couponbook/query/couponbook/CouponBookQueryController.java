package dev.couponbook.query.couponbook;

import dev.couponbook.messages.couponbook.CouponBookPage;
import dev.couponbook.messages.couponbook.CouponBookView;
import dev.couponbook.messages.couponbook.FindCouponBook;
import dev.couponbook.messages.couponbook.FindCouponBooks;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads coupon books for admins and analysts. */
@RestController
@RequestMapping("/api/v1/coupon-books")
@PreAuthorize("hasAnyRole('ADMIN', 'ANALYST')")
@Tag(name = "Coupon books")
public class CouponBookQueryController {

    private final QueryGateway queries;

    public CouponBookQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/{bookId}")
    public CouponBookView get(@PathVariable String bookId) {
        CouponBookView book = queries.query(new FindCouponBook(bookId), ResponseTypes.instanceOf(CouponBookView.class)).join();
        if (book == null) {
            throw new DomainException(Refusal.BOOK_NOT_FOUND);
        }
        return book;
    }

    @GetMapping
    public CouponBookPage list(@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                               @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return queries.query(new FindCouponBooks(page, size), ResponseTypes.instanceOf(CouponBookPage.class)).join();
    }
}
