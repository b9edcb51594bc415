package io.sluice.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a test class (and its subclasses) or a test method as one for {@code mvn verify} only: it
 * starts real parts (a node, a Redis, a child JVM, Python) and so stays out of the fast
 * {@code mvn test} loop. Classes under {@code io.sluice.it} are in the full loop without it. The
 * pom selects on the JUnit tag {@value #TAG}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Tag(FullLoop.TAG)
public @interface FullLoop {
  /** The JUnit tag the pom's surefire and failsafe filter on. */
  String TAG = "full-loop";
}
