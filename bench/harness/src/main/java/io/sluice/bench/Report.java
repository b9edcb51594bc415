package io.sluice.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.HdrHistogram.Histogram;

/**
 * Renders the results as Markdown (run conditions, a table of the throughput scenarios side by side
 * with the targets, a table of the Sluice-only scenarios, a table of the SNS scenarios) and puts it
 * into README.md between {@link #START} and {@link #END}.
 */
final class Report {
  static final String START = "<!-- bench:start -->";
  static final String END = "<!-- bench:end -->";
  /** The Kinesis table's own markers, so that a run of only k–p leaves the SQS and SNS tables alone. */
  static final String KINESIS_START = "<!-- bench-kinesis:start -->";
  static final String KINESIS_END = "<!-- bench-kinesis:end -->";
  static final List<String> KINESIS_SCENARIOS = List.of("k", "l", "m", "n", "o", "p");
  /** The Firehose table's own markers. */
  static final String FIREHOSE_START = "<!-- bench-firehose:start -->";
  static final String FIREHOSE_END = "<!-- bench-firehose:end -->";
  static final List<String> FIREHOSE_SCENARIOS = List.of("q", "r");
  /** The SWF table's own markers. */
  static final String SWF_START = "<!-- bench-swf:start -->";
  static final String SWF_END = "<!-- bench-swf:end -->";
  static final List<String> SWF_SCENARIOS = List.of("s", "t", "u", "v");

  private final Options options;
  private final Map<String, Map<Target, Result>> results;
  private final Map<String, String> conditions;

  Report(Options options, Map<String, Map<Target, Result>> results, Map<String, String> conditions) {
    this.options = options;
    this.results = results;
    this.conditions = conditions;
  }

  /** The whole report. */
  String markdown() {
    StringBuilder b = new StringBuilder();
    conditions.forEach((k, v) -> b.append("- ").append(k).append(": ").append(v).append('\n'));
    b.append('\n');
    sqsTables(b);
    if (KINESIS_SCENARIOS.stream().anyMatch(options::runs)) {
      kinesisTable(b);
    }
    if (FIREHOSE_SCENARIOS.stream().anyMatch(options::runs)) {
      firehoseTable(b);
    }
    if (SWF_SCENARIOS.stream().anyMatch(options::runs)) {
      swfTable(b);
    }
    return b.toString();
  }

  /** The run's conditions and the SQS and SNS tables (README between {@link #START} and {@link #END}); null if none ran. */
  String sqsMarkdown() {
    return part(Options.SCENARIOS.stream().filter(s -> !KINESIS_SCENARIOS.contains(s)
        && !FIREHOSE_SCENARIOS.contains(s) && !SWF_SCENARIOS.contains(s)).toList(),
        List.of(Bench.KINESIS_LOAD, Bench.FIREHOSE_LOAD, Bench.SWF_LOAD), this::sqsTables);
  }

  /** The run's conditions and the Kinesis table (README between {@link #KINESIS_START} and {@link #KINESIS_END}); null if none ran. */
  String kinesisMarkdown() {
    return part(KINESIS_SCENARIOS, List.of(Bench.SQS_LOAD, Bench.FIREHOSE_LOAD, Bench.SWF_LOAD), this::kinesisTable);
  }

  /** The run's conditions and the Firehose table (README between {@link #FIREHOSE_START} and {@link #FIREHOSE_END}); null if none ran. */
  String firehoseMarkdown() {
    return part(FIREHOSE_SCENARIOS, List.of(Bench.SQS_LOAD, Bench.KINESIS_LOAD, Bench.SWF_LOAD), this::firehoseTable);
  }

  /** The run's conditions and the SWF table (README between {@link #SWF_START} and {@link #SWF_END}); null if none ran. */
  String swfMarkdown() {
    return part(SWF_SCENARIOS, List.of(Bench.SQS_LOAD, Bench.KINESIS_LOAD, Bench.FIREHOSE_LOAD), this::swfTable);
  }

  /** The conditions but {@code otherLoads} and the {@code tables} of {@code scenarios}; null if none of them ran. */
  private String part(List<String> scenarios, List<String> otherLoads, java.util.function.Consumer<StringBuilder> tables) {
    if (scenarios.stream().noneMatch(options::runs)) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    conditions.forEach((k, v) -> {
      if (!otherLoads.contains(k)) {
        b.append("- ").append(k).append(": ").append(v).append('\n');
      }
    });
    b.append('\n');
    tables.accept(b);
    return b.toString();
  }

  private void sqsTables(StringBuilder b) {
    if (Arrays.asList("a", "b", "c").stream().anyMatch(options::runs)) {
      throughputTable(b);
    }
    if (Arrays.asList("d", "e", "f", "j").stream().anyMatch(options::runs)) {
      sluiceTable(b);
    }
    if (Arrays.asList("g", "h", "i").stream().anyMatch(options::runs)) {
      snsTable(b);
    }
  }

  private void throughputTable(StringBuilder b) {
    List<Target> cols = options.sqsTargets();
    b.append("| Scenario |");
    cols.forEach(t -> b.append(' ').append(t.label()).append(" |"));
    b.append(" Targets (vs ElasticMQ, messages/s) |\n|---|");
    cols.forEach(t -> b.append("---|"));
    b.append("---|\n");
    row(b, "a", "a) SendMessage, " + options.bodyBytes() + " B body", cols, 3.0, 1.5);
    row(b, "b", "b) SendMessageBatch, 10 × " + options.bodyBytes() + " B", cols, 2.0, 1.0);
    row(b, "c", "c) ReceiveMessage (max 10) + DeleteMessageBatch, pre-filled queue; latency per iteration",
        cols, 2.0, 1.0);
    b.append('\n');
  }

  private void row(StringBuilder b, String scenario, String title, List<Target> cols, double memoryTarget,
                   double redisTarget) {
    if (!options.runs(scenario)) {
      return;
    }
    Map<Target, Result> r = results.getOrDefault(scenario, Map.of());
    b.append("| ").append(title).append(" |");
    for (Target t : cols) {
      b.append(' ').append(cell(r.get(t))).append(" |");
    }
    b.append(' ').append(ratio(r, Target.SLUICE_MEMORY, memoryTarget)).append("<br>")
        .append(ratio(r, Target.SLUICE_REDIS, redisTarget)).append(ofCeiling(r, cols)).append(" |\n");
  }

