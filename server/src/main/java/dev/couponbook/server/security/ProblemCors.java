package dev.couponbook.server.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.couponbook.messages.error.Refusal;
import dev.couponbook.server.web.Problems;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.CorsFilter;

import java.io.IOException;

/**
 * The CORS filter of the security chain (Spring Security picks up a bean named {@code corsFilter}),
 * answering a refused cross-origin request with a problem document, {@code CORS_REJECTED},
 * instead of Spring's plain-text "Invalid CORS request".
 */
@Configuration(proxyBeanMethods = false)
class ProblemCors {

    @Bean
    CorsFilter corsFilter(@Qualifier("corsConfigurationSource") CorsConfigurationSource origins, ObjectMapper json) {
        CorsFilter filter = new CorsFilter(origins);
        filter.setCorsProcessor(new DefaultCorsProcessor() {
            @Override
            protected void rejectRequest(ServerHttpResponse response) throws IOException {
                ProblemDetail problem = Problems.of(Refusal.CORS_REJECTED);
                response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
                response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
                json.writeValue(response.getBody(), problem);
                response.flush();
            }
        });
        return filter;
    }

    /** Only inside the security chain, not a second time as a servlet filter of its own. */
    @Bean
    FilterRegistrationBean<CorsFilter> corsFilterRegistration(CorsFilter corsFilter) {
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(corsFilter);
        registration.setEnabled(false);
        return registration;
    }
}
