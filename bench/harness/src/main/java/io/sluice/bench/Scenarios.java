package io.sluice.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scenarios, each run against one freshly started server:
 * (a) SendMessage, (b) SendMessageBatch, (c) receive-and-delete consumer loop, (d) long-poll
 * wake-up with many polls held, (e) many held long polls on a small heap, (f) start-up time, (j) the
 * wake-up of (d) from one clustered node to another.
 */
final class Scenarios {
  private static final String HOST = "127.0.0.1";
  /** JIT compilers using less than this (cores) over a warm-up window count as quiet. */
  private static final double JIT_QUIET_CORES = 0.05;
  private static final Pattern SELF_REPORTED_START = Pattern.compile("listening on port \\d+ .* in (\\d+) ms");

  private final Options options;
  private final Vertx vertx;
  private final List<Context> contexts;
  private final Servers servers;
  private final String body;

  Scenarios(Options options, Vertx vertx, List<Context> contexts, Servers servers) {
    this.options = options;
    this.vertx = vertx;
    this.contexts = contexts;
    this.servers = servers;
    this.body = messageBody(options.bodyBytes());
  }

  /** A printable ASCII body of exactly {@code bytes} bytes. */
  static String messageBody(int bytes) {
    StringBuilder b = new StringBuilder(bytes);
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    for (int i = 0; i < bytes; i++) {
      b.append(alphabet.charAt((i * 7 + 3) % alphabet.length()));
    }
    return b.toString();
  }

  // --- (a) -------------------------------------------------------------------------------------

  /** (a) SendMessage of one body, back to back from {@code concurrency} connections. */
  Result sendMessage(Servers.Running s) {
    return sending(s, "bench-a", false);
  }

  // --- (b) -------------------------------------------------------------------------------------

  /** (b) SendMessageBatch of 10 bodies, back to back from {@code concurrency} connections. */
  Result sendMessageBatch(Servers.Running s) {
    return sending(s, "bench-b", true);
  }

  /**
   * Each warm-up window sends to a queue of its own, deleted after the window, and the measured
   * window to a fresh queue: however long a server needs to warm up, it is measured on an empty
   * queue, as every other server is, and no backlog of millions of messages fills its heap.
   */
  private Result sending(Servers.Running s, String queue, boolean batch) {
    SqsWire wire = wire(s, options.concurrency());
    // Queue switches go over a connection of their own, outside the measured pool.
    SqsWire control = wire(s, 2);
    try {
      String action = batch ? "SendMessageBatch" : "SendMessage";
      AtomicReference<String> url = new AtomicReference<>(createQueue(wire, queue + "-w1", Map.of()));
      String unsupported = batch ? probeBatchSend(wire, url.get()) : null;
      if (unsupported != null) {
        return new Result.Missing(unsupported);
      }
      AtomicReference<Buffer> request = new AtomicReference<>();
      Supplier<Buffer> make = () -> batch ? SqsWire.sendMessageBatch(url.get(), body, 10)
          : SqsWire.sendMessage(url.get(), body);
      request.set(make.get());
      AtomicInteger window = new AtomicInteger(1);
      ClosedLoop.Outcome o = loop().run(
          () -> wire.callOk(action, request.get()).map(j -> batch ? SqsWire.successful(action, j) : 1),
          settle(), () -> switchQueue(control, url, queue + "-w" + window.incrementAndGet(), request, make),
          () -> switchQueue(control, url, queue, request, make), options.durationSeconds(),
          new CpuMeter(s.serverPids()), new JitMeter(s.jvmPids()));
      return new Result.Load(o, options.concurrency());
    } finally {
      wire.close();
      control.close();
    }
  }

  /** Creates queue {@code name}, points the requests at it and deletes the queue they went to before. */
  private static void switchQueue(SqsWire wire, AtomicReference<String> url, String name,
                                  AtomicReference<Buffer> request, Supplier<Buffer> make) {
    String old = url.get();
    url.set(createQueue(wire, name, Map.of()));
    request.set(make.get());
    deleteQueue(wire, old);
  }

