package dev.couponbook.query.code;

import dev.couponbook.messages.couponbook.BookCodeView;
import dev.couponbook.messages.couponbook.FindCode;
import dev.couponbook.messages.error.DomainException;
import dev.couponbook.messages.error.Refusal;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Lets admins look a code up by itself (codes are unique across books): its book, status and holder. */
@RestController
@PreAuthorize("hasRole('ADMIN')")
@Tag(name = "Code export")
public class CodeLookupController {

    private final QueryGateway queries;

    public CodeLookupController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/coupons/{code}")
    public BookCodeView get(@PathVariable String code) {
        BookCodeView view = queries.query(new FindCode(code), ResponseTypes.instanceOf(BookCodeView.class)).join();
        if (view == null) {
            throw new DomainException(Refusal.COUPON_NOT_FOUND, "no book has this code");
        }
        return view;
    }
}
