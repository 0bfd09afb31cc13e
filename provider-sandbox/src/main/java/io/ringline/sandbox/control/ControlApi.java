package io.ringline.sandbox.control;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks controllers of the sandbox's own control surface (provisioning, users, faults, sink), whose errors are
 * {@code {error, details?}}, as opposed to the simulated provider APIs, which answer in their provider's shape.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface ControlApi {
}