  /** How the throughput scenarios a–c warm up (see {@link ClosedLoop.Settle}). */
  ClosedLoop.Settle settle() {
    return new ClosedLoop.Settle(false, options.warmupSeconds(), options.warmupMaxSeconds(),
        options.warmupWindowSeconds(), options.warmupTolerancePercent() / 100.0, JIT_QUIET_CORES);
  }

  // --- (c) -------------------------------------------------------------------------------------

  /**
   * (c) Consumer loop on a pre-filled queue: ReceiveMessage (up to 10, no wait) then
   * DeleteMessageBatch of what came back; one iteration is one step. The queue is filled first;
   * warm-up then runs the same loop on a second queue, each step first putting back a batch of 10
   * (or 10 single sends), so that it never runs dry however long warm-up takes; that queue is
   * deleted before measuring starts on the filled one.
   */
  Result consumeLoop(Servers.Running s) {
    SqsWire wire = wire(s, options.concurrency());
    SqsWire control = wire(s, 2);
    try {
      String probeUrl = createQueue(wire, "bench-c-probe", Map.of());
      String unsupported = probeBatchDelete(wire, probeUrl);
      if (unsupported != null) {
        return new Result.Missing(unsupported);
      }
      boolean batchSend = probeBatchSend(wire, probeUrl) == null;
      deleteQueue(wire, probeUrl);
      String url = createQueue(wire, "bench-c", Map.of("VisibilityTimeout", "600"));
      long t0 = System.nanoTime();
      fill(wire, url, options.prefill(), batchSend);
      System.out.printf("    pre-filled %,d messages in %.1f s%n", options.prefill(), (System.nanoTime() - t0) / 1e9);
      String warmUrl = createQueue(wire, "bench-c-warm", Map.of("VisibilityTimeout", "600"));
      Buffer warmReceive = SqsWire.receiveMessage(warmUrl, 10, 0, 600);
      Buffer warmBatch = SqsWire.sendMessageBatch(warmUrl, body, 10);
      Buffer warmSingle = SqsWire.sendMessage(warmUrl, body);
      Buffer receive = SqsWire.receiveMessage(url, 10, 0, 600);
      AtomicBoolean measuring = new AtomicBoolean();
      ClosedLoop.Outcome o = loop().run(() -> {
            if (measuring.get()) {
              return consumeOnce(wire, url, receive);
            }
            Future<?> topUp = batchSend ? wire.callOk("SendMessageBatch", warmBatch)
                : sendTen(wire, warmSingle, 0);
            return topUp.compose(v -> consumeOnce(wire, warmUrl, warmReceive));
          }, settle(), () -> { }, () -> {
            measuring.set(true);
            deleteQueue(control, warmUrl);
          }, options.durationSeconds(), new CpuMeter(s.serverPids()), new JitMeter(s.jvmPids()));
      if (o.messages() == 0 && o.drained()) {
        return new Result.Missing("the queue was empty when measuring started");
      }
      return new Result.Load(o, options.concurrency());
    } finally {
      wire.close();
      control.close();
    }
  }

  /** One receive of up to 10 messages and the batch delete of what came back; yields the count deleted. */
  private static Future<Integer> consumeOnce(SqsWire wire, String url, Buffer receive) {
    return wire.callOk("ReceiveMessage", receive).compose(r -> {
      JsonArray messages = SqsWire.messages(r);
      if (messages.isEmpty()) {
        return Future.succeededFuture(0);
      }
      return wire.callOk("DeleteMessageBatch", SqsWire.deleteMessageBatch(url, messages))
          .map(d -> SqsWire.successful("DeleteMessageBatch", d));
    });
  }

  /** Ten SendMessage calls one after the other (for servers without SendMessageBatch). */
  private static Future<Void> sendTen(SqsWire wire, Buffer send, int done) {
    return done == 10 ? Future.succeededFuture()
        : wire.callOk("SendMessage", send).compose(v -> sendTen(wire, send, done + 1));
  }

  /** Null if SendMessageBatch works on this server, else why not. */
  private String probeBatchSend(SqsWire wire, String url) {
    try {
      int n = SqsWire.successful("SendMessageBatch",
          await(wire.callOk("SendMessageBatch", SqsWire.sendMessageBatch(url, body, 2)), 30));
      return n == 2 ? null : "SendMessageBatch: " + n + " of 2 entries succeeded";
    } catch (RuntimeException e) {
      return rootMessage(e);
    }
  }

