package dev.couponbook.server.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/**
 * Which browser origins may call the API ({@code couponbook.cors.*}).
 *
 * @param allowedOrigins origins allowed cross-origin access; none by default, as shops and apps
 *                       call the API from their servers
 */
@ConfigurationProperties("couponbook.cors")
public record CorsProperties(List<String> allowedOrigins) {

    public CorsProperties {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }
}
