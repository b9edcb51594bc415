package io.sluice.swf.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A domain's tag ({@code ResourceTag}); the value may be absent. */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record ResourceTag(String key, String value) {}