  /** Each server's rate as a share of the ceiling's in the same scenario ("" without a ceiling). */
  private static String ofCeiling(Map<Target, Result> r, List<Target> cols) {
    Double ceiling = rate(r.get(Target.CEILING));
    if (ceiling == null || ceiling == 0) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    for (Target t : cols) {
      Double mine = rate(r.get(t));
      if (t != Target.CEILING && mine != null) {
        String name = switch (t) {
          case SLUICE_MEMORY -> "memory";
          case SLUICE_REDIS -> "Redis";
          default -> "ElasticMQ";
        };
        parts.add(String.format(Locale.ROOT, "%s %.2f", name, mine / ceiling));
      }
    }
    return parts.isEmpty() ? "" : "<br>share of the ceiling: " + String.join(" · ", parts);
  }

  private static String ratio(Map<Target, Result> r, Target sluice, double target) {
    String name = sluice == Target.SLUICE_MEMORY ? "memory" : "Redis";
    String want = name + " ≥ " + trim(target) + "×";
    Double mine = rate(r.get(sluice));
    Double theirs = rate(r.get(Target.ELASTICMQ));
    if (mine == null || theirs == null || theirs == 0) {
      return want + ": not measured";
    }
    double x = mine / theirs;
    return want + ": " + String.format(Locale.ROOT, "%.2f×", x) + (x >= target ? " ✅" : " ❌");
  }

  private static Double rate(Result r) {
    if (r instanceof Result.Drain d) {
      return rate(d.load());
    }
    if (r instanceof Result.Load l && l.outcome().messages() > 0) {
      return l.outcome().messagesPerSecond();
    }
    return null;
  }

  private static String cell(Result r) {
    if (r == null) {
      return "not run";
    }
    return switch (r) {
      case Result.Missing m -> "n/a: " + escape(m.reason());
      case Result.Load l -> loadCell(l.outcome(), "msg/s", "message");
      default -> escape(r.toString());
    };
  }

  /** A closed-loop measurement: {@code rate} names the unit of the rate, {@code step} what one step is. */
  private static String loadCell(ClosedLoop.Outcome o, String rate, String step) {
    if (o.messages() == 0) {
      return "failed: " + escape(String.valueOf(o.firstError()));
    }
    Histogram h = o.latencyMicros();
    StringBuilder c = new StringBuilder();
    c.append(String.format(Locale.ROOT, "**%,.0f %s**<br>p50 %s · p99 %s", o.messagesPerSecond(), rate,
        ms(h.getValueAtPercentile(50) * 1000), ms(h.getValueAtPercentile(99) * 1000)));
    c.append(String.format(Locale.ROOT, "<br>CPU: server %.2f cores (%s µs per %s), client %.2f cores",
        o.serverCores(), cpuMicrosPerMessage(o), step, o.clientCores()));
    ClosedLoop.Warmup w = o.warmup();
    if (w != null && !w.fixed()) {
      c.append(w.settled()
          ? String.format(Locale.ROOT, "<br>warmed %.0f s until stable", w.seconds())
          : String.format(Locale.ROOT, "<br>⚠ rate not stable after %.0f s of warm-up", w.seconds()));
    }
    if (o.otherCores() >= 0.15) {
      c.append(String.format(Locale.ROOT, "<br>⚠ other processes used %.2f cores meanwhile", o.otherCores()));
    }
    if (o.jitCores() >= 0.1) {
      c.append(String.format(Locale.ROOT, "<br>⚠ JIT compilers busy while measured (%.2f cores)", o.jitCores()));
    }
    if (o.drained()) {
      c.append(String.format(Locale.ROOT, "<br>queue emptied after %.1f s measured", o.seconds()));
    }
    if (o.errors() > 0) {
      c.append(errors(o.errors(), o.firstError()));
    }
    return c.toString();
  }

  /** Server CPU time per message: less sensitive than messages/s to other work on the machine. */
  static String cpuMicrosPerMessage(ClosedLoop.Outcome o) {
    if (Double.isNaN(o.serverCores()) || o.messages() == 0) {
      return "?";
    }
    return String.format(Locale.ROOT, "%,.0f", o.serverCores() * o.seconds() * 1e6 / o.messages());
  }

  private void sluiceTable(StringBuilder b) {
    List<Target> cols = options.targets().stream().filter(Target::isSluice).toList();
    boolean emqStartup = options.runs("f") && options.targets().contains(Target.ELASTICMQ);
    b.append("| Scenario (Sluice only) |");
    cols.forEach(t -> b.append(' ').append(t.label()).append(" |"));
    b.append(" Target |\n|---|");
    cols.forEach(t -> b.append("---|"));
    b.append("---|\n");
    if (options.runs("d")) {
      b.append("| d) long-poll wake-up: ").append(String.format(Locale.ROOT, "%,d", options.wakeQueues()))
          .append(" idle polls held (one per queue); send's reply → waiting receive's reply |");
      cols.forEach(t -> b.append(' ').append(wakeCell(results.getOrDefault("d", Map.of()).get(t), WAKE_UP)).append(" |"));
      b.append(" p99 < 5 ms").append(verdict(cols, "d", (t, r) -> r instanceof Result.WakeUp w && w.replyToReplyNanos().length > 0
          ? percentile(w.replyToReplyNanos(), 99) < 5_000_000 : null)).append(" |\n");
    }
    if (options.runs("j")) {
      b.append("| j) cross-node long-poll wake-up: two nodes clustered on one Redis, ")
          .append(String.format(Locale.ROOT, "%,d", options.wakeQueues()))
          .append(" idle polls held on node B, sends through node A; send's reply → waiting receive's reply |");
      cols.forEach(t -> b.append(' ').append(t == Target.SLUICE_REDIS
          ? wakeCell(results.getOrDefault("j", Map.of()).get(t), WAKE_UP) : "—").append(" |"));
      b.append(" p99 < 10 ms").append(verdict(cols, "j", (t, r) -> r instanceof Result.WakeUp w
          && w.replyToReplyNanos().length > 0 ? percentile(w.replyToReplyNanos(), 99) < 10_000_000 : null))
          .append(" |\n");
    }
    if (options.runs("e")) {
      b.append("| e) ").append(String.format(Locale.ROOT, "%,d", options.polls()))
          .append(" concurrent long polls held, Sluice at -Xmx").append(options.pollHeap()).append(" |");
      cols.forEach(t -> b.append(' ').append(heldCell(results.getOrDefault("e", Map.of()).get(t), HELD_RECEIVES)).append(" |"));
      b.append(" all held and answered").append(verdict(cols, "e", (t, r) -> r instanceof Result.HeldPolls h
          ? allHeldAndAnswered(h) : null)).append(" |\n");
    }
    if (options.runs("f")) {
      Result f = results.getOrDefault("f", Map.of()).get(Target.SLUICE_MEMORY);
      b.append("| f) start-up: launch of `bin/sluice` (memory engine, ahead-of-time cache when built on JDK 25+) → first answered request |");
      for (Target t : cols) {
        b.append(' ').append(t == Target.SLUICE_MEMORY ? startupCell(f) : "—").append(" |");
      }
      b.append(" median < 1 s");
      if (f instanceof Result.Startup s && !s.millis().isEmpty()) {
        b.append(median(s.millis()) < 1000 ? " ✅" : " ❌");
      }
      b.append(" |\n");
    }
    b.append('\n');
    if (emqStartup) {
      Result e = results.getOrDefault("f", Map.of()).get(Target.ELASTICMQ);
      b.append("For reference, ElasticMQ start-up (`").append(e instanceof Result.Startup s ? s.command() : "")
          .append("`): ").append(startupCell(e).replace("<br>", "; ")).append(".\n\n");
    }
  }