  /** Null if DeleteMessageBatch works on this server, else why not. */
  private String probeBatchDelete(SqsWire wire, String url) {
    try {
      await(wire.callOk("SendMessage", SqsWire.sendMessage(url, body)), 30);
      JsonArray messages = SqsWire.messages(await(wire.callOk("ReceiveMessage",
          SqsWire.receiveMessage(url, 10, 1, 600)), 30));
      if (messages.isEmpty()) {
        return "ReceiveMessage did not return a message just sent";
      }
      int n = SqsWire.successful("DeleteMessageBatch",
          await(wire.callOk("DeleteMessageBatch", SqsWire.deleteMessageBatch(url, messages)), 30));
      return n == messages.size() ? null : "DeleteMessageBatch: " + n + " of " + messages.size() + " entries deleted";
    } catch (RuntimeException e) {
      return rootMessage(e);
    }
  }

  /** Puts {@code count} messages into the queue, in batches of 10 where the server supports them. */
  private void fill(SqsWire wire, String url, int count, boolean batch) {
    AtomicLong remaining = new AtomicLong(count);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(options.concurrency());
    Buffer single = SqsWire.sendMessage(url, body);
    Buffer full = SqsWire.sendMessageBatch(url, body, 10);
    final class Filler {
      void next() {
        long left = remaining.getAndAdd(batch ? -10 : -1);
        if (left <= 0 || failure.get() != null) {
          done.countDown();
          return;
        }
        int n = batch ? (int) Math.min(10, left) : 1;
        Future<Integer> f = !batch ? wire.callOk("SendMessage", single).map(j -> 1)
            : wire.callOk("SendMessageBatch", n == 10 ? full : SqsWire.sendMessageBatch(url, body, n))
                .map(j -> SqsWire.successful("SendMessageBatch", j));
        f.onComplete(ar -> {
          if (ar.failed()) {
            failure.compareAndSet(null, ar.cause());
            done.countDown();
          } else {
            next();
          }
        });
      }
    }
    for (int i = 0; i < options.concurrency(); i++) {
      Filler filler = new Filler();
      contexts.get(i % contexts.size()).runOnContext(v -> filler.next());
    }
    awaitLatch(done, 600);
    if (failure.get() != null) {
      throw new IllegalStateException("pre-filling failed: " + rootMessage(failure.get()), failure.get());
    }
  }

  // --- (d) -------------------------------------------------------------------------------------

  /**
   * (d) Long-poll wake-up. One idle long poll (WaitTimeSeconds=20) is held on each of
   * {@code wake-queues} queues; then, one at a time and round-robin over the queues, a message is
   * sent to a queue and the time from the send's reply to the reply of the receive waiting on that
   * queue is taken. Each answered poll is re-armed at once; a poll that ends empty after 20 s too.
   */
  Result wakeUp(Servers.Running s) {
    return wakeUp(s, s.port, s.port);
  }

  // --- (j) -------------------------------------------------------------------------------------

  /**
   * (j) Cross-node long-poll wake-up: scenario d on two Sluice nodes clustered on one Redis, the
   * polls held on the second node and the messages sent through the first, so every wake-up
   * travels from one node to the other over the clustered event bus.
   */
  Result crossNodeWakeUp(Servers.Running s) {
    return wakeUp(s, s.peerPort, s.port);
  }

