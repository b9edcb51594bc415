package io.sluice.swf.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/** An activity type as DescribeActivityType and ListActivityTypes answer it ({@code ActivityTypeInfo}). */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record ActivityTypeInfo(TypeRef activityType, RegistrationStatus status, String description, Instant creationDate, Instant deprecationDate) {}