  /** Per engine, ✅ or ❌ by {@code ok} (which gives null when there is nothing to judge). */
  private String verdict(List<Target> cols, String scenario, BiFunction<Target, Result, Boolean> ok) {
    List<String> parts = new ArrayList<>();
    for (Target t : cols) {
      Boolean v = ok.apply(t, results.getOrDefault(scenario, Map.of()).get(t));
      if (v != null) {
        parts.add((t == Target.SLUICE_MEMORY ? "memory " : "Redis ") + (v ? "✅" : "❌"));
      }
    }
    return parts.isEmpty() ? "" : "<br>" + String.join(" · ", parts);
  }

  private static boolean allHeldAndAnswered(Result.HeldPolls h) {
    return h.answeredEarly() == 0 && h.errors() == 0 && h.withMessage() == h.polls()
        && (h.heldByServer() < 0 || h.heldByServer() == h.polls());
  }

  /**
   * How a {@link Result.WakeUp} cell names what it measured: d, j (a send waking a receive) and t (a
   * decision waking an activity poll); {@code samples} what one sample is, {@code empty} the warning
   * for polls answered empty (null: not shown).
   */
  private record WakeWords(String samples, String sender, String receiver, String empty) {}

  private static final WakeWords WAKE_UP = new WakeWords("wake-ups", "send", "receive", null);
  private static final WakeWords HAND_OFF = new WakeWords("hand-offs", "RespondDecisionTaskCompleted", "poll",
      "polls answered empty");

  private static String wakeCell(Result r, WakeWords words) {
    if (!(r instanceof Result.WakeUp w)) {
      return r == null ? "not run" : cell(r);
    }
    if (w.replyToReplyNanos().length == 0) {
      return "failed: " + escape(String.valueOf(w.firstError()));
    }
    long[] rr = w.replyToReplyNanos();
    long[] e2e = w.sendToReceiveNanos();
    long first = Arrays.stream(rr).filter(v -> v < 0).count();
    StringBuilder c = new StringBuilder(String.format(Locale.ROOT, "**p50 %s · p99 %s** (max %s, %,d %s)",
        ms(percentile(rr, 50)), ms(percentile(rr, 99)), ms(percentile(rr, 100)), rr.length, words.samples()));
    c.append(String.format(Locale.ROOT, "<br>%s's start → %s's reply: p50 %s · p99 %s", words.sender(),
        words.receiver(), ms(percentile(e2e, 50)), ms(percentile(e2e, 99))));
    if (first > 0) {
      c.append(String.format(Locale.ROOT, "<br>%s answered before the %s's reply in %,d of %,d", words.receiver(),
          words.sender(), first, rr.length));
    }
    if (words.empty() != null && w.timeouts() > 0) {
      c.append(String.format(Locale.ROOT, "<br>⚠ %,d %s", w.timeouts(), words.empty()));
    }
    if (w.errors() > 0) {
      c.append(errors(w.errors(), w.firstError()));
    }
    return c.toString();
  }

  /**
   * How a {@link Result.HeldPolls} cell names what it measured: e (SQS receives answered by sends) and
   * v (SWF activity polls answered by scheduled tasks).
   */
  private record HeldWords(String answer, String rearmed, String early, boolean queues) {}

  private static final HeldWords HELD_RECEIVES = new HeldWords("with their message",
      "ran their 20 s before the sends and were held again", "answered before the sends", true);
  private static final HeldWords HELD_TASK_POLLS = new HeldWords("with a task",
      "ran their 60 s before the starts and were opened again", "answered before the starts", false);

  private static String heldCell(Result r, HeldWords words) {
    if (!(r instanceof Result.HeldPolls h)) {
      return r == null ? "not run" : cell(r);
    }
    StringBuilder c = new StringBuilder();
    c.append(String.format(Locale.ROOT, "**%,d of %,d answered %s**", h.withMessage(), h.polls(), words.answer()));
    if (h.rearmed() > 0) {
      c.append(String.format(Locale.ROOT, " (%,d polls %s)", h.rearmed(), words.rearmed()));
    }
    c.append("<br>held by the server: ").append(h.heldByServer() < 0 ? "(no gauge)"
        : String.format(Locale.ROOT, "%,d", h.heldByServer()));
    if (h.answeredEarly() > 0) {
      c.append(String.format(Locale.ROOT, " · %,d %s", h.answeredEarly(), words.early()));
    }
    c.append(String.format(Locale.ROOT, "<br>heap after full GC: **%s** held vs %s before (%s per poll); RSS %s",
        mib(h.heapHeldBytes()), mib(h.heapBaselineBytes()),
        h.heapHeldBytes() < 0 || h.heapBaselineBytes() < 0 ? "?" : String.format(Locale.ROOT, "%.1f KiB",
            (h.heapHeldBytes() - h.heapBaselineBytes()) / 1024.0 / h.polls()), mib(h.rssHeldBytes())));
    c.append(words.queues() ? String.format(Locale.ROOT, "<br>%,d queues; polls opened in %.1f s", h.queues(),
        h.armSeconds()) : String.format(Locale.ROOT, "<br>polls opened and held in %.1f s", h.armSeconds()));
    if (h.errors() > 0) {
      c.append(errors(h.errors(), h.firstError()));
    }
    return c.toString();
  }

