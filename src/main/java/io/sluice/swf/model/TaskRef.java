package io.sluice.swf.model;

/**
 * A task as queued in its task list: the run it belongs to and the eventId of its
 * {@code …TaskScheduled} event. Only the run's state says whether it is still to be handed out.
 */
public record TaskRef(String workflowId, String runId, long scheduledEventId) {}