  private Result wakeUp(Servers.Running s, int pollPort, int sendPort) {
    int queues = options.wakeQueues();
    SqsWire wire = new SqsWire(vertx, HOST, pollPort, queues + 8);
    SqsWire sender = sendPort == pollPort ? wire : new SqsWire(vertx, HOST, sendPort, 8);
    AtomicBoolean finished = new AtomicBoolean();
    try {
      List<String> urls = createQueues(wire, "bench-d-", queues, Map.of());
      Buffer[] receives = new Buffer[queues];
      Buffer[] sends = new Buffer[queues];
      for (int i = 0; i < queues; i++) {
        receives[i] = SqsWire.receiveMessage(urls.get(i), 1, 20, 600);
        sends[i] = SqsWire.sendMessage(urls.get(i), body);
      }
      AtomicLongArray armedAt = new AtomicLongArray(queues);
      AtomicReferenceArray<Promise<Long>> expected = new AtomicReferenceArray<>(queues);
      AtomicLong timeouts = new AtomicLong();
      AtomicLong errors = new AtomicLong();
      AtomicReference<String> firstError = new AtomicReference<>();
      final class Poller {
        Future<Void> arm(int i) {
          if (finished.get()) {
            return Future.succeededFuture(); // the scenario is over and its connections are closing
          }
          SqsWire.Pending p = wire.start("ReceiveMessage", receives[i]);
          p.written().onSuccess(v -> armedAt.set(i, System.nanoTime()));
          p.reply().onComplete(ar -> {
            long t = System.nanoTime();
            armedAt.set(i, 0);
            if (finished.get()) {
              return;
            }
            if (ar.failed() || !ar.result().ok()) {
              errors.incrementAndGet();
              firstError.compareAndSet(null, ar.failed() ? rootMessage(ar.cause()) : ar.result().error());
              vertx.setTimer(100, id -> arm(i));
              return;
            }
            if (SqsWire.messages(ar.result().json()).isEmpty()) {
              timeouts.incrementAndGet();
            } else {
              Promise<Long> waiting = expected.getAndSet(i, null);
              if (waiting != null) {
                waiting.tryComplete(t);
              }
            }
            arm(i);
          });
          return p.written();
        }
      }
      Poller poller = new Poller();
      armAll(queues, poller::arm);
      Servers.sleep(500);
      int total = options.wakeWarmup() + options.wakeSamples();
      long[] replyToReply = new long[options.wakeSamples()];
      long[] sendToReceive = new long[options.wakeSamples()];
      int measured = 0;
      for (int k = 0; k < total; k++) {
        int i = k % queues;
        long armDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        // Only send to a queue whose poll has been waiting a while, so the send meets a held poll.
        while (armedAt.get(i) == 0 || System.nanoTime() - armedAt.get(i) < TimeUnit.MILLISECONDS.toNanos(20)) {
          if (System.nanoTime() > armDeadline) {
            throw new IllegalStateException("the long poll on queue " + i + " was not re-armed within 30 s");
          }
          Servers.sleep(1);
        }
        Promise<Long> received = Promise.promise();
        expected.set(i, received);
        long t0 = System.nanoTime();
        long t1;
        SqsWire.Pending pending = sender.start("SendMessage", sends[i]);
        Future<SqsWire.Reply> send = pending.reply();
        try {
          t1 = await(send.map(r -> {
            long t = System.nanoTime();
            if (!r.ok()) {
              throw new SqsWire.BadReply("SendMessage", r);
            }
            return t;
          }), 30);
        } catch (RuntimeException e) {
          expected.set(i, null);
          errors.incrementAndGet();
          firstError.compareAndSet(null, "SendMessage to queue " + i + " failed: " + rootMessage(e)
              + " (request " + (pending.written().succeeded() ? "written" : "not written") + "; a new connection is "
              + (Probe.createQueueAnswered(sendPort) ? "" : "not ") + "answered; sqs_long_polls_held="
              + metric(pollPort, "sqs_long_polls_held") + ", vertx_http_server_active_requests="
              + metric(pollPort, "vertx_http_server_active_requests") + "; " + lateAnswer(send, t0) + ")");
          continue;
        }
        long t2;
        try {
          t2 = await(received.future(), 30);
        } catch (RuntimeException e) {
          expected.set(i, null);
          errors.incrementAndGet();
          firstError.compareAndSet(null, "a waiting receive was not woken within 30 s");
          continue;
        }
        if (k >= options.wakeWarmup()) {
          replyToReply[measured] = t2 - t1;
          sendToReceive[measured] = t2 - t0;
          measured++;
        }
      }
      return new Result.WakeUp(queues, java.util.Arrays.copyOf(replyToReply, measured),
          java.util.Arrays.copyOf(sendToReceive, measured), timeouts.get(), errors.get(), firstError.get());
    } finally {
      finished.set(true);
      wire.close();
      if (sender != wire) {
        sender.close();
      }
    }
  }

