package io.sluice.swf.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** An activity type's defaults as registered ({@code ActivityTypeConfiguration}). */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record ActivityTypeConfiguration(String defaultTaskStartToCloseTimeout, String defaultTaskHeartbeatTimeout, TaskList defaultTaskList, String defaultTaskPriority, String defaultTaskScheduleToStartTimeout, String defaultTaskScheduleToCloseTimeout) {}
