package io.sluice.sqs;

import io.sluice.sqs.model.QueueId;
import io.sluice.storage.waiters.Signals;

/**
 * Where long polls wait for messages, by queue: a send, or a change that makes a message visible
 * sooner, announces the queue and wakes its polls on every node.
 */
public interface MessageArrivals extends Signals<QueueId> {}
