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
   * Publishing to a topic with SQS subscribers under closed-loop load (g, h): the Publish calls as
   * {@link Load}, then the count of what reached the queues. {@code acknowledged} Publish calls were
   * answered 2xx over the whole run (warm-up included), so each queue should hold as many
   * messages; {@code lost} sums what queues lack, {@code extra} what they hold beyond that (from
   * publishes answered with an error that were stored nonetheless). {@code catchUpSeconds} is from
   * the last Publish reply until every queue held its messages (NaN if they never did), and
   * {@code deliveriesPerSecond} is every delivery made over the time from the first publish to that
   * moment.
   */
  record Fanout(ClosedLoop.Outcome outcome, int concurrency, int subscribers, long acknowledged, long arrived,
                long lost, long extra, double catchUpSeconds, double deliveriesPerSecond, String countError)
      implements Result {}

  /**
   * Publish-to-queue latency at a fixed publish rate (i), per measured message in nanoseconds: from
   * the Publish call's start to the reply of the receive that brought the message, from the same
   * start to the queue's {@code SentTimestamp} (millisecond resolution), and the Publish call itself.
   * {@code lost} counts acknowledged publishes never received, {@code duplicates} messages received
   * twice, {@code fullReceives} receives that came back with 10 messages (more may have been waiting:
   * the consumer, not the delivery, may have set the latency of those messages).
   */
  record PublishToQueue(int rate, double achievedRate, long[] toReceiveNanos, long[] toSentTimestampNanos,
                        long[] publishCallNanos, long published, long lost, long duplicates, long fullReceives,
                        long errors, String firstError) implements Result {}

  /**
   * Start-up to first answered request (f), one entry per run; the server's own figure if it prints
   * one; and the CPU time the process had used by then (less sensitive to other work on the machine).
   */
  record Startup(String command, List<Long> millis, List<Long> selfReportedMillis, List<Long> cpuMillis)
      implements Result {}

  /** A drain of a pre-filled stream (m): the consumers' load, and the records the stream held. */
  record Drain(Load load, long prefilled) implements Result {}

  /**
   * Put → SubscribeToShard event latency at a fixed put rate (n), per measured record in nanoseconds:
   * from the PutRecord call's start to the arrival of the event carrying it, and the PutRecord call
   * itself. {@code lost} counts acknowledged measured puts no event brought; {@code transport} is
   * how the subscription went (HTTP/2 or HTTP/1.1).
   */
  record SubscribeLatency(int rate, double achievedRate, long[] putToEventNanos, long[] putCallNanos, long measured,
                          long lost, long duplicates, long errors, String firstError, String transport)
      implements Result {}

  /**
   * Enhanced fan-out (o): the producers' PutRecords as {@link Load}, then what the consumers
   * received: {@code acknowledged} records put over the whole run (each should reach every consumer),
   * {@code delivered} records received in all, {@code lost} what is missing 15 s after the last put,
   * deliveries per second from the first put to the last arrival, and the latency (µs) from a
   * measured record's PutRecords call's start to its arrival.
   */
  record EfoFanout(ClosedLoop.Outcome producer, int consumers, int shards, long acknowledged, long delivered,
                   long lost, double deliveriesPerSecond, org.HdrHistogram.Histogram latencyMicros,
                   String subscriptionError, String transport) implements Result {}

  /**
   * The memory engine holding {@code records} retained records (p): heap after a full GC before and
   * after they were put, the resident set size, and how long putting them took; {@code readBack}
   * counts the records read back afterwards.
   */
  record RetainedHeap(long records, long readBack, int recordBytes, String heap, long heapBaselineBytes,
                      long heapHeldBytes, long rssBytes, double fillSeconds) implements Result {}

  /**
   * PutRecordBatch into a delivery stream with an S3 destination (q): the calls as {@link Load}, then
   * what reached the bucket. {@code acknowledged} records were acknowledged by the puts into the
   * measured stream (those answered after the measured window too), {@code delivered} were found in its
   * objects (duplicates included); {@code lost}, {@code duplicates}, {@code unacknowledged} and
   * {@code malformed} as {@link DeliveryLedger} counts them. {@code deliveredBytesPerSecond} is what
   * landed in S3 during the measured window, {@code drainedBytesPerSecond} every byte of the measured
   * stream over the time from the window's start until its last object landed (both NaN where the
   * harness cannot see when objects land);
   * {@code catchUpSeconds} the time from the last put's answer until every acknowledged record had
   * landed (NaN if they never did, or where {@code inCall}: the server writes each put's object inside
   * the call, so there is nothing to catch up); {@code note} says how delivery was observed.
   */
  record FirehoseLoad(Load load, int batch, long acknowledged, long delivered, long objects, long lost,
                      long duplicates, long unacknowledged, long malformed, double deliveredBytesPerSecond,
                      double drainedBytesPerSecond, double catchUpSeconds, boolean inCall, String note)
      implements Result {}

  /**
   * Put → S3 object freshness (r) at a fixed PutRecord rate, per measured record in nanoseconds: from
   * the PutRecord call's start to the moment the S3 endpoint stored the object holding it, and the
   * PutRecord call itself. {@code lost} counts acknowledged measured records in no object.
   */
  record Freshness(int rate, double achievedRate, long[] putToObjectNanos, long[] putCallNanos, long measured,
                   long lost, long duplicates, long objects, long errors, String firstError) implements Result {}

  /**
   * Workflows through one activity under closed-loop load (s): the workflows as {@link Load} (a step
   * is one workflow, from its start to its completion answered), with {@code deciders} and
   * {@code workers} polling; {@code loopErrors} counts the deciders' and workers' calls that failed.
   */
  record Workflows(Load load, int deciders, int workers, long loopErrors, String firstLoopError) implements Result {}

  /**
   * SWF timer lateness (u): {@code timers} asked for in {@code executions}; {@code started} and
   * {@code fired} as found in the histories afterwards; {@code maxPending} the most started and not
   * yet fired at once (by the histories' timestamps); per fired timer, in nanoseconds, TimerFired's
   * eventTimestamp − (TimerStarted's + startToFireTimeout), and the moment a decider received the
   * decision task carrying it (client clock) − that fire time. {@code armSeconds} is how long
   * starting the executions took, {@code fireWindowSeconds} from the first TimerFired to the last;
   * {@code serverCores} and {@code clientCores} the CPU the server and the harness used from the first
   * start until the last execution completed.
   */
  record TimerLateness(int timers, int executions, long started, long fired, long maxPending,
                       long[] historyLatenessNanos, long[] deciderLatenessNanos, double armSeconds,
                       double fireWindowSeconds, double serverCores, double clientCores, long errors,
                       String firstError) implements Result {}
}
