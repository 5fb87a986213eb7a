package dev.couponbook.server.deadline;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How deadlines (a lock's end, a generation job's sweep) are kept and run ({@code couponbook.deadlines.*}).
 *
 * @param pollInterval how often the instance looks for deadlines that are due: how late at most one runs; JobRunr
 *                     allows no less than 5 s
 * @param keepDone     how long a deadline that ran stays stored before it is deleted
 */
@Validated
@ConfigurationProperties("couponbook.deadlines")
public record DeadlineProperties(@DurationMin(seconds = 5) Duration pollInterval,
                                 @DurationMin(minutes = 1) Duration keepDone) {

    public DeadlineProperties {
        pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
        keepDone = keepDone == null ? Duration.ofHours(1) : keepDone;
    }
}
