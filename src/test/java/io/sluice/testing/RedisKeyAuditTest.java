package io.sluice.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit's own parts: MONITOR lines decoded, slots computed as Redis Cluster does. */
class RedisKeyAuditTest {

  @Test
  void monitorArgumentsAreUnescaped() {
    // Given a MONITOR line's arguments with escapes and binary bytes
    String text = "\"EVALSHA\" \"abc\" \"1\" \"p:{q\\\"x}:meta\" \"a\\\\b\" \"\\x00\\xff\" \"line\\nbreak\"";

    // When it is parsed
    List<String> args = RedisKeyAudit.parseArguments(text);

    // Then each argument is the bytes Redis got
    assertEquals(List.of("EVALSHA", "abc", "1", "p:{q\"x}:meta", "a\\b", "\u0000\u00ff", "line\nbreak"), args);
  }

  @Test
  void slotsAreRedisClusterSlots() {
    // Then known slots (CLUSTER KEYSLOT) come out, and keys sharing a hash tag share a slot
    assertEquals(12182, RedisKeyAudit.slot("foo"));
    assertEquals(5061, RedisKeyAudit.slot("bar"));
    assertEquals(RedisKeyAudit.slot("p:sqs:{us-east-1/000000000000/q}:meta"),
        RedisKeyAudit.slot("p:sqs:{us-east-1/000000000000/q}:msg"));
    assertNotEquals(RedisKeyAudit.slot("p:sqs:{a}:meta"), RedisKeyAudit.slot("p:sqs:{b}:meta"));
  }
}
