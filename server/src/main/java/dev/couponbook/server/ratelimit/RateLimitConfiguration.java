package dev.couponbook.server.ratelimit;

import dev.couponbook.command.NamespaceProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Budgets in Redis, spent by route once Spring MVC knows which handler takes the request. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
public class RateLimitConfiguration {

    @Bean
    public RateLimits rateLimits(NamespaceProperties settings, LettuceConnectionFactory redis) {
        return new RateLimits(settings.namespace(), redis);
    }

    @Bean
    WebMvcConfigurer rateLimitsByRoute(RateLimits limits, RateLimitProperties budgets) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new RateLimitInterceptor(limits, budgets));
            }
        };
    }
}
