package io.sluice.swf.model;

/** A task a history transaction puts in a task list once it committed. */
public record QueuedTask(TaskListId list, TaskRef task) {}
