package dev.couponbook.server.history;

import dev.couponbook.messages.couponbook.CouponBookCreated;
import dev.couponbook.messages.couponbook.CouponBookUpdated;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reads revision "1" of the events carrying a book's terms, from before terms could say how long
 * a code lives after assignment, as revision "2": the payloads are unchanged, and the missing
 * {@code terms.codeValidityAfterAssignment} reads as null, codes valid for the book's whole window.
 */
@Configuration(proxyBeanMethods = false)
public class CodeValidityTermsUpcasters {

    @Bean
    PayloadRepair couponBookCreatedTermsUpcaster() {
        return new PayloadRepair(CouponBookCreated.class, "1", "2", event -> event) {
        };
    }

    @Bean
    PayloadRepair couponBookUpdatedTermsUpcaster() {
        return new PayloadRepair(CouponBookUpdated.class, "1", "2", event -> event) {
        };
    }
}
