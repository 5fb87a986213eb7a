package dev.couponbook.command.couponbook;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How fresh the cached book terms are ({@code couponbook.book-terms.*}, see {@link BookTermsLookup}).
 *
 * @param cacheTtl age after which an entry is read again in the background: a change made on
 *                 another instance shows within it
 */
@Validated
@ConfigurationProperties("couponbook.book-terms")
public record BookTermsProperties(@DurationMin(millis = 1) Duration cacheTtl) {

    public BookTermsProperties {
        cacheTtl = cacheTtl == null ? Duration.ofSeconds(1) : cacheTtl;
    }
}