  private void snsTable(StringBuilder b) {
    List<Target> cols = options.targets().stream().filter(Target::isSluice).toList();
    b.append("| Scenario (SNS, Sluice only) |");
    cols.forEach(t -> b.append(' ').append(t.label()).append(" |"));
    b.append(" Target |\n|---|");
    cols.forEach(t -> b.append("---|"));
    b.append("---|\n");
    if (options.runs("g")) {
      b.append("| g) Publish, ").append(options.bodyBytes()).append(" B, to a topic with 1 SQS subscriber")
          .append(deliveryMode()).append(" |");
      cols.forEach(t -> b.append(' ').append(fanoutCell(result("g", t), result("a", t))).append(" |"));
      b.append(" publishes/s ≥ ½ × a) SendMessage; lost = 0").append(verdict(cols, "g", (t, r) -> {
        if (!(r instanceof Result.Fanout f) || f.outcome().messages() == 0) {
          return null;
        }
        Double sendMessage = rate(result("a", t));
        if (sendMessage == null) {
          return delivered(f) ? null : false; // without a) only a loss can be judged
        }
        return delivered(f) && f.outcome().messagesPerSecond() >= sendMessage / 2;
      })).append(" |\n");
    }
    if (options.runs("h")) {
      b.append("| h) Publish, ").append(options.bodyBytes()).append(" B, to a topic with ").append(options.fanout())
          .append(" SQS subscribers").append(deliveryMode()).append(" |");
      cols.forEach(t -> b.append(' ').append(fanoutCell(result("h", t), null)).append(" |"));
      b.append(" lost = 0").append(verdict(cols, "h", (t, r) -> r instanceof Result.Fanout f
          && f.outcome().messages() > 0 ? delivered(f) : null)).append(" |\n");
    }
    if (options.runs("i")) {
      b.append("| i) publish → queue at ").append(options.publishRate())
          .append(" publishes/s, 1 subscriber, a consumer long-polling the queue: Publish call's start → reply of the"
              + " receive that brought the message").append(deliveryMode()).append(" |");
      cols.forEach(t -> b.append(' ').append(publishToQueueCell(result("i", t))).append(" |"));
      b.append(" p99 < 10 ms; lost = 0").append(verdict(cols, "i", (t, r) -> r instanceof Result.PublishToQueue p
          && p.toReceiveNanos().length > 0 ? percentile(p.toReceiveNanos(), 99) < 10_000_000 && p.lost() == 0 : null))
          .append(" |\n");
    }
    b.append('\n');
  }

  private void kinesisTable(StringBuilder b) {
    List<Target> cols = options.kinesisTargets();
    b.append("| Scenario (Kinesis) |");
    cols.forEach(t -> b.append(' ').append(t.label()).append(" |"));
    b.append(" Targets |\n|---|");
    cols.forEach(t -> b.append("---|"));
    b.append("---|\n");
    String kib = options.recordBytes() % 1024 == 0 ? options.recordBytes() / 1024 + " KiB" : options.recordBytes() + " B";
    putRow(b, "k", "k) PutRecord, " + kib + ", 4-shard stream", cols);
    putRow(b, "l", "l) PutRecords, " + options.putBatch() + " × " + kib + ", 4-shard stream; latency per call", cols);
    if (options.runs("m")) {
      Map<Target, Result> r = results.getOrDefault("m", Map.of());
      b.append("| m) GetRecords (Limit 10,000) draining a 4-shard stream pre-filled with ")
          .append(String.format(Locale.ROOT, "%,d", options.drainPrefill()))
          .append(" records (or what the server took in 120 s), one consumer per shard; latency per call |");
      cols.forEach(t -> b.append(' ').append(kinesisLoadCell(r.get(t))).append(" |"));
      b.append(' ').append(String.join("<br>", peerRatios(r, Target.SLUICE_MEMORY))).append(" |\n");
    }
    if (options.runs("n")) {
      b.append("| n) put → SubscribeToShard event at ").append(String.format(Locale.ROOT, "%,d", options.subscribeRate()))
          .append(" records/s, 1 shard, 1 enhanced fan-out consumer: PutRecord call's start → arrival of the event"
              + " carrying the record |");
      cols.forEach(t -> b.append(' ').append(subscribeCell(result("n", t))).append(" |"));
      b.append(" p99 < 10 ms").append(kinesisVerdict(cols, "n", r -> r instanceof Result.SubscribeLatency n
          && n.putToEventNanos().length > 0 ? percentile(n.putToEventNanos(), 99) < 10_000_000 && n.lost() == 0
          : null)).append(" |\n");
    }
    if (options.runs("o")) {
      b.append("| o) one 4-shard stream fanned out to ").append(options.efoConsumers())
          .append(" enhanced fan-out consumers, PutRecords of ").append(options.putBatch()).append(" × ").append(kib)
          .append(" back to back; delivered records/s, PutRecords call's start → arrival |");
      cols.forEach(t -> b.append(' ').append(efoCell(result("o", t))).append(" |"));
      b.append(" lost = 0").append(kinesisVerdict(cols, "o", r -> r instanceof Result.EfoFanout f
          && f.delivered() > 0 ? f.lost() == 0 : null)).append(" |\n");
    }
    if (options.runs("p")) {
      b.append("| p) ").append(String.format(Locale.ROOT, "%,d", options.retainedRecords())).append(" retained ")
          .append(kib).append(" records in the memory engine (-Xmx").append(options.retainedHeap())
          .append("): heap after a full GC |");
      cols.forEach(t -> b.append(' ').append(t == Target.SLUICE_MEMORY ? retainedCell(result("p", t)) : "—")
          .append(" |"));
      b.append(" < 1.5 GiB").append(kinesisVerdict(cols, "p", r -> r instanceof Result.RetainedHeap h
          && h.heapHeldBytes() > 0 ? h.heapHeldBytes() < 1.5 * (1L << 30) : null)).append(" |\n");
    }
    b.append('\n');
  }

  /** A k or l row, with the targets against the peers. */
  private void putRow(StringBuilder b, String scenario, String title, List<Target> cols) {
    if (!options.runs(scenario)) {
      return;
    }
    Map<Target, Result> r = results.getOrDefault(scenario, Map.of());
    b.append("| ").append(title).append(" |");
    cols.forEach(t -> b.append(' ').append(kinesisLoadCell(r.get(t))).append(" |"));
    b.append(' ').append(peerRatio(r, Target.SLUICE_MEMORY, Target.KINESALITE, 10)).append("<br>")
        .append(peerRatio(r, Target.SLUICE_MEMORY, Target.KINESIS_MOCK, 3)).append("<br>")
        .append(peerRatio(r, Target.SLUICE_REDIS, Target.KINESALITE, 3)).append(" |\n");
  }

