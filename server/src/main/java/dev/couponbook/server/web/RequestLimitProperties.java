package dev.couponbook.server.web;

import jakarta.validation.constraints.AssertTrue;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How large a request body may be ({@code couponbook.limits.*}, see {@link RequestSizeLimitFilter}).
 *
 * @param maxBody   every endpoint but the code upload
 * @param maxUpload the code upload, streamed
 */
@Validated
@ConfigurationProperties("couponbook.limits")
public record RequestLimitProperties(DataSize maxBody, DataSize maxUpload) {

    public RequestLimitProperties {
        maxBody = maxBody == null ? DataSize.ofMegabytes(1) : maxBody;
        maxUpload = maxUpload == null ? DataSize.ofMegabytes(512) : maxUpload;
    }

    /** A budget of nothing would refuse every request with a body. */
    @AssertTrue(message = "max-body and max-upload must be positive")
    public boolean isPositive() {
        return maxBody.toBytes() > 0 && maxUpload.toBytes() > 0;
    }
}
