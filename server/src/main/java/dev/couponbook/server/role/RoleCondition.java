package dev.couponbook.server.role;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.util.Arrays;
import java.util.Map;

/** Matches when {@code couponbook.roles} (comma separated, default all three) contains the role asked for. */
class RoleCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnRole.class.getName());
        String role = (String) attributes.get("value");
        String roles = context.getEnvironment().getProperty("couponbook.roles", "command,query,generation");
        return Arrays.stream(roles.split(",")).map(String::trim).anyMatch(role::equalsIgnoreCase);
    }
}
