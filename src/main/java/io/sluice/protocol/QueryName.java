package io.sluice.protocol;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The member's name in the AWS query protocol (botocore's {@code locationName}) where it differs
 * from the JSON name, e.g. {@code Attributes} is sent as {@code Attribute.N.Name} by SQS.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
public @interface QueryName {
  String value();
}
