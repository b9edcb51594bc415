package io.sluice.kinesis;

import io.sluice.storage.waiters.Signals;

/**
 * Where {@code SubscribeToShard} subscriptions wait for records. A put announces each shard it
 * wrote to; a waiting subscription on any node wakes, never by parking a thread. Keys name one
 * shard of one stream generation ({@link #key}).
 */
public interface ShardSignals extends Signals<String> {

  /** The key of a shard: its stream's ARN, generation and index. */
  static String key(String streamArn, long generation, int shard) {
    return streamArn + "/" + generation + "/" + shard;
  }
}