  private void firehoseTable(StringBuilder b) {
    List<Target> cols = options.firehoseTargets();
    b.append("| Scenario (Firehose) |");
    cols.forEach(t -> b.append(' ').append(t.label()).append(" |"));
    b.append(" Targets |\n|---|");
    cols.forEach(t -> b.append("---|"));
    b.append("---|\n");
    String kib = options.recordBytes() % 1024 == 0 ? options.recordBytes() / 1024 + " KiB" : options.recordBytes() + " B";
    if (options.runs("q")) {
      b.append("| q) PutRecordBatch, ").append(options.firehoseBatch()).append(" × ").append(kib)
          .append(", Direct PUT into an S3 destination buffered at 1 MiB / 0 s; latency per call; every acknowledged"
              + " record looked for in the delivered objects |");
      cols.forEach(t -> b.append(' ').append(firehoseCell(result("q", t), result("l", t), options.recordBytes()))
          .append(" |"));
      List<String> targets = new ArrayList<>();
      for (Target t : cols) {
        if (!t.isSluice() || !(result("q", t) instanceof Result.FirehoseLoad f) || f.load().outcome().messages() == 0) {
          continue;
        }
        Double kinesis = rate(result("l", t));
        double mine = f.load().outcome().messagesPerSecond();
        targets.add(engine(t) + " records/s ≥ 0.8× l) PutRecords: " + (kinesis == null ? "l) not measured"
            : String.format(Locale.ROOT, "%.2f×", mine / kinesis) + (mine >= 0.8 * kinesis ? " ✅" : " ❌")));
        if (t == Target.SLUICE_MEMORY) {
          targets.add("memory ≥ 50 MB/s delivered to S3: " + (Double.isNaN(f.deliveredBytesPerSecond()) ? "not measured"
              : mbPerSecond(f.deliveredBytesPerSecond()) + (f.deliveredBytesPerSecond() >= 50e6 ? " ✅" : " ❌")));
        }
        targets.add(engine(t) + " every acknowledged record delivered exactly once: " + (exactlyOnce(f) ? "✅" : "❌"));
      }
      b.append(' ').append(targets.isEmpty() ? "not measured" : String.join("<br>", targets)).append(" |\n");
    }
    if (options.runs("r")) {
      b.append("| r) put → S3 object at ").append(String.format(Locale.ROOT, "%,d", options.freshnessRate()))
          .append(" PutRecord/s of ").append(kib).append(", buffering 1 MiB / 0 s: PutRecord call's start → the S3"
              + " endpoint storing the object that holds the record |");
      cols.forEach(t -> b.append(' ').append(freshnessCell(result("r", t))).append(" |"));
      b.append(" p99 < 1 s; lost = 0").append(kinesisVerdict(cols, "r", r -> r instanceof Result.Freshness n
          && n.putToObjectNanos().length > 0 ? percentile(n.putToObjectNanos(), 99) < 1_000_000_000L && n.lost() == 0
          : null)).append(" |\n");
    }
    b.append('\n');
  }

  private void swfTable(StringBuilder b) {
    List<Target> cols = options.swfTargets();
    b.append("| Scenario (SWF) |");
    cols.forEach(t -> b.append(' ').append(t.label()).append(" |"));
    b.append(" Targets |\n|---|");
    cols.forEach(t -> b.append("---|"));
    b.append("---|\n");
    if (options.runs("s")) {
      b.append("| s) workflows start → one activity → complete, ").append(options.swfOpen())
          .append(" in flight, ").append(options.swfDeciders()).append(" deciders, ").append(options.swfWorkers())
          .append(" workers; latency per workflow (start's start → completion answered) |");
      cols.forEach(t -> b.append(' ').append(workflowsCell(result("s", t))).append(" |"));
      b.append(" memory ≥ 500 workflows/s");
      if (result("s", Target.SLUICE_MEMORY) instanceof Result.Workflows w && w.load().outcome().messages() > 0) {
        b.append(w.load().outcome().messagesPerSecond() >= 500 ? " ✅" : " ❌");
      }
      b.append(" |\n");
    }
    if (options.runs("t")) {
      b.append("| t) hand-off: RespondDecisionTaskCompleted (ScheduleActivityTask) reply → reply of the worker's held"
          + " PollForActivityTask, one workflow at a time |");
      cols.forEach(t -> b.append(' ').append(wakeCell(result("t", t), HAND_OFF)).append(" |"));
      b.append(" p99 < 5 ms memory, < 10 ms Redis");
      List<String> v = new ArrayList<>();
      for (Target t : cols) {
        if (t.isSluice() && result("t", t) instanceof Result.WakeUp w && w.replyToReplyNanos().length > 0) {
          long limit = t == Target.SLUICE_MEMORY ? 5_000_000 : 10_000_000;
          v.add(engine(t) + (percentile(w.replyToReplyNanos(), 99) < limit ? " ✅" : " ❌"));
        }
      }
      b.append(v.isEmpty() ? "" : "<br>" + String.join(" · ", v)).append(" |\n");
    }
    if (options.runs("u")) {
      b.append("| u) timer lateness, ").append(String.format(Locale.ROOT, "%,d", options.timers()))
          .append(" timers pending (10 per execution, startToFireTimeout 15–").append(14 + options.timerSpread())
          .append(" s): TimerFired's eventTimestamp − (TimerStarted's + startToFireTimeout); and the decider's"
              + " receipt of the decision task − that fire time |");
      cols.forEach(t -> b.append(' ').append(timerCell(result("u", t))).append(" |"));
      b.append(" p99 < 50 ms").append(kinesisVerdict(cols, "u", r -> r instanceof Result.TimerLateness u
          && u.historyLatenessNanos().length > 0 ? percentile(u.historyLatenessNanos(), 99) < 50_000_000
          && u.fired() == u.timers() : null)).append(" |\n");
    }
    if (options.runs("v")) {
      b.append("| v) ").append(String.format(Locale.ROOT, "%,d", options.swfPolls()))
          .append(" PollForActivityTask held at once on one empty task list; then as many workflows, each scheduling"
              + " one activity |");
      cols.forEach(t -> b.append(' ').append(heldCell(result("v", t), HELD_TASK_POLLS)).append(" |"));
      b.append(" all held and answered; heap per poll").append(kinesisVerdict(cols, "v", r -> r instanceof Result.HeldPolls h
          ? allHeldAndAnswered(h) : null)).append(" |\n");
    }
    b.append('\n');
  }

