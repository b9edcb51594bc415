package io.sluice.swf.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.sluice.swf.SwfModule;
import io.sluice.swf.model.ExecutionKey;
import io.sluice.testing.FullLoop;
import io.sluice.testing.RedisEngineFixture;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis engine against the execution store compatibility kit, on its own key prefix of an
 * audited Redis (every key under the prefix, every script on its declared keys in one slot).
 */
@FullLoop
class RedisExecutionStoreTest extends ExecutionStoreContract {
  @RegisterExtension
  static final RedisEngineFixture REDIS = RedisEngineFixture.audited("swf-exec");

  @Override
  protected ExecutionStore freshStore() {
    return REDIS.wiped().open(SwfModule.EXECUTIONS);
  }

  /** No key under the workflowId's hash tag, and its partition no longer in the scheduler's registry. */
  @Override
  protected void assertNothingLeftOf(ExecutionKey key) {
    assertEquals(List.of(), REDIS.keys(REDIS.keyPrefix() + "*" + key.workflowId() + "}*"));
    // the registry (a set) is gone once its last member is
    for (String registry : REDIS.keys(REDIS.keyPrefix() + "*partitions*")) {
      Response members = REDIS.send(Request.cmd(Command.SMEMBERS).arg(registry));
      members.forEach(m -> assertFalse(m.toString().equals(ExecutionStore.deadlinePartition(key)), registry));
    }
  }
}
