package dev.couponbook.server.history;

import dev.couponbook.messages.couponbook.CouponBookCreated;
import dev.couponbook.messages.couponbook.CouponBookUpdated;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Reads revision "3" of the events carrying a book's terms, from before terms could say how long
 * a code lives after assignment, as revision "4": the payloads are unchanged, and the missing
 * {@code terms.codeValidityAfterAssignment} reads as null, codes valid for the book's whole window.
 */
@Configuration(proxyBeanMethods = false)
public class CodeValidityTermsUpcasters {

    // After the metadata step ("2" → "3"): the chain applies its upcasters in list order.
    @Bean
    @Order(3)
    PayloadRepair couponBookCreatedTermsUpcaster() {
        return new PayloadRepair(CouponBookCreated.class, "3", "4", event -> event) {
        };
    }

    // After the metadata step ("2" → "3"): the chain applies its upcasters in list order.
    @Bean
    @Order(3)
    PayloadRepair couponBookUpdatedTermsUpcaster() {
        return new PayloadRepair(CouponBookUpdated.class, "3", "4", event -> event) {
        };
    }
}