  private static String workflowsCell(Result r) {
    if (!(r instanceof Result.Workflows w)) {
      return r == null ? "not run" : cell(r);
    }
    String c = loadCell(w.load().outcome(), "workflows/s", "workflow");
    if (w.loopErrors() > 0) {
      c += String.format(Locale.ROOT, "<br>%,d decider and worker calls failed (first: %s)", w.loopErrors(),
          escape(w.firstLoopError()));
    }
    return c;
  }

  private static String timerCell(Result r) {
    if (!(r instanceof Result.TimerLateness u)) {
      return r == null ? "not run" : cell(r);
    }
    if (u.historyLatenessNanos().length == 0) {
      return "failed: " + escape(String.valueOf(u.firstError()));
    }
    long[] h = u.historyLatenessNanos();
    StringBuilder c = new StringBuilder(String.format(Locale.ROOT, "**p50 %s · p99 %s** (max %s)",
        ms(percentile(h, 50)), ms(percentile(h, 99)), ms(percentile(h, 100))));
    if (u.deciderLatenessNanos().length > 0) {
      long[] d = u.deciderLatenessNanos();
      c.append(String.format(Locale.ROOT, "<br>decider received the task: p50 %s · p99 %s after the fire time",
          ms(percentile(d, 50)), ms(percentile(d, 99))));
    }
    c.append(String.format(Locale.ROOT, "<br>%,d of %,d timers fired (%,d started), **%,d pending at once** at most",
        u.fired(), u.timers(), u.started(), u.maxPending()));
    c.append(String.format(Locale.ROOT, "<br>%,d executions started in %.1f s; fired over %.1f s", u.executions(),
        u.armSeconds(), u.fireWindowSeconds()));
    c.append(String.format(Locale.ROOT, "<br>CPU meanwhile: server %.2f cores, client %.2f cores", u.serverCores(),
        u.clientCores()));
    if (u.errors() > 0) {
      c.append(errors(u.errors(), u.firstError()));
    }
    return c.toString();
  }

  /** Every acknowledged record delivered, none twice, nothing foreign in the objects. */
  private static boolean exactlyOnce(Result.FirehoseLoad f) {
    return f.acknowledged() > 0 && f.lost() == 0 && f.duplicates() == 0 && f.malformed() == 0;
  }

  /** A q cell; {@code putRecords} is scenario l's result on the same server (compared by records/s). */
  private static String firehoseCell(Result r, Result putRecords, int recordBytes) {
    if (!(r instanceof Result.FirehoseLoad f)) {
      return r == null ? "not run" : cell(r);
    }
    ClosedLoop.Outcome o = f.load().outcome();
    StringBuilder c = new StringBuilder(loadCell(o, "records/s", "record"));
    if (o.messages() == 0) {
      return c.toString();
    }
    c.append("<br>put: ").append(mbPerSecond(o.messagesPerSecond() * recordBytes));
    Double l = rate(putRecords);
    if (l != null) {
      c.append(String.format(Locale.ROOT, "<br>vs l) PutRecords (%,.0f records/s): **%.2f×**", l,
          o.messagesPerSecond() / l));
    }
    if (!Double.isNaN(f.deliveredBytesPerSecond())) {
      c.append(String.format(Locale.ROOT, "<br>**%s landed in S3** while measured; %s from then until the last"
          + " object", mbPerSecond(f.deliveredBytesPerSecond()), mbPerSecond(f.drainedBytesPerSecond())));
    }
    c.append(String.format(Locale.ROOT, "<br>%,d of %,d acknowledged records found in %,d objects: **lost %,d**,"
        + " duplicates %,d", f.delivered() - f.duplicates(), f.acknowledged(), f.objects(), f.lost(), f.duplicates()));
    if (f.unacknowledged() > 0) {
      c.append(String.format(Locale.ROOT, ", %,d delivered though their put failed", f.unacknowledged()));
    }
    if (f.malformed() > 0) {
      c.append(String.format(Locale.ROOT, ", ⚠ %,d malformed objects or records", f.malformed()));
    }
    if (!f.inCall()) {
      c.append(Double.isNaN(f.catchUpSeconds()) ? "<br>⚠ not all landed within 120 s of the last put"
          : String.format(Locale.ROOT, "<br>all landed %.2f s after the last put", f.catchUpSeconds()));
    }
    c.append("<br>(").append(escape(f.note())).append(')');
    return c.toString();
  }

  private static String freshnessCell(Result r) {
    if (!(r instanceof Result.Freshness n)) {
      return r == null ? "not run" : cell(r);
    }
    if (n.putToObjectNanos().length == 0) {
      return "failed: " + escape(String.valueOf(n.firstError()));
    }
    long[] e2e = n.putToObjectNanos();
    StringBuilder c = new StringBuilder(String.format(Locale.ROOT, "**p50 %s · p99 %s** (max %s, %,d records)",
        ms(percentile(e2e, 50)), ms(percentile(e2e, 99)), ms(percentile(e2e, 100)), e2e.length));
    if (n.putCallNanos().length > 0) {
      c.append(String.format(Locale.ROOT, "<br>PutRecord call: p50 %s · p99 %s", ms(percentile(n.putCallNanos(), 50)),
          ms(percentile(n.putCallNanos(), 99))));
    }
    c.append(String.format(Locale.ROOT, "<br>%.1f puts/s achieved; %,d objects; **lost %,d** of %,d measured",
        n.achievedRate(), n.objects(), n.lost(), n.measured()));
    if (n.duplicates() > 0) {
      c.append(String.format(Locale.ROOT, ", %,d delivered twice", n.duplicates()));
    }
    if (n.errors() > 0) {
      c.append(errors(n.errors(), n.firstError()));
    }
    return c.toString();
  }

  /** Bytes per second as MB/s (10^6 B). */
  static String mbPerSecond(double bytesPerSecond) {
    return String.format(Locale.ROOT, "%.1f MB/s", bytesPerSecond / 1e6);
  }

  private static String engine(Target t) {
    return t == Target.SLUICE_MEMORY ? "memory" : t == Target.SLUICE_REDIS ? "Redis" : t.key();
  }

