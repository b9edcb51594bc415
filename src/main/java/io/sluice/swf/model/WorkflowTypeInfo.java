package io.sluice.swf.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/** A workflow type as DescribeWorkflowType and ListWorkflowTypes answer it ({@code WorkflowTypeInfo}). */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record WorkflowTypeInfo(TypeRef workflowType, RegistrationStatus status, String description, Instant creationDate, Instant deprecationDate) {}
