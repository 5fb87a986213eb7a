package dev.couponbook.server.ratelimit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** Creates the rate-limit filter; the security chain places it after authentication. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
public class RateLimitConfiguration {

    @Bean
    public RateLimitFilter rateLimitFilter(RateLimitProperties limits, @Value("${couponbook.namespace}") String namespace,
                                           ObjectMapper json, LettuceConnectionFactory redis) {
        return new RateLimitFilter(limits, namespace, json, redis);
    }

    /** Keeps Spring Boot from also registering the filter with the servlet container, outside the security chain. */
    @Bean
    public FilterRegistrationBean<RateLimitFilter> rateLimitFilterRegistration(RateLimitFilter filter) {
        FilterRegistrationBean<RateLimitFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }
}
