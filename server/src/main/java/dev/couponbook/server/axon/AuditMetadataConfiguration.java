package dev.couponbook.server.axon;

import dev.couponbook.server.web.CorrelationIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.couponbook.messages.MetaDataKeys.CAUSATION_ID;
import static dev.couponbook.messages.MetaDataKeys.CLIENT;
import static dev.couponbook.messages.MetaDataKeys.CORRELATION_ID;
import static dev.couponbook.messages.MetaDataKeys.ROLES;
import static dev.couponbook.messages.MetaDataKeys.USER_ID;

/**
 * Makes every command and event say who caused it, so the audit trail answers "who did what".
 * A dispatch interceptor on the command bus and the event bus copies the caller from the HTTP
 * request into metadata: {@code userId} (the token's opaque subject, never an email),
 * {@code roles}, {@code client} (the User-Agent) and {@code correlationId} (the one
 * {@link CorrelationIdFilter} gave the request). Correlation data providers then carry these
 * keys from a command to the events it causes, and Axon's {@link MessageOriginProvider} adds {@code causationId}, the id of the message that caused it.
 */
@Configuration(proxyBeanMethods = false)
public class AuditMetadataConfiguration {

    private static final int MAX_CLIENT_LENGTH = 200;

    /**
     * Axon's origin provider under our key names: its "trace" (the first message of a chain) is
     * what clients call the correlation id, so a command's {@code correlationId} survives into
     * every event it causes, while its own id becomes their {@code causationId}.
     */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider(CAUSATION_ID, CORRELATION_ID);
    }

    @Bean
    CorrelationDataProvider requestOriginProvider() {
        return new SimpleCorrelationDataProvider(USER_ID, ROLES, CLIENT);
    }

    @Bean
    SmartInitializingSingleton requestOriginInterceptors(CommandBus commandBus, EventBus eventBus) {
        return () -> {
            commandBus.registerDispatchInterceptor(requestOrigin());
            eventBus.registerDispatchInterceptor(requestOrigin());
        };
    }

    /** Adds the origin keys a message does not carry yet; messages sent outside a request pass unchanged. */
    private static <M extends Message<?>> MessageDispatchInterceptor<M> requestOrigin() {
        return messages -> {
            Map<String, Object> origin = currentRequestOrigin();
            return (index, message) -> {
                Map<String, Object> missing = new HashMap<>(origin);
                missing.keySet().removeAll(message.getMetaData().keySet());
                if (missing.isEmpty()) {
                    return message;
                }
                @SuppressWarnings("unchecked")
                M enriched = (M) message.andMetaData(MetaData.from(missing));
                return enriched;
            };
        };
    }

    private static Map<String, Object> currentRequestOrigin() {
        Map<String, Object> origin = new HashMap<>();
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller != null && caller.isAuthenticated() && !(caller instanceof AnonymousAuthenticationToken)) {
            origin.put(USER_ID, caller.getName());
            origin.put(ROLES, roles(caller));
        }
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            if (request.getAttribute(CorrelationIdFilter.ATTRIBUTE) instanceof String correlationId) {
                origin.put(CORRELATION_ID, correlationId);
            }
            String userAgent = request.getHeader("User-Agent");
            if (userAgent != null && !userAgent.isBlank()) {
                origin.put(CLIENT, userAgent.length() > MAX_CLIENT_LENGTH ? userAgent.substring(0, MAX_CLIENT_LENGTH) : userAgent);
            }
        }
        return origin;
    }

    private static String roles(Authentication caller) {
        return caller.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_"))
                .map(authority -> authority.substring("ROLE_".length()))
                .sorted()
                .collect(Collectors.joining(","));
    }
}