  private static String peerRatio(Map<Target, Result> r, Target sluice, Target peer, double target) {
    String want = engine(sluice) + " ≥ " + trim(target) + "× " + peer.key();
    Double mine = rate(r.get(sluice));
    Double theirs = rate(r.get(peer));
    if (mine == null || theirs == null || theirs == 0) {
      return want + ": not measured";
    }
    double x = mine / theirs;
    return want + ": " + String.format(Locale.ROOT, "%.1f×", x) + (x >= target ? " ✅" : " ❌");
  }

  /** Informational ratios of one engine to each peer (no target). */
  private static List<String> peerRatios(Map<Target, Result> r, Target sluice) {
    List<String> out = new ArrayList<>();
    for (Target peer : List.of(Target.KINESALITE, Target.KINESIS_MOCK)) {
      Double mine = rate(r.get(sluice));
      Double theirs = rate(r.get(peer));
      if (mine != null && theirs != null && theirs > 0) {
        out.add(String.format(Locale.ROOT, "%s ÷ %s: %.1f×", engine(sluice), peer.key(), mine / theirs));
      }
    }
    return out.isEmpty() ? List.of("(no target)") : out;
  }

  private String kinesisVerdict(List<Target> cols, String scenario, java.util.function.Function<Result, Boolean> ok) {
    List<String> parts = new ArrayList<>();
    for (Target t : cols) {
      if (t.isSluice()) {
        Boolean v = ok.apply(results.getOrDefault(scenario, Map.of()).get(t));
        if (v != null) {
          parts.add(engine(t) + " " + (v ? "✅" : "❌"));
        }
      }
    }
    return parts.isEmpty() ? "" : "<br>" + String.join(" · ", parts);
  }

  private static String kinesisLoadCell(Result r) {
    if (r instanceof Result.Drain d) {
      return kinesisLoadCell(d.load()) + String.format(Locale.ROOT, "<br>stream of %,d records", d.prefilled());
    }
    if (r instanceof Result.Load l) {
      return loadCell(l.outcome(), "records/s", "record").replace("queue emptied", "stream drained");
    }
    return r == null ? "not run" : cell(r);
  }

  private static String subscribeCell(Result r) {
    if (!(r instanceof Result.SubscribeLatency n)) {
      return r == null ? "not run" : cell(r);
    }
    if (n.putToEventNanos().length == 0) {
      return "failed: " + escape(String.valueOf(n.firstError()));
    }
    long[] e2e = n.putToEventNanos();
    StringBuilder c = new StringBuilder(String.format(Locale.ROOT, "**p50 %s · p99 %s** (max %s, %,d records)",
        ms(percentile(e2e, 50)), ms(percentile(e2e, 99)), ms(percentile(e2e, 100)), e2e.length));
    if (n.putCallNanos().length > 0) {
      c.append(String.format(Locale.ROOT, "<br>PutRecord call: p50 %s · p99 %s", ms(percentile(n.putCallNanos(), 50)),
          ms(percentile(n.putCallNanos(), 99))));
    }
    c.append(String.format(Locale.ROOT, "<br>%.1f puts/s achieved; **lost %,d** of %,d measured; SubscribeToShard over %s",
        n.achievedRate(), n.lost(), n.measured(), n.transport()));
    if (n.duplicates() > 0) {
      c.append(String.format(Locale.ROOT, ", %,d received twice", n.duplicates()));
    }
    if (n.errors() > 0) {
      c.append(errors(n.errors(), n.firstError()));
    }
    return c.toString();
  }

  private static String efoCell(Result r) {
    if (!(r instanceof Result.EfoFanout f)) {
      return r == null ? "not run" : cell(r);
    }
    ClosedLoop.Outcome o = f.producer();
    if (o.messages() == 0) {
      return "failed: " + escape(String.valueOf(o.firstError()));
    }
    Histogram h = f.latencyMicros();
    StringBuilder c = new StringBuilder(String.format(Locale.ROOT, "**%,.0f records/s delivered** (%d consumers)",
        f.deliveriesPerSecond(), f.consumers()));
    if (h.getTotalCount() > 0) {
      c.append(String.format(Locale.ROOT, "<br>put → arrival p50 %s · p99 %s", ms(h.getValueAtPercentile(50) * 1000),
          ms(h.getValueAtPercentile(99) * 1000)));
    }
    c.append(String.format(Locale.ROOT, "<br>puts: %,.0f records/s, CPU server %.2f cores, client %.2f cores",
        o.messagesPerSecond(), o.serverCores(), o.clientCores()));
    c.append(String.format(Locale.ROOT, "<br>%,d of %,d deliveries: **lost %,d**; SubscribeToShard over %s",
        f.delivered(), f.acknowledged() * f.consumers(), f.lost(), f.transport()));
    if (o.otherCores() >= 0.15) {
      c.append(String.format(Locale.ROOT, "<br>⚠ other processes used %.2f cores meanwhile", o.otherCores()));
    }
    if (f.subscriptionError() != null) {
      c.append("<br>⚠ subscription error: ").append(escape(f.subscriptionError()));
    }
    if (o.errors() > 0) {
      c.append(errors(o.errors(), o.firstError()));
    }
    return c.toString();
  }

  private static String retainedCell(Result r) {
    if (!(r instanceof Result.RetainedHeap h)) {
      return r == null ? "not run" : cell(r);
    }
    StringBuilder c = new StringBuilder(String.format(Locale.ROOT, "**%s** after a full GC (%s before: %s per record,"
        + " %,d B of data each)", mib(h.heapHeldBytes()), mib(h.heapBaselineBytes()),
        h.heapHeldBytes() < 0 || h.heapBaselineBytes() < 0 ? "?" : String.format(Locale.ROOT, "%,.0f B",
            (h.heapHeldBytes() - h.heapBaselineBytes()) / (double) h.records()), h.recordBytes()));
    c.append(String.format(Locale.ROOT, "<br>RSS %s; %,d records put in %.1f s, %,d read back", mib(h.rssBytes()),
        h.records(), h.fillSeconds(), h.readBack()));
    return c.toString();
  }

  private String deliveryMode() {
    return options.rawDelivery() ? " (raw message delivery)" : " (queue messages are signed notification envelopes)";
  }

  private Result result(String scenario, Target t) {
    return results.getOrDefault(scenario, Map.of()).get(t);
  }

  /** Every acknowledged publish reached every queue, and the count itself worked. */
  private static boolean delivered(Result.Fanout f) {
    return f.lost() == 0 && f.countError() == null;
  }