  /** What became of a request that was not answered in time: waits up to 90 s more and says. */
  private static String lateAnswer(Future<SqsWire.Reply> request, long startNanos) {
    try {
      SqsWire.Reply r = await(request, 90);
      return String.format(java.util.Locale.ROOT, "answered after %.1f s: %s", (System.nanoTime() - startNanos) / 1e9,
          r.ok() ? "HTTP " + r.status() : r.error());
    } catch (RuntimeException e) {
      return "still unanswered after 2 min: " + rootMessage(e);
    }
  }

  // --- (e) -------------------------------------------------------------------------------------

  /**
   * (e) {@code polls} long polls (WaitTimeSeconds=20) held at once against a Sluice started with
   * {@code -Xmx<poll-heap>}: heap after a full GC before and while they are held, then one message
   * sent per poll and every poll's answer collected. A poll whose 20 s run out before its message
   * is sent (arming 10,000 can take a while on a busy machine) is held again at once and counted.
   */
  Result heldPolls(Servers.Running s) {
    int polls = options.polls();
    int queues = Math.min(options.pollQueues(), polls);
    SqsWire wire = wire(s, polls + 64);
    try {
      List<String> urls = createQueues(wire, "bench-e-", queues, Map.of());
      long baseline = heapAfterGc(s);
      saveClassHistogram(s, options.results().resolve("logs").resolve(s.server.name() + "-class-histogram-before.txt"));
      HeldPollTally tally = new HeldPollTally(polls);
      Buffer[] receives = new Buffer[queues];
      for (int q = 0; q < queues; q++) {
        receives[q] = SqsWire.receiveMessage(urls.get(q), 1, 20, 600);
      }
      long armStart = System.nanoTime();
      final class Poller {
        Future<Void> arm(int j) {
          SqsWire.Pending p = wire.start("ReceiveMessage", receives[j % queues]);
          p.reply().onComplete(ar -> {
            if (ar.failed() || !ar.result().ok()) {
              tally.failed(ar.failed() ? rootMessage(ar.cause()) : ar.result().error());
            } else if (SqsWire.messages(ar.result().json()).isEmpty()) {
              // Its 20 s ran out before its message came: hold it again, as a consumer would.
              tally.rearmed();
              arm(j);
            } else {
              tally.answered();
              tally.finished();
            }
          });
          return p.written();
        }
      }
      Poller poller = new Poller();
      armAll(polls, poller::arm);
      double armSeconds = (System.nanoTime() - armStart) / 1e9;
      // Each poll is held once the server's first look at its queue came back empty; on the Redis
      // engine that is a store round trip per poll, so wait (boundedly) until the gauge shows all.
      long heldByServer = -1;
      long holdDeadline = System.nanoTime() + 30_000_000_000L;
      do {
        Servers.sleep(500);
        heldByServer = metric(s, "sqs_long_polls_held");
      } while (heldByServer >= 0 && heldByServer < polls && System.nanoTime() < holdDeadline);
      long heapHeld = heapAfterGc(s);
      long rss = rssBytes(s.server.pid());
      saveClassHistogram(s, options.results().resolve("logs").resolve(s.server.name() + "-class-histogram-held.txt"));
      tally.answering();
      Buffer[] sends = new Buffer[queues];
      for (int q = 0; q < queues; q++) {
        sends[q] = SqsWire.sendMessage(urls.get(q), body);
      }
      forEach(polls, 64, j -> wire.callOk("SendMessage", sends[j % queues]).mapEmpty());
      tally.await(40, "the sends");
      return new Result.HeldPolls(polls, queues, options.pollHeap(), heldByServer, tally.answeredEarly.get(),
          tally.answered.get(), tally.rearmed.get(), tally.errorsAndUnended(), tally.firstError.get(), baseline,
          heapHeld, rss, armSeconds);
    } finally {
      wire.close();
    }
  }

  // --- (f) -------------------------------------------------------------------------------------

