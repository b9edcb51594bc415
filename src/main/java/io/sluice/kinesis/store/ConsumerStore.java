package io.sluice.kinesis.store;

import io.sluice.kinesis.model.ConsumerRecord;
import io.sluice.kinesis.model.StreamId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where enhanced fan-out consumers and their shard subscriptions live. Consumers belong to one
 * generation of a stream (a stream created again under the same name has none); one whose
 * deregistration has completed ({@link ConsumerRecord#exists} false at {@code now}) is as if absent.
 */
public interface ConsumerStore {

  /** How {@link #register} went. */
  enum Registered { STORED, NAME_IN_USE, LIMIT_REACHED }

  /**
   * Stores {@code consumer} in one step unless its stream generation has a consumer of that name or
   * already {@code limit} consumers.
   */
  CompletionStage<Registered> register(ConsumerRecord consumer, int limit, long now);

  CompletionStage<Optional<ConsumerRecord>> find(StreamId stream, long generation, String name, long now);

  /** The consumers of a stream generation, by name. */
  CompletionStage<List<ConsumerRecord>> list(StreamId stream, long generation, long now);

  /**
   * Starts deregistering: DELETING until {@code goneMillis}. The consumer as it now is, or empty if
   * there is none.
   */
  CompletionStage<Optional<ConsumerRecord>> deregister(StreamId stream, long generation, String name,
                                                       long goneMillis, long now);

  /**
   * Makes {@code token} the subscription of {@code consumerArn} to {@code shard}, kept for
   * {@code keepMillis}, unless another was taken less than {@code refuseMillis} before {@code now};
   * whether it was taken.
   */
  CompletionStage<Boolean> subscribe(String consumerArn, int shard, String token, long refuseMillis, long keepMillis,
                                     long now);

  /** The token of the latest subscription of {@code consumerArn} to {@code shard}, if one is kept. */
  CompletionStage<Optional<String>> subscription(String consumerArn, int shard, long now);
}
