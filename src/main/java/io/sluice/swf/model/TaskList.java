package io.sluice.swf.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A task list by name ({@code TaskList}). */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record TaskList(String name) {}