  /** A g or h cell; {@code sendMessage} is scenario a's result on the same engine (g compares with it). */
  private static String fanoutCell(Result r, Result sendMessage) {
    if (!(r instanceof Result.Fanout f)) {
      return r == null ? "not run" : cell(r);
    }
    StringBuilder c = new StringBuilder(loadCell(f.outcome(), "publishes/s", "publish"));
    if (f.outcome().messages() == 0) {
      return c.toString();
    }
    if (f.subscribers() == 1) {
      Double a = rate(sendMessage);
      c.append(a == null ? "<br>vs a) SendMessage: a) not measured in this run"
          : String.format(Locale.ROOT, "<br>vs a) SendMessage (%,.0f msg/s): **%.2f×**", a,
              f.outcome().messagesPerSecond() / a));
    } else {
      c.append(String.format(Locale.ROOT, "<br>**%,.0f deliveries/s** over the run", f.deliveriesPerSecond()));
    }
    long expected = f.acknowledged() * f.subscribers();
    c.append(String.format(Locale.ROOT, "<br>%,d of %,d deliveries in the queue%s: **lost %,d**", f.arrived(), expected,
        f.subscribers() == 1 ? "" : "s", f.lost()));
    if (f.extra() > 0) {
      c.append(String.format(Locale.ROOT, ", %,d more than acknowledged", f.extra()));
    }
    c.append(Double.isNaN(f.catchUpSeconds()) ? "<br>the queues never held every acknowledged publish"
        : String.format(Locale.ROOT, "<br>all there %.2f s after the last Publish reply", f.catchUpSeconds()));
    if (f.countError() != null) {
      c.append("<br>⚠ ").append(escape(f.countError()));
    }
    return c.toString();
  }

  private static String publishToQueueCell(Result r) {
    if (!(r instanceof Result.PublishToQueue p)) {
      return r == null ? "not run" : cell(r);
    }
    if (p.toReceiveNanos().length == 0) {
      return "failed: " + escape(String.valueOf(p.firstError()));
    }
    long[] e2e = p.toReceiveNanos();
    StringBuilder c = new StringBuilder(String.format(Locale.ROOT, "**p50 %s · p99 %s** (max %s, %,d messages)",
        ms(percentile(e2e, 50)), ms(percentile(e2e, 99)), ms(percentile(e2e, 100)), e2e.length));
    c.append(String.format(Locale.ROOT, "<br>Publish's start → SentTimestamp (ms clock): p50 %s · p99 %s",
        ms(percentile(p.toSentTimestampNanos(), 50)), ms(percentile(p.toSentTimestampNanos(), 99))));
    c.append(String.format(Locale.ROOT, "<br>Publish call: p50 %s · p99 %s",
        ms(percentile(p.publishCallNanos(), 50)), ms(percentile(p.publishCallNanos(), 99))));
    c.append(String.format(Locale.ROOT, "<br>%.1f publishes/s achieved; **lost %,d** of %,d acknowledged",
        p.achievedRate(), p.lost(), p.publishCallNanos().length));
    if (p.duplicates() > 0) {
      c.append(String.format(Locale.ROOT, ", %,d received twice", p.duplicates()));
    }
    if (p.fullReceives() > 0) {
      c.append(String.format(Locale.ROOT, "<br>⚠ %,d receives came back full (10 messages): messages may have waited"
          + " for the consumer", p.fullReceives()));
    }
    if (p.errors() > 0) {
      c.append(errors(p.errors(), p.firstError()));
    }
    return c.toString();
  }

  private static String errors(long count, String first) {
    return String.format(Locale.ROOT, "<br>⚠ %,d errors, first: %s", count, escape(first));
  }

  private static String startupCell(Result r) {
    if (!(r instanceof Result.Startup s)) {
      return r == null ? "not run" : cell(r);
    }
    if (s.millis().isEmpty()) {
      return "failed";
    }
    StringBuilder c = new StringBuilder(String.format(Locale.ROOT, "**median %,d ms** (min %,d, max %,d; %d runs)",
        median(s.millis()), s.millis().stream().mapToLong(Long::longValue).min().orElse(0),
        s.millis().stream().mapToLong(Long::longValue).max().orElse(0), s.millis().size()));
    if (!s.selfReportedMillis().isEmpty()) {
      c.append(String.format(Locale.ROOT, "<br>its own log: ready in median %,d ms after main()", median(s.selfReportedMillis())));
    }
    if (!s.cpuMillis().isEmpty()) {
      c.append(String.format(Locale.ROOT, "<br>CPU time used until answering: median %,d ms", median(s.cpuMillis())));
    }
    return c.toString();
  }

  /** Writes {@code markdown} into README.md between the markers; false if the markers are missing. */
  static boolean updateReadme(Path readme, String markdown, String startMarker, String endMarker) throws IOException {
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int start = text.indexOf(startMarker);
    int end = text.indexOf(endMarker);
    if (start < 0 || end < start) {
      return false;
    }
    String updated = text.substring(0, start + startMarker.length()) + "\n" + markdown + text.substring(end);
    Files.writeString(readme, updated, StandardCharsets.UTF_8);
    return true;
  }

  // --- formatting ------------------------------------------------------------------------------

  static long percentile(long[] values, double p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static long median(List<Long> values) {
    return percentile(values.stream().mapToLong(Long::longValue).toArray(), 50);
  }

  /** Nanoseconds as milliseconds with sensible precision. */
  static String ms(long nanos) {
    double m = nanos / 1e6;
    double a = Math.abs(m);
    String f = a < 1 ? "%.3f" : a < 10 ? "%.2f" : a < 100 ? "%.1f" : "%,.0f";
    return String.format(Locale.ROOT, f, m) + " ms";
  }

  static String mib(long bytes) {
    return bytes < 0 ? "?" : String.format(Locale.ROOT, "%.1f MiB", bytes / 1024.0 / 1024.0);
  }

  private static String trim(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static String escape(String s) {
    if (s == null) {
      return "";
    }
    String one = s.replace('\n', ' ').replace("|", "\\|");
    return one.length() > 200 ? one.substring(0, 200) + "…" : one;
  }

  /** A fresh, ordered map of scenario → (target → result). */
  static Map<String, Map<Target, Result>> emptyResults() {
    Map<String, Map<Target, Result>> m = new LinkedHashMap<>();
    for (String s : Options.SCENARIOS) {
      m.put(s, new EnumMap<>(Target.class));
    }
    return m;
  }
}