  /**
   * (f) Start-up: from launching the server process to the first answered request (a CreateQueue
   * sent in a loop on fresh connections), median over {@code startup-runs} runs. Sluice runs as
   * users start it, {@code bin/sluice} (the jar, with the build's ahead-of-time cache when there is
   * one) on the memory engine, without extra JVM flags.
   */
  Result startup(Target target) {
    List<Long> millis = new ArrayList<>();
    List<Long> self = new ArrayList<>();
    List<Long> cpuMillis = new ArrayList<>();
    String command = target.isSluice() ? "bin/sluice"
        : "java -cp <elasticmq jars> org.elasticmq.server.Main";
    for (int run = 1; run <= options.startupRuns(); run++) {
      int port = Probe.freePort();
      Path dir = null;
      ChildProcess p;
      Path log = options.results().resolve("logs").resolve("startup-" + target.key() + "-" + run + ".log");
      try {
        if (target.isSluice()) {
          if (!Files.isRegularFile(servers.sluiceJar())) {
            return new Result.Missing(servers.sluiceJar() + " is missing");
          }
          Path javaHome = Path.of(servers.java()).getParent().getParent();
          p = ChildProcess.start("startup-" + run, List.of(options.repo().resolve("bin/sluice").toString()),
              Map.of("SLUICE_HOST", HOST, "SLUICE_PORT", Integer.toString(port), "JAVA_HOME", javaHome.toString()),
              log);
        } else {
          dir = Files.createTempDirectory("sluice-bench-emq-");
          Path conf = dir.resolve("elasticmq.conf");
          Files.writeString(conf, Servers.elasticMqConf(port));
          p = ChildProcess.start("startup-" + run, List.of(servers.java(), "-Dconfig.file=" + conf, "-cp",
              servers.elasticMqLib() + "/*", "org.elasticmq.server.Main"), Map.of(), log);
        }
      } catch (IOException | Servers.Unavailable e) {
        return new Result.Missing(e.getMessage());
      }
      try {
        long deadline = p.startedNanos() + TimeUnit.SECONDS.toNanos(60);
        boolean up = false;
        while (System.nanoTime() < deadline && p.alive()) {
          if (Probe.createQueueAnswered(port)) {
            up = true;
            break;
          }
          Servers.sleep(1);
        }
        long elapsed = System.nanoTime() - p.startedNanos();
        long cpu = CpuMeter.cpuMillis(p.pid());
        if (!up) {
          return new Result.Missing("server did not answer: " + Servers.lastMeaningfulLine(p.logTail(20)));
        }
        millis.add(TimeUnit.NANOSECONDS.toMillis(elapsed));
        if (cpu >= 0) {
          cpuMillis.add(cpu);
        }
        Servers.sleep(200);
        Matcher m = SELF_REPORTED_START.matcher(p.logTail(50));
        if (m.find()) {
          self.add(Long.parseLong(m.group(1)));
        }
      } finally {
        p.close();
        Servers.deleteTree(dir);
      }
    }
    return new Result.Startup(command, millis, self, cpuMillis);
  }

  // --- helpers ---------------------------------------------------------------------------------

  private SqsWire wire(Servers.Running s, int connections) {
    return new SqsWire(vertx, HOST, s.port, connections);
  }

  private ClosedLoop loop() {
    return new ClosedLoop(contexts, options.concurrency());
  }

  static String createQueue(SqsWire wire, String name, Map<String, String> attributes) {
    return await(wire.callOk("CreateQueue", SqsWire.createQueue(name, attributes)), 30).getString("QueueUrl");
  }

  static void deleteQueue(SqsWire wire, String url) {
    await(wire.callOk("DeleteQueue", new JsonObject().put("QueueUrl", url).toBuffer()), 30);
  }


  private List<String> createQueues(SqsWire wire, String prefix, int count, Map<String, String> attributes) {
    String[] urls = new String[count];
    forEach(count, 32, i -> wire.callOk("CreateQueue", SqsWire.createQueue(prefix + i, attributes))
        .map(j -> urls[i] = j.getString("QueueUrl")).mapEmpty());
    return List.of(urls);
  }

