package io.sluice.kinesis;

import java.util.concurrent.CompletionStage;

/**
 * Where {@code SubscribeToShard} subscriptions wait for records. A put announces each shard it
 * wrote to; a waiting subscription on any node wakes, never by parking a thread. Keys name one
 * shard of one stream generation ({@link #key}).
 */
public interface ShardSignals {

  /** The key of a shard: its stream's ARN, generation and index. */
  static String key(String streamArn, long generation, int shard) {
    return streamArn + "/" + generation + "/" + shard;
  }

  /** How many announcements of {@code shard} this node has seen; read before looking at the store. */
  long epoch(String shard);

  /**
   * Completes when {@code shard} is announced (or was since {@code sinceEpoch}), after
   * {@code maxWaitMillis}, or at shutdown; false only at shutdown.
   */
  CompletionStage<Boolean> await(String shard, long sinceEpoch, long maxWaitMillis);

  /** Tells the subscriptions of {@code shard} on every node that records arrived. */
  void announce(String shard);

  /** A clock for wait deadlines and heartbeats, in milliseconds. */
  long monotonicMillis();
}
