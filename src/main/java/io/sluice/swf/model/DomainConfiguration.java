package io.sluice.swf.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A domain's configuration ({@code DomainConfiguration}): its retention period in days, as registered. */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record DomainConfiguration(String workflowExecutionRetentionPeriodInDays) {}
