package io.sluice.storage.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.VertxException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

/** Which failures of a Redis call mean Redis cannot serve (an outage) and which are its answers. */
class GuardedRedisTest {

  @Test
  void refusedOrLostConnectionsAreOutages() {
    assertEquals("connection refused", GuardedRedis.unavailable(
        new VertxException("connect failed", new ConnectException("Connection refused: /127.0.0.1:6379"))));
    assertEquals("connection lost (ClosedChannelException)", GuardedRedis.unavailable(new ClosedChannelException()));
    assertEquals("connection lost (Connection is closed)", GuardedRedis.unavailable(
        new VertxException("Connection is closed")));
  }

  @Test
  void refusedPasswordsAndBusyServersAreOutages() {
    assertEquals("Redis refused the password (WRONGPASS invalid username-password pair or user is disabled.)",
        GuardedRedis.unavailable(new VertxException("WRONGPASS invalid username-password pair or user is disabled.")));
    assertEquals("LOADING Redis is loading the dataset in memory",
        GuardedRedis.unavailable(new VertxException("LOADING Redis is loading the dataset in memory")));
  }

  @Test
  void redisErrorRepliesToACommandAreNot() {
    assertNull(GuardedRedis.unavailable(new VertxException("NOSCRIPT No matching script. Please use EVAL.")));
    assertNull(GuardedRedis.unavailable(new VertxException("ERR Error running script: user_script:12: bad")));
    assertNull(GuardedRedis.unavailable(new IllegalStateException("unexpected reply")));
  }
}
