package dev.couponbook.server.role;

import org.springframework.context.annotation.Conditional;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Registers the annotated configuration only when this instance runs the named role. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Conditional(RoleCondition.class)
public @interface ConditionalOnRole {

    /** One of {@code command}, {@code query}, {@code generation}. */
    String value();
}
