package io.sluice.swf.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A workflow type's defaults as registered ({@code WorkflowTypeConfiguration}). */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record WorkflowTypeConfiguration(String defaultTaskStartToCloseTimeout, String defaultExecutionStartToCloseTimeout, TaskList defaultTaskList, String defaultTaskPriority, String defaultChildPolicy, String defaultLambdaRole) {}
