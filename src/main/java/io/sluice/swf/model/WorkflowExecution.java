package io.sluice.swf.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A workflow execution on the wire ({@code WorkflowExecution}): workflowId and runId. */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record WorkflowExecution(String workflowId, String runId) {}
