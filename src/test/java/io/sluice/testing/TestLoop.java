package io.sluice.testing;

/**
 * Which test loop this JVM runs, from the {@code sluice.test.loop} system property the pom sets:
 * {@code fast} in {@code mvn test}, {@code full} in {@code mvn verify}'s integration tests,
 * {@code named} when tests are picked with {@code -Dtest}. The helpers that start real parts call
 * {@link #requireFull} so that a test which needs them but landed in the fast loop fails at once,
 * saying how to move it, instead of quietly slowing the loop down.
 */
public final class TestLoop {
  private TestLoop() {}

  /** Fails if this JVM runs the fast loop; {@code part} names what the caller was about to start. */
  public static void requireFull(String part) {
    if ("fast".equals(System.getProperty("sluice.test.loop"))) {
      throw new IllegalStateException("A test of the fast loop (mvn test) is starting " + part
          + ": annotate its class or method @" + FullLoop.class.getName()
          + ", or put a black-box test under io.sluice.it, so that it runs in mvn verify");
    }
  }
}