  /** Runs {@code action(0..count-1)} with at most {@code parallel} in flight; fails on the first failure. */
  private void forEach(int count, int parallel, IntFunction<Future<Void>> action) {
    AtomicLong nextIndex = new AtomicLong();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(parallel);
    final class Runner {
      void next() {
        long i = nextIndex.getAndIncrement();
        if (i >= count || failure.get() != null) {
          done.countDown();
          return;
        }
        action.apply((int) i).onComplete(ar -> {
          if (ar.failed()) {
            failure.compareAndSet(null, ar.cause());
          }
          next();
        });
      }
    }
    for (int p = 0; p < parallel; p++) {
      Runner r = new Runner();
      contexts.get(p % contexts.size()).runOnContext(v -> r.next());
    }
    awaitLatch(done, 600);
    if (failure.get() != null) {
      throw new IllegalStateException(rootMessage(failure.get()), failure.get());
    }
  }

  /** Opens {@code count} long polls in chunks, waiting until each chunk is on the wire (avoids SYN floods). */
  private static void armAll(int count, IntFunction<Future<Void>> arm) {
    int chunk = 250;
    for (int from = 0; from < count; from += chunk) {
      List<Future<Void>> written = new ArrayList<>();
      for (int i = from; i < Math.min(count, from + chunk); i++) {
        written.add(arm.apply(i));
      }
      await(Future.all(written), 60);
    }
  }

  /** Heap in use after a full GC, from the server's /metrics (sum of jvm_memory_used_bytes, area heap). */
  long heapAfterGc(Servers.Running s) {
    String jcmd = Path.of(servers.java()).resolveSibling("jcmd").toString();
    try {
      Process p = new ProcessBuilder(jcmd, Long.toString(s.server.pid()), "GC.run").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      p.waitFor(60, TimeUnit.SECONDS);
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
    return metric(s, "jvm_memory_used_bytes{area=\"heap\"");
  }

  /** Saves {@code jcmd GC.class_histogram} of the server (what its heap is made of). */
  void saveClassHistogram(Servers.Running s, Path file) {
    String jcmd = Path.of(servers.java()).resolveSibling("jcmd").toString();
    try {
      Process p = new ProcessBuilder(jcmd, Long.toString(s.server.pid()), "GC.class_histogram")
          .redirectErrorStream(true).redirectOutput(file.toFile()).start();
      p.waitFor(60, TimeUnit.SECONDS);
    } catch (IOException e) {
      // optional detail
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Sum of the Prometheus samples whose line starts with {@code prefix}; -1 if there are none. */
  private static long metric(Servers.Running s, String prefix) {
    return metric(s.port, prefix);
  }

  /**
   * The one client of every server's {@code /metrics}. One per call would leave a selector thread and
   * a keep-alive connection behind each time until the garbage collector found them: thousands within
   * a minute of (t)'s polling, and calls stalled for seconds, once for 90 s (a decision task timed out
   * while its decider waited on the gauge).
   */
  private static final HttpClient METRICS_CLIENT = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  /** Sum of the Prometheus samples of the server on {@code port} whose line starts with {@code prefix}; -1 if none. */
  static long metric(int port, String prefix) {
    try {
      HttpResponse<String> r = METRICS_CLIENT.send(
          HttpRequest.newBuilder(URI.create("http://" + HOST + ":" + port + "/metrics"))
              .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      double sum = 0;
      boolean found = false;
      for (String line : r.body().split("\n")) {
        if (line.startsWith(prefix) && (line.charAt(prefix.length()) == ' ' || line.charAt(prefix.length()) == '{'
            || line.charAt(prefix.length()) == ',' || line.charAt(prefix.length()) == '}')) {
          sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
          found = true;
        }
      }
      return found ? (long) sum : -1;
    } catch (IOException | RuntimeException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  static long rssBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // not on Linux
    }
    return -1;
  }

  static <T> T await(Future<T> f, int seconds) {
    return await(f.toCompletionStage(), seconds);
  }

  /** The stage's value, waiting at most {@code seconds}; its failure (or the wait's) as an unchecked one. */
  static <T> T await(java.util.concurrent.CompletionStage<T> f, int seconds) {
    try {
      return f.toCompletableFuture().get(seconds, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("no answer within " + seconds + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void awaitLatch(CountDownLatch latch, int seconds) {
    try {
      if (!latch.await(seconds, TimeUnit.SECONDS)) {
        throw new IllegalStateException("not done within " + seconds + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c && !(c instanceof SqsWire.BadReply)) {
      c = c.getCause();
    }
    return c.getMessage() != null ? c.getMessage() : c.toString();
  }
}
