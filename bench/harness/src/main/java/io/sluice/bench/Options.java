package io.sluice.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The harness settings. Each is read from a {@code --name=value} flag, else from the environment
 * variable {@code BENCH_NAME} (upper case, dashes as underscores), else its default; {@link #describe()}
 * lists them for the report. {@code --help} prints them all.
 */
public record Options(
    Path repo,
    Path results,
    String command,
    List<Target> targets,
    List<String> scenarios,
    int warmupSeconds,
    int warmupMaxSeconds,
    int warmupWindowSeconds,
    int warmupTolerancePercent,
    int durationSeconds,
    int concurrency,
    int clientThreads,
    String serverJvmOpts,
    String elasticMqJvmOpts,
    int bodyBytes,
    int prefill,
    int wakeQueues,
    int wakeSamples,
    int wakeWarmup,
    int polls,
    int pollQueues,
    String pollHeap,
    int startupRuns,
    int fanout,
    int publishRate,
    boolean rawDelivery,
    boolean readme,
    boolean jfr,
    int recordBytes,
    int putBatch,
    int drainPrefill,
    int subscribeRate,
    int efoConsumers,
    int efoProducers,
    int retainedRecords,
    String retainedHeap,
    int firehoseBatch,
    int freshnessRate,
    int swfOpen,
    int swfDeciders,
    int swfWorkers,
    int timers,
    int timerSpread,
    int swfPolls,
    Path peers) {

  /**
   * The scenarios, in the order they run: SQS a–f, SNS g–i, SQS on two clustered nodes j, Kinesis k–p,
   * Firehose q–r, SWF s–v.
   */
  static final List<String> SCENARIOS = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j",
      "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v");

  /** The settings, their defaults and what they mean, in the order {@code --help} shows them. */
  static final Map<String, String[]> SETTINGS = new LinkedHashMap<>();

  static {
    setting("servers", "memory,redis,elasticmq,ceiling,kinesalite,kinesis-mock,moto", "servers to measure: memory,"
        + " redis (Sluice engines), elasticmq, ceiling (a bare Vert.x HTTP server with fixed replies: what the HTTP"
        + " stack alone can do) for SQS; kinesalite, kinesis-mock for Kinesis; moto (moto_server) for Firehose and SWF");
    setting("scenarios", "a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u,v", "scenarios to run (see README \"Benchmark\"):"
        + " SQS a-f, SNS g-i, SQS across two nodes j, Kinesis k-p, Firehose q-r, SWF s-v");
    setting("warmup", "10", "a-c, k-m, o, q, s: least seconds of warm-up (then until the rate is stable); g-i: the"
        + " warm-up; n, r: seconds of the open loop not measured");
    setting("warmup-max", "180", "a-c, k-m, o, q, s: most seconds of warm-up; a server still not stable then is measured and flagged");
    setting("warmup-window", "5", "a-c: seconds per warm-up window (each on a fresh queue in a, b)");
    setting("warmup-tolerance", "3", "a-c: warm-up ends when a window's rate is within this many percent of the"
        + " previous one's and the server's JIT compilers were quiet in it");
    setting("duration", "20", "seconds measured per throughput scenario");
    setting("concurrency", "32", "requests in flight (one per keep-alive connection) in a, b, c, g, h");
    setting("client-threads", "1", "event-loop threads of the load client");
    setting("server-jvm-opts", "-Xms2g -Xmx2g -XX:+UseG1GC", "JVM flags of the Sluice and ceiling JVMs ('none': the"
        + " JVM's defaults)");
    setting("elasticmq-jvm-opts", "same", "JVM flags of the ElasticMQ JVM ('same': --server-jvm-opts; 'none': the"
        + " JVM's defaults)");
    setting("body-bytes", "256", "message body size");
    setting("prefill", "300000", "messages put in the queue before scenario c");
    setting("wake-queues", "1000", "idle long polls held during scenarios d and j, one per queue");
    setting("wake-samples", "2000", "wake-ups measured in scenarios d and j, task hand-offs in t");
    setting("wake-warmup", "300", "wake-ups before measuring in scenarios d and j, task hand-offs in t");
    setting("polls", "10000", "long polls held in scenario e");
    setting("poll-queues", "10000", "queues the polls of scenario e are spread over");
    setting("poll-heap", "256m", "Sluice's -Xmx in scenario e");
    setting("startup-runs", "5", "start-ups measured in scenario f");
    setting("fanout", "10", "SQS queues subscribed to the topic in scenario h");
    setting("publish-rate", "200", "publishes per second (open loop) in scenario i");
    setting("raw-delivery", "false", "g-i: subscribe with RawMessageDelivery (bare message, no signed envelope)");
    setting("readme", "true", "write the table into README.md between the bench markers");
    setting("jfr", "false", "record a JFR profile of every Sluice JVM into the results directory");
    setting("record-bytes", "1024", "k-r: Kinesis and Firehose record data size (q, r: at least 8)");
    setting("put-batch", "100", "l, o, p: records per PutRecords call");
    setting("drain-prefill", "200000", "m: records put into the 4-shard stream before the GetRecords consumer drains it");
    setting("subscribe-rate", "1000", "n: records put per second (open loop) while a SubscribeToShard consumer waits");
    setting("efo-consumers", "5", "o: enhanced fan-out consumers subscribed to every shard of the stream");
    setting("efo-producers", "4", "o: PutRecords calls in flight (closed loop) while the consumers read");
    setting("retained-records", "1000000", "p: records retained in the memory engine whose heap is measured");
    setting("retained-heap", "4g", "p: Sluice's -Xmx in scenario p (above the target, so the figure is not capped)");
    setting("firehose-batch", "500", "q: records per PutRecordBatch call (--record-bytes each; AWS allows 500)");
    setting("freshness-rate", "100", "r: PutRecord calls per second (open loop) whose put → object time is measured");
    setting("swf-open", "64", "s: workflow executions in flight (each started when one completes)");
    setting("swf-deciders", "8", "s, u: decider loops (PollForDecisionTask, then RespondDecisionTaskCompleted)");
    setting("swf-workers", "8", "s: activity worker loops (PollForActivityTask, then RespondActivityTaskCompleted)");
    setting("timers", "10000", "u: SWF timers pending at once, 10 per execution");
    setting("timer-spread", "20", "u: seconds over which the timers' startToFireTimeouts are spread (fire times"
        + " then spread over about 10 s more, the time the executions are started in)");
    setting("swf-polls", "1000", "v: PollForActivityTask calls held at once on one empty task list");
    setting("peers", "bench/peers", "where npm installs kinesalite and kinesis-mock if absent (relative to the repo)");
    setting("results", "bench-results", "directory for reports, server logs and profiles (relative to the repo); each run gets its own subdirectory");
  }

  private static void setting(String name, String dflt, String meaning) {
    SETTINGS.put(name, new String[] {dflt, meaning});
  }

  /** Parses flags over environment over defaults; {@code --repo} and {@code --command} come from run.sh. */
  static Options parse(String[] args, Map<String, String> env) {
    Map<String, String> values = new LinkedHashMap<>();
    SETTINGS.forEach((name, d) -> {
      String fromEnv = env.get(envName(name));
      values.put(name, fromEnv != null && !fromEnv.isBlank() ? fromEnv : d[0]);
    });
    String repo = ".";
    String command = "bench/run.sh";
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("expected --name=value, got '" + arg + "' (try --help)");
      }
      String name = arg.substring(2, arg.indexOf('='));
      String value = arg.substring(arg.indexOf('=') + 1);
      switch (name) {
        case "repo" -> repo = value;
        case "command" -> command = value;
        default -> {
          if (!SETTINGS.containsKey(name)) {
            throw new IllegalArgumentException("unknown setting --" + name + " (try --help)");
          }
          values.put(name, value);
        }
      }
    }
    Path root = Path.of(repo).toAbsolutePath().normalize();
    List<Target> targets = new ArrayList<>();
    for (String s : split(values.get("servers"))) {
      targets.add(Target.byName(s));
    }
    List<String> scenarios = split(values.get("scenarios").toLowerCase(Locale.ROOT));
    for (String s : scenarios) {
      if (!SCENARIOS.contains(s)) {
        throw new IllegalArgumentException("unknown scenario '" + s + "': use " + String.join(", ", SCENARIOS));
      }
    }
    return new Options(root, root.resolve(values.get("results")), command, List.copyOf(targets), scenarios,
        positive(values, "warmup", true), positive(values, "warmup-max", true), positive(values, "warmup-window", false),
        positive(values, "warmup-tolerance", false), positive(values, "duration", false),
        positive(values, "concurrency", false), positive(values, "client-threads", false),
        values.get("server-jvm-opts"), values.get("elasticmq-jvm-opts"), positive(values, "body-bytes", false),
        positive(values, "prefill", false), positive(values, "wake-queues", false),
        positive(values, "wake-samples", false), positive(values, "wake-warmup", true),
        positive(values, "polls", false), positive(values, "poll-queues", false), values.get("poll-heap"),
        positive(values, "startup-runs", false), positive(values, "fanout", false),
        positive(values, "publish-rate", false), bool(values, "raw-delivery"), bool(values, "readme"),
        bool(values, "jfr"), positive(values, "record-bytes", false), positive(values, "put-batch", false),
        positive(values, "drain-prefill", false), positive(values, "subscribe-rate", false),
        positive(values, "efo-consumers", false), positive(values, "efo-producers", false),
        positive(values, "retained-records", false), values.get("retained-heap"), positive(values, "firehose-batch", false),
        positive(values, "freshness-rate", false), positive(values, "swf-open", false),
        positive(values, "swf-deciders", false), positive(values, "swf-workers", false),
        positive(values, "timers", false), positive(values, "timer-spread", false), positive(values, "swf-polls", false),
        root.resolve(values.get("peers")));
  }

  /** The usage text. */
  static String help() {
    StringBuilder b = new StringBuilder("Usage: bench/run.sh [--name=value ...]   (or BENCH_NAME=value)\n\n");
    SETTINGS.forEach((name, d) -> b.append(String.format(Locale.ROOT, "  --%-20s %-30s %s%n", name,
        "(" + envName(name) + ")", d[1] + "; default " + d[0])));
    return b.toString();
  }

  /** The settings that differ from the defaults, as flags, for the report's command line. */
  static String nonDefaults(String[] args, Map<String, String> env) {
    Map<String, String> set = new TreeMap<>();
    SETTINGS.forEach((name, d) -> {
      String v = env.get(envName(name));
      if (v != null && !v.isBlank()) {
        set.put(envName(name), v);
      }
    });
    StringBuilder b = new StringBuilder();
    set.forEach((k, v) -> b.append(k).append('=').append(v.contains(" ") ? "'" + v + "'" : v).append(' '));
    return b.toString();
  }

  static String envName(String setting) {
    return "BENCH_" + setting.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** A copy writing its reports, logs and profiles to {@code dir}. */
  Options withResults(Path dir) {
    return new Options(repo, dir, command, targets, scenarios, warmupSeconds, warmupMaxSeconds, warmupWindowSeconds,
        warmupTolerancePercent, durationSeconds, concurrency, clientThreads, serverJvmOpts, elasticMqJvmOpts, bodyBytes,
        prefill, wakeQueues, wakeSamples, wakeWarmup, polls, pollQueues, pollHeap, startupRuns, fanout, publishRate, rawDelivery, readme, jfr,
        recordBytes, putBatch, drainPrefill, subscribeRate, efoConsumers, efoProducers, retainedRecords, retainedHeap,
        firehoseBatch, freshnessRate, swfOpen, swfDeciders, swfWorkers, timers, timerSpread, swfPolls, peers);
  }

  /** The servers of the Firehose scenarios among those selected. */
  List<Target> firehoseTargets() {
    return targets.stream().filter(Target::speaksFirehose).toList();
  }

  /** The servers of the SWF scenarios among those selected. */
  List<Target> swfTargets() {
    return targets.stream().filter(Target::speaksSwf).toList();
  }

  /** True if scenario {@code s} (a–v) is to run. */
  boolean runs(String s) {
    return scenarios.contains(s);
  }

  /** The server JVM flags with the heap limits replaced by {@code -Xmx<heap>}. */
  List<String> serverJvmOptsWithHeap(String heap) {
    List<String> out = new ArrayList<>();
    for (String o : serverJvmFlags()) {
      if (!o.startsWith("-Xmx") && !o.startsWith("-Xms")) {
        out.add(o);
      }
    }
    out.add("-Xmx" + heap);
    return out;
  }

  /** The server JVM flags as a list ('none': no flags, the JVM's own defaults). */
  List<String> serverJvmFlags() {
    return jvmFlags(serverJvmOpts);
  }

  /** The servers of the SQS scenarios among those selected. */
  List<Target> sqsTargets() {
    return targets.stream().filter(Target::speaksSqs).toList();
  }

  /** The servers of the Kinesis scenarios among those selected. */
  List<Target> kinesisTargets() {
    return targets.stream().filter(Target::speaksKinesis).toList();
  }

  /** The JVM flags of {@code target}. */
  List<String> jvmFlags(Target target) {
    return target == Target.ELASTICMQ ? jvmFlags(elasticMqJvmOpts()) : serverJvmFlags();
  }

  /** ElasticMQ's JVM flags, with 'same' resolved to {@link #serverJvmOpts}. */
  @Override
  public String elasticMqJvmOpts() {
    return elasticMqJvmOpts.isBlank() || elasticMqJvmOpts.strip().equals("same") ? serverJvmOpts : elasticMqJvmOpts;
  }

  private static List<String> jvmFlags(String opts) {
    return opts.strip().equals("none") ? List.of() : split(opts, " ");
  }

  private static List<String> split(String text) {
    return split(text, ",");
  }

  private static List<String> split(String text, String sep) {
    List<String> out = new ArrayList<>();
    for (String s : text.split(sep)) {
      if (!s.isBlank()) {
        out.add(s.trim());
      }
    }
    return out;
  }

  private static int positive(Map<String, String> values, String name, boolean zeroAllowed) {
    try {
      int v = Integer.parseInt(values.get(name).trim());
      if (v < 0 || v == 0 && !zeroAllowed) {
        throw new IllegalArgumentException("--" + name + " must be " + (zeroAllowed ? ">= 0" : "> 0"));
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + values.get(name) + "'");
    }
  }

  private static boolean bool(Map<String, String> values, String name) {
    String v = values.get(name).trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new IllegalArgumentException("--" + name + " must be true or false, got '" + v + "'");
    };
  }
}
