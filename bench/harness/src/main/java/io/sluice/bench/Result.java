package io.sluice.bench;

import java.util.List;

/** What one scenario gave for one server: a measurement, or why there is none. */
public sealed interface Result {

  /** The scenario could not run on this server; {@code reason} says why (shown in the table). */
  record Missing(String reason) implements Result {}

  /** A throughput scenario (a, b, c). */
  record Load(ClosedLoop.Outcome outcome, int concurrency) implements Result {}

  /**
   * Long-poll wake-up (d): latencies in nanoseconds from the send's reply to the waiting receive's
   * reply (negative when the receive was answered first) and from the send's start to that reply.
   */
  record WakeUp(int heldPolls, long[] replyToReplyNanos, long[] sendToReceiveNanos, long timeouts, long errors,
                String firstError) implements Result {}

  /**
   * Many held long polls (e): whether all were held and answered, and the heap they took;
   * {@code rearmed} counts polls that ran their 20 s before their message was sent and were held again.
   */
  record HeldPolls(int polls, int queues, String heap, long heldByServer, long answeredEarly, long withMessage,
                   long rearmed, long errors, String firstError, long heapBaselineBytes, long heapHeldBytes,
                   long rssHeldBytes, double armSeconds) implements Result {}

  /**
   * Start-up to first answered request (f), one entry per run; the server's own figure if it prints
   * one; and the CPU time the process had used by then (less sensitive to other work on the machine).
   */
  record Startup(String command, List<Long> millis, List<Long> selfReportedMillis, List<Long> cpuMillis)
      implements Result {}
}
