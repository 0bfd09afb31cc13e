package io.ringline.platform.testing.architecture.visibility.owner;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** Fixture of {@code VisibilityRulesTest}: another package only annotates a class with it. */
@Retention(RetentionPolicy.RUNTIME)
public @interface UsedAsAnnotation {
}
