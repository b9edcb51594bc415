package io.sluice.bench;

import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The load harness's entry point (started by {@code bench/run.sh}): runs the selected scenarios
 * against each selected server, one server process at a time, and writes the report to the results
 * directory and into README.md. See the README section "Benchmark".
 */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help")) {
      System.out.print(Options.help());
      return;
    }
    Options options;
    try {
      options = Options.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    String started = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME).substring(0, 19);
    options = options.withResults(options.results().resolve(started.replace(':', '-')));
    Files.createDirectories(options.results());
    String loadBefore = loadAverage();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(options.clientThreads()));
    try {
      List<Context> contexts = contexts(vertx, options.clientThreads());
      Servers servers = new Servers(options);
      Scenarios scenarios = new Scenarios(options, vertx, contexts, servers);
      Map<String, Map<Target, Result>> results = Report.emptyResults();

      List<Target> sqs = options.sqsTargets();
      run(options, results, "a", "SendMessage", sqs, servers, scenarios::sendMessage);
      run(options, results, "b", "SendMessageBatch", sqs, servers, scenarios::sendMessageBatch);
      run(options, results, "c", "consumer loop", sqs, servers, scenarios::consumeLoop);
      List<Target> sluices = options.targets().stream().filter(Target::isSluice).toList();
      run(options, results, "d", "long-poll wake-up", sluices, servers, scenarios::wakeUp);
      if (options.runs("e")) {
        for (Target t : sluices) {
          results.get("e").put(t, once(options, servers, "e", t, "held long polls",
              options.serverJvmOptsWithHeap(options.pollHeap()), scenarios::heldPolls));
        }
      }
      if (options.runs("f")) {
        for (Target t : sqs) {
          if (t == Target.SLUICE_MEMORY || t == Target.ELASTICMQ) {
            System.out.printf("[f] start-up, %s …%n", t.label());
            Result r = scenarios.startup(t);
            System.out.println("    " + summary(r));
            results.get("f").put(t, r);
          }
        }
      }

      SnsScenarios sns = new SnsScenarios(options, vertx, contexts);
      run(options, results, "g", "Publish, 1 SQS subscriber", sluices, servers, sns::publish);
      run(options, results, "h", "Publish, " + options.fanout() + " SQS subscribers", sluices, servers,
          sns::publishFanout);
      run(options, results, "i", "publish-to-queue latency", sluices, servers, sns::publishToQueue);
      if (options.runs("j") && sluices.contains(Target.SLUICE_REDIS)) {
        System.out.printf("[j] cross-node long-poll wake-up, %s …%n", Target.SLUICE_REDIS.label());
        results.get("j").put(Target.SLUICE_REDIS, measure(() -> servers.startCluster("j"), scenarios::crossNodeWakeUp));
      }

      KinesisScenarios kinesis = new KinesisScenarios(options, contexts, scenarios);
      List<Target> streams = options.kinesisTargets();
      run(options, results, "k", "PutRecord", streams, servers, kinesis::putRecord);
      run(options, results, "l", "PutRecords", streams, servers, kinesis::putRecords);
      run(options, results, "m", "GetRecords drain", streams, servers, kinesis::drain);
      run(options, results, "n", "put → SubscribeToShard latency", streams, servers, kinesis::subscribeLatency);
      run(options, results, "o", "enhanced fan-out", streams, servers, kinesis::fanOut);
      if (options.runs("p") && streams.contains(Target.SLUICE_MEMORY)) {
        results.get("p").put(Target.SLUICE_MEMORY, once(options, servers, "p", Target.SLUICE_MEMORY,
            "retained records", options.serverJvmOptsWithHeap(options.retainedHeap()), kinesis::retainedHeap));
      }

      try (FirehoseScenarios firehose = new FirehoseScenarios(options, contexts, scenarios)) {
        List<Target> hoses = options.firehoseTargets();
        run(options, results, "q", "PutRecordBatch → S3", hoses, servers, firehose::putRecordBatch,
            firehose::sluiceEnvironment);
        run(options, results, "r", "put → S3 object freshness", hoses, servers, firehose::freshness,
            firehose::sluiceEnvironment);
      }

      SwfScenarios swf = new SwfScenarios(options, contexts, scenarios);
      List<Target> flows = options.swfTargets();
      run(options, results, "s", "workflows, start → one activity → complete", flows, servers, swf::workflows);
      run(options, results, "t", "RespondDecisionTaskCompleted → held PollForActivityTask", flows, servers,
          swf::handOff);
      run(options, results, "u", "timer lateness, " + options.timers() + " timers", flows, servers,
          swf::timerLateness);
      run(options, results, "v", options.swfPolls() + " held PollForActivityTask", flows, servers, swf::heldPolls);

      Map<String, String> conditions = conditions(options, args, started, loadBefore, results);
      Report report = new Report(options, results, conditions);
      String markdown = report.markdown();
      Path file = options.results().resolve("report.md");
      Files.writeString(file, markdown, StandardCharsets.UTF_8);
      System.out.println();
      System.out.println(markdown);
      System.out.println("Report written to " + file);
      if (options.readme()) {
        Path readme = options.repo().resolve("README.md");
        writeReadme(readme, report.sqsMarkdown(), Report.START, Report.END);
        writeReadme(readme, report.kinesisMarkdown(), Report.KINESIS_START, Report.KINESIS_END);
        writeReadme(readme, report.firehoseMarkdown(), Report.FIREHOSE_START, Report.FIREHOSE_END);
        writeReadme(readme, report.swfMarkdown(), Report.SWF_START, Report.SWF_END);
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
    System.exit(0);
  }

  /** The conditions entry describing the SQS and SNS load, the Kinesis one, the Firehose one and the SWF one. */
  static final String SQS_LOAD = "Load";
  static final String KINESIS_LOAD = "Kinesis load";
  static final String FIREHOSE_LOAD = "Firehose load";
  static final String SWF_LOAD = "SWF load";

  /** Writes one part of the report between its markers in README.md (nothing if the part did not run). */
  private static void writeReadme(Path readme, String part, String start, String end) throws IOException {
    if (part == null) {
      return;
    }
    if (Report.updateReadme(readme, part, start, end)) {
      System.out.println("README.md updated between " + start + " and " + end);
    } else {
      System.out.println("README.md has no " + start + " … " + end + " markers; left unchanged");
    }
  }

  private static void run(Options options, Map<String, Map<Target, Result>> results, String scenario, String name,
                          List<Target> targets, Servers servers, Function<Servers.Running, Result> body) {
    run(options, results, scenario, name, targets, servers, body, Map::of);
  }

  /** Runs {@code scenario} on each target, Sluice with {@code sluiceEnv} added to its environment. */
  private static void run(Options options, Map<String, Map<Target, Result>> results, String scenario, String name,
                          List<Target> targets, Servers servers, Function<Servers.Running, Result> body,
                          Supplier<Map<String, String>> sluiceEnv) {
    if (!options.runs(scenario)) {
      return;
    }
    for (Target t : targets) {
      System.out.printf("[%s] %s, %s …%n", scenario, name, t.label());
      results.get(scenario).put(t, measure(() -> servers.start(t, scenario, options.jvmFlags(t),
          t.isSluice() ? sluiceEnv.get() : Map.of()), body));
    }
  }

  /** Starts a fresh server, runs one scenario on it, stops it; failures become {@link Result.Missing}. */
  private static Result once(Options options, Servers servers, String scenario, Target t, String name,
                             List<String> jvmOpts, Function<Servers.Running, Result> body) {
    System.out.printf("[%s] %s, %s …%n", scenario, name, t.label());
    return measure(() -> servers.start(t, scenario, jvmOpts), body);
  }

  /** How the servers of one measurement start. */
  private interface Start {
    Servers.Running start() throws Servers.Unavailable;
  }

  /** Starts the servers, runs one scenario on them, stops them; failures become {@link Result.Missing}. */
  private static Result measure(Start start, Function<Servers.Running, Result> body) {
    Result r;
    try (Servers.Running s = start.start()) {
      r = body.apply(s);
    } catch (Servers.Unavailable e) {
      r = new Result.Missing("not available: " + e.getMessage());
    } catch (RuntimeException e) {
      e.printStackTrace();
      r = new Result.Missing("error: " + Scenarios.rootMessage(e));
    }
    System.out.println("    " + summary(r));
    return r;
  }

  /** One line for the console. */
  private static String summary(Result r) {
    return switch (r) {
      case Result.Missing m -> "n/a: " + m.reason();
      case Result.Load l -> String.format(Locale.ROOT,
          "%,.0f msg/s, p50 %s, p99 %s, %,d errors, CPU server %.2f (%s µs/msg, JIT %.2f) client %.2f other %.2f%s",
          l.outcome().messagesPerSecond(), Report.ms(l.outcome().latencyMicros().getValueAtPercentile(50) * 1000),
          Report.ms(l.outcome().latencyMicros().getValueAtPercentile(99) * 1000), l.outcome().errors(),
          l.outcome().serverCores(), Report.cpuMicrosPerMessage(l.outcome()), l.outcome().jitCores(),
          l.outcome().clientCores(), l.outcome().otherCores(), warmup(l.outcome().warmup()));
      case Result.WakeUp w -> w.replyToReplyNanos().length == 0 ? "no samples: " + w.firstError()
          : String.format(Locale.ROOT, "p50 %s, p99 %s over %,d wake-ups, %,d errors",
          Report.ms(Report.percentile(w.replyToReplyNanos(), 50)), Report.ms(Report.percentile(w.replyToReplyNanos(), 99)),
          w.replyToReplyNanos().length, w.errors());
      case Result.HeldPolls h -> String.format(Locale.ROOT,
          "%,d polls: server held %,d, answered %,d with message, %,d re-armed, %,d early, %,d errors; heap %s → %s",
          h.polls(), h.heldByServer(), h.withMessage(), h.rearmed(), h.answeredEarly(), h.errors(),
          Report.mib(h.heapBaselineBytes()), Report.mib(h.heapHeldBytes()));
      case Result.Fanout f -> String.format(Locale.ROOT,
          "%,.0f publishes/s, p50 %s, p99 %s, %,d errors, CPU server %.2f client %.2f; %,d of %,d deliveries"
              + " arrived (lost %,d, extra %,d), all in %s after the last reply, %,.0f deliveries/s%s",
          f.outcome().messagesPerSecond(), Report.ms(f.outcome().latencyMicros().getValueAtPercentile(50) * 1000),
          Report.ms(f.outcome().latencyMicros().getValueAtPercentile(99) * 1000), f.outcome().errors(),
          f.outcome().serverCores(), f.outcome().clientCores(), f.arrived(), f.acknowledged() * f.subscribers(),
          f.lost(), f.extra(), Double.isNaN(f.catchUpSeconds()) ? "never" : String.format(Locale.ROOT, "%.2f s",
              f.catchUpSeconds()), f.deliveriesPerSecond(), f.countError() == null ? "" : "; " + f.countError());
      case Result.PublishToQueue p -> p.toReceiveNanos().length == 0 ? "no samples: " + p.firstError()
          : String.format(Locale.ROOT, "publish start → receive reply p50 %s, p99 %s; → SentTimestamp p50 %s, p99 %s;"
              + " Publish call p50 %s, p99 %s; %,d measured at %.1f/s, lost %,d, duplicates %,d, full receives %,d,"
              + " errors %,d",
          Report.ms(Report.percentile(p.toReceiveNanos(), 50)), Report.ms(Report.percentile(p.toReceiveNanos(), 99)),
          Report.ms(Report.percentile(p.toSentTimestampNanos(), 50)),
          Report.ms(Report.percentile(p.toSentTimestampNanos(), 99)),
          Report.ms(Report.percentile(p.publishCallNanos(), 50)), Report.ms(Report.percentile(p.publishCallNanos(), 99)),
          p.published(), p.achievedRate(), p.lost(), p.duplicates(), p.fullReceives(), p.errors());
      case Result.Drain d -> summary(d.load()) + String.format(Locale.ROOT, " (of %,d records)", d.prefilled());
      case Result.SubscribeLatency n -> n.putToEventNanos().length == 0 ? "no samples: " + n.firstError()
          : String.format(Locale.ROOT, "put start → event p50 %s, p99 %s; PutRecord call p50 %s, p99 %s; %,d measured"
              + " at %.1f/s, lost %,d, duplicates %,d, errors %,d (%s)",
          Report.ms(Report.percentile(n.putToEventNanos(), 50)), Report.ms(Report.percentile(n.putToEventNanos(), 99)),
          Report.ms(Report.percentile(n.putCallNanos(), 50)), Report.ms(Report.percentile(n.putCallNanos(), 99)),
          n.measured(), n.achievedRate(), n.lost(), n.duplicates(), n.errors(), n.transport());
      case Result.EfoFanout f -> String.format(Locale.ROOT,
          "%,.0f records/s put, %,d consumers: %,d of %,d delivered (lost %,d), %,.0f deliveries/s, p50 %s, p99 %s%s",
          f.producer().messagesPerSecond(), f.consumers(), f.delivered(), f.acknowledged() * f.consumers(), f.lost(),
          f.deliveriesPerSecond(), Report.ms(f.latencyMicros().getValueAtPercentile(50) * 1000),
          Report.ms(f.latencyMicros().getValueAtPercentile(99) * 1000),
          f.subscriptionError() == null ? "" : "; subscription error: " + f.subscriptionError());
      case Result.RetainedHeap h -> String.format(Locale.ROOT, "%,d records (%,d read back): heap %s → %s, RSS %s,"
          + " put in %.1f s", h.records(), h.readBack(), Report.mib(h.heapBaselineBytes()), Report.mib(h.heapHeldBytes()),
          Report.mib(h.rssBytes()), h.fillSeconds());
      case Result.FirehoseLoad f -> summary(f.load()) + String.format(Locale.ROOT, "%n    %,d records"
          + " acknowledged in the measured stream, %,d delivered in %,d objects: lost %,d, duplicates %,d,"
          + " unacknowledged %,d, malformed %,d; %s delivered while measured, %s until the last object; all landed %s",
          f.acknowledged(), f.delivered(), f.objects(), f.lost(), f.duplicates(), f.unacknowledged(), f.malformed(),
          Double.isNaN(f.deliveredBytesPerSecond()) ? "(not observed)" : Report.mbPerSecond(f.deliveredBytesPerSecond()),
          Double.isNaN(f.drainedBytesPerSecond()) ? "(not observed)" : Report.mbPerSecond(f.drainedBytesPerSecond()),
          f.inCall() ? "inside each put" : Double.isNaN(f.catchUpSeconds()) ? "NEVER"
              : String.format(Locale.ROOT, "%.2f s after the last put", f.catchUpSeconds()));
      case Result.Freshness n -> n.putToObjectNanos().length == 0 ? "no samples: " + n.firstError()
          : String.format(Locale.ROOT, "put start → object stored p50 %s, p99 %s; PutRecord call p50 %s, p99 %s;"
              + " %,d measured at %.1f/s in %,d objects, lost %,d, duplicates %,d, errors %,d",
          Report.ms(Report.percentile(n.putToObjectNanos(), 50)), Report.ms(Report.percentile(n.putToObjectNanos(), 99)),
          Report.ms(Report.percentile(n.putCallNanos(), 50)), Report.ms(Report.percentile(n.putCallNanos(), 99)),
          n.measured(), n.achievedRate(), n.objects(), n.lost(), n.duplicates(), n.errors());
      case Result.Workflows w -> summary(w.load()).replace("msg/s", "workflows/s") + String.format(Locale.ROOT,
          "; %d deciders, %d workers, %,d of their calls failed%s", w.deciders(), w.workers(), w.loopErrors(),
          w.firstLoopError() == null ? "" : " (" + w.firstLoopError() + ")");
      case Result.TimerLateness u -> u.historyLatenessNanos().length == 0 ? "no timer fired: " + u.firstError()
          : String.format(Locale.ROOT, "%,d timers in %,d executions: started %,d, fired %,d, most pending at once %,d;"
              + " TimerFired − fire time p50 %s, p99 %s, max %s; decider received − fire time p50 %s, p99 %s;"
              + " executions started in %.1f s, fired over %.1f s, CPU server %.2f client %.2f, %,d errors%s",
          u.timers(), u.executions(), u.started(), u.fired(), u.maxPending(),
          Report.ms(Report.percentile(u.historyLatenessNanos(), 50)),
          Report.ms(Report.percentile(u.historyLatenessNanos(), 99)),
          Report.ms(Report.percentile(u.historyLatenessNanos(), 100)),
          u.deciderLatenessNanos().length == 0 ? "?" : Report.ms(Report.percentile(u.deciderLatenessNanos(), 50)),
          u.deciderLatenessNanos().length == 0 ? "?" : Report.ms(Report.percentile(u.deciderLatenessNanos(), 99)),
          u.armSeconds(), u.fireWindowSeconds(), u.serverCores(), u.clientCores(), u.errors(), u.firstError() == null ? "" : " (" + u.firstError() + ")");
      case Result.Startup s -> "start-up ms: " + s.millis() + ", self-reported: " + s.selfReportedMillis()
          + ", CPU ms until answering: " + s.cpuMillis();
    };
  }

  /** The warm-up of a throughput scenario, for the console: its length, verdict and window rates. */
  private static String warmup(ClosedLoop.Warmup w) {
    if (w == null || w.fixed()) {
      return "";
    }
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%n    warm-up %.0f s, %s: %s msg/s; JIT cores",
        w.seconds(), w.settled() ? "settled" : "NOT settled", w.trace()));
    w.windowJitCores().forEach(c -> b.append(String.format(Locale.ROOT, " %.2f", c)));
    return b.toString();
  }

  /** One event-loop context per client thread, each on its own event loop. */
  private static List<Context> contexts(Vertx vertx, int n) {
    List<Context> contexts = new CopyOnWriteArrayList<>();
    vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        contexts.add(context);
        return Future.succeededFuture();
      }
    }, new DeploymentOptions().setInstances(n)).toCompletionStage().toCompletableFuture().join();
    return new ArrayList<>(contexts);
  }

  private static Map<String, String> conditions(Options o, String[] args, String started, String loadBefore,
                                                Map<String, Map<Target, Result>> results) {
    Map<String, String> c = new LinkedHashMap<>();
    c.put("Date", started.replace('T', ' '));
    c.put("Machine", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
        + memory() + " RAM, " + osName() + " (kernel " + System.getProperty("os.version") + ")");
    String loadAfter = loadAverage();
    c.put("Load average before / after", loadBefore + " / " + loadAfter
        + " (1, 5, 15 min; before: anything well above 0 means other work; after: includes the run's own threads)");
    double busiest = firstLoad(loadBefore);
    double others = 0;
    for (Map<Target, Result> byTarget : results.values()) {
      for (Result r : byTarget.values()) {
        if (r instanceof Result.Load l) {
          others = Math.max(others, l.outcome().otherCores());
        } else if (r instanceof Result.FirehoseLoad f) {
          others = Math.max(others, f.load().outcome().otherCores());
        } else if (r instanceof Result.Workflows w) {
          others = Math.max(others, w.load().outcome().otherCores());
        }
      }
    }
    if (busiest > Runtime.getRuntime().availableProcessors() / 2.0 || others >= 0.25) {
      c.put("⚠ Noise", String.format(Locale.ROOT, "other work shared the CPUs during this run (up to %.2f cores"
          + " while a throughput figure was measured); the figures are indicative only. Take the ones that count"
          + " on a quiet machine", others));
    }
    c.put("JDK (servers and load client)", System.getProperty("java.vm.vendor") + " "
        + System.getProperty("java.runtime.version"));
    String redis = Servers.redisVersion();
    c.put("Servers", "Sluice `target/sluice.jar`; ElasticMQ " + Versions.ELASTICMQ
        + " (Maven Central, `org.elasticmq.server.Main`); redis-server " + (redis == null ? "not found" : redis)
        + " (appendonly yes, appendfsync everysec); the ceiling, a bare Vert.x HTTP server with fixed replies"
        + " (`io.sluice.bench.Ceiling`)" + (kinesis(o) ? "; kinesalite " + Versions.KINESALITE + " (npm, `node"
        + " cli.js --createStreamMs 0 --deleteStreamMs 0 --updateStreamMs 0`, in-memory store); kinesis-mock "
        + Versions.KINESIS_LOCAL + " (npm `kinesis-local`, its Node.js build `main.js`, every `*_DURATION` 0ms,"
        + " LOG_LEVEL=WARN); node " + nodeVersion() + " with `--max-old-space-size` matching the JVMs' -Xmx;"
        + " Sluice with per-shard throughput limits off (`sluice.kinesis.throughput-limits`, through its environment"
        + " variable) and no CREATING/DELETING delay" : "") + (firehose(o) ? "; for Firehose, S3Proxy "
        + Versions.S3PROXY + " (Maven Central, in-memory `transient` blobstore, SigV4 checked) inside the harness JVM"
        + " as Sluice's S3 endpoint (`SLUICE_FIREHOSE_S3_ENDPOINT`), Sluice with the Direct PUT quota off"
        + " (`SLUICE_FIREHOSE_DIRECT_PUT_QUOTA=false`) and no CREATING/DELETING delay; moto_server "
        + Servers.motoVersion() + " (`moto_server -H 127.0.0.1 -p PORT`, delivering into its own S3)" : "")
        + (swf(o) && !firehose(o) && o.targets().contains(Target.MOTO) ? "; moto_server " + Servers.motoVersion()
        + " (`moto_server -H 127.0.0.1 -p PORT`)" : ""));
    String emq = o.elasticMqJvmOpts().equals(o.serverJvmOpts()) ? "" : "; ElasticMQ `" + o.elasticMqJvmOpts() + "`";
    c.put("Server JVM flags", "`" + o.serverJvmOpts() + "`" + emq + "; each server a separate JVM started fresh per"
        + " scenario");
    c.put(SQS_LOAD, o.concurrency() + " requests in flight on as many keep-alive HTTP/1.1 connections (AWS JSON 1.0), "
        + o.clientThreads() + " client event loop(s); a–c) warmed in " + o.warmupWindowSeconds() + " s windows until"
        + " a window's rate is within " + o.warmupTolerancePercent() + " % of the one before and the server's JIT"
        + " compilers were quiet in it (at least " + o.warmupSeconds() + " s, at most " + o.warmupMaxSeconds()
        + " s), then " + o.durationSeconds() + " s measured; c) pre-filled with "
        + String.format(Locale.ROOT, "%,d", o.prefill()) + " messages; g, h) the same closed loop of Publish calls"
        + " in the SNS query protocol after a fixed " + o.warmupSeconds() + " s warm-up; i) " + o.publishRate()
        + " publishes/s, open loop");
    if (kinesis(o)) {
      c.put(KINESIS_LOAD, "the AWS SDK for Java v2 `KinesisAsyncClient` (CBOR, its default, to Sluice and"
          + " kinesis-mock; JSON 1.1 to kinesalite, whose CBOR answer to GetRecords the SDK cannot read; Netty"
          + " client, no retries), " + String.format(Locale.ROOT, "%,d", o.recordBytes()) + " B records;"
          + " k, l) " + o.concurrency() + " calls in flight on as many HTTP/1.1 connections, 4-shard stream, warmed"
          + " like a–c (each warm-up window on a stream of its own); m) one GetRecords loop (Limit 10,000) per shard"
          + " on a 4-shard stream pre-filled with " + String.format(Locale.ROOT, "%,d", o.drainPrefill())
          + " records, warmed on a second stream, measured until drained; n) " + String.format(Locale.ROOT, "%,d", o.subscribeRate())
          + " PutRecord/s open loop, 1 shard, 1 consumer, after a warm-up of closed-loop PutRecord into a subscribed"
          + " stream of its own until the rate is stable; first " + o.warmupSeconds() + " s not measured, then "
          + o.durationSeconds() + " s; o) " + o.efoProducers() + " PutRecords calls of " + o.putBatch()
          + " records in flight, " + o.efoConsumers() + " consumers × 4 shards, warmed like k, l, "
          + o.durationSeconds() + " s measured; SubscribeToShard over HTTP/2 to Sluice (the SDK's"
          + " default for Kinesis), over HTTP/1.1 to the peers; p) -Xmx" + o.retainedHeap());
    }
    if (firehose(o)) {
      c.put(FIREHOSE_LOAD, "the AWS SDK for Java v2 `FirehoseAsyncClient` (JSON 1.1, Netty client, no retries), "
          + String.format(Locale.ROOT, "%,d", o.recordBytes()) + " B records, each numbered in its first bytes;"
          + " Direct PUT streams with an Extended S3 destination buffered at 1 MiB / 0 s; q) " + o.concurrency()
          + " PutRecordBatch calls of " + o.firehoseBatch() + " records in flight on as many HTTP/1.1 connections,"
          + " warmed like a–c on a stream of its own (whose records must all have landed, up to 120 s, before"
          + " measuring), then "
          + o.durationSeconds() + " s measured on a fresh stream and bucket; afterwards every object is cut into"
          + " records and each acknowledged record must be found exactly once (waiting up to 120 s); S3 MB/s is"
          + " what S3Proxy stored while measured (MB = 10^6 B); r) " + o.freshnessRate() + " PutRecord/s open loop,"
          + " first " + o.warmupSeconds() + " s not measured, then " + o.durationSeconds() + " s: PutRecord call's"
          + " start → S3Proxy storing the object holding the record");
    }
    if (swf(o)) {
      c.put(SWF_LOAD, "the AWS SDK for Java v2 `SwfAsyncClient` (JSON 1.0, Netty client, HTTP/1.1, no retries);"
          + " one domain per scenario, a workflow type (task start-to-close 60 s) and an activity type"
          + " (schedule-to-start 120 s, start-to-close 60 s, schedule-to-close 180 s); s) " + o.swfOpen()
          + " workflows in flight, each start → ScheduleActivityTask → RespondActivityTaskCompleted →"
          + " CompleteWorkflowExecution, " + o.swfDeciders() + " decider and " + o.swfWorkers() + " worker loops"
          + " (each call on its own connection), warmed like a–c, " + o.durationSeconds() + " s measured; t) one"
          + " workflow at a time, the worker's poll held (server's gauge) before the decider answers, "
          + o.wakeWarmup() + " hand-offs not measured, then " + o.wakeSamples() + "; u) " + String.format(Locale.ROOT,
          "%,d", o.timers()) + " timers, 10 per execution, startToFireTimeout 15 + (i mod " + o.timerSpread()
          + ") s, executions started evenly over 10 s, " + o.swfDeciders() + " deciders; v) " + o.swfPolls()
          + " PollForActivityTask on one empty task list, heap after a full GC (`jcmd GC.run`) before and while held");
    }
    String flags = String.join(" ", filteredArgs(args));
    c.put("Command", "`" + Options.nonDefaults(args, System.getenv()) + o.command() + (flags.isEmpty() ? "" : " " + flags)
        .replace("`", "") + "`");
    return c;
  }

  private static boolean swf(Options o) {
    return Report.SWF_SCENARIOS.stream().anyMatch(o::runs);
  }

  private static boolean firehose(Options o) {
    return Report.FIREHOSE_SCENARIOS.stream().anyMatch(o::runs);
  }

  private static boolean kinesis(Options o) {
    return List.of("k", "l", "m", "n", "o", "p").stream().anyMatch(o::runs);
  }

  private static String nodeVersion() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor();
      return v;
    } catch (IOException e) {
      return "not found";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }

  private static List<String> filteredArgs(String[] args) {
    List<String> out = new ArrayList<>();
    for (String a : args) {
      if (!a.startsWith("--repo=") && !a.startsWith("--command=")) {
        out.add(a);
      }
    }
    return out;
  }

  private static double firstLoad(String loadAverage) {
    try {
      return Double.parseDouble(loadAverage.substring(0, loadAverage.indexOf(',')));
    } catch (RuntimeException e) {
      return 0;
    }
  }

  private static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + ", " + f[1] + ", " + f[2];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  private static String cpuModel() {
    String v = procField("/proc/cpuinfo", "model name");
    return v != null ? v.substring(v.indexOf(':') + 1).trim() : System.getProperty("os.arch");
  }

  private static String memory() {
    String v = procField("/proc/meminfo", "MemTotal:");
    if (v == null) {
      return "?";
    }
    long kb = Long.parseLong(v.replaceAll("[^0-9]", ""));
    return String.format(Locale.ROOT, "%.0f GiB", kb / 1024.0 / 1024.0);
  }

  private static String osName() {
    String v = procField("/etc/os-release", "PRETTY_NAME=");
    return v != null ? v.substring(12).replace("\"", "") : System.getProperty("os.name");
  }

  /** The first line of a Linux system file that starts with {@code prefix}, or null. */
  private static String procField(String file, String prefix) {
    try {
      for (String line : Files.readAllLines(Path.of(file))) {
        if (line.startsWith(prefix)) {
          return line;
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // not Linux
    }
    return null;
  }
}
