package io.sluice.swf.op;

import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.testing.ManualSignals;
import io.sluice.Sluice;
import io.sluice.access.Principal;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.JsonCodec;
import io.sluice.protocol.Operation;
import io.sluice.protocol.OperationSpec;
import io.sluice.protocol.RequestContext;
import io.sluice.protocol.WireProtocol;
import io.sluice.storage.scheduler.Scheduler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sluice.swf.LambdaFunctions;
import io.sluice.swf.SwfConfig;
import io.sluice.swf.SwfMetrics;
import io.sluice.swf.SwfServices;
import io.sluice.swf.store.ExecutionStore;
import io.sluice.swf.store.InMemoryDomainStore;
import io.sluice.swf.store.InMemoryExecutionStore;
import io.sluice.swf.store.InMemoryTaskListStore;
import io.sluice.swf.store.TaskListStore;
import io.sluice.swf.store.InMemoryVisibilityStore;
import io.sluice.swf.store.VisibilityStore;
import io.sluice.testing.Await;
import io.sluice.time.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * SWF operations on the in-memory store with a manual clock, called as account {@link #ACCOUNT} in
 * {@link #REGION} with requests written as the JSON a client sends (read as the gateway reads them).
 */
final class MemorySwf {
  static final String REGION = "us-east-1";
  static final String ACCOUNT = "000000000000";
  /** The settings of {@code conf/swf.conf}. */
  static final SwfConfig CONFIGURED = Sluice.loadConfig(Map.of()).service(SwfConfig.SECTION);

  final ManualClock clock = new ManualClock(1_700_000_000_000L);
  final ManualSignals signals = new ManualSignals(clock);
  final InMemoryExecutionStore executions = new InMemoryExecutionStore();
  final Scheduler timers = executions.deadlines();
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final SwfServices services;
  private String account = ACCOUNT;

  MemorySwf(SwfConfig config) {
    this(config, new InMemoryTaskListStore());
  }

  MemorySwf(SwfConfig config, LambdaFunctions functions) {
    this(config, new InMemoryTaskListStore(), functions, UnaryOperator.identity(), new InMemoryVisibilityStore());
  }

  MemorySwf(SwfConfig config, TaskListStore taskLists) {
    this(config, taskLists, LambdaFunctions.none(), UnaryOperator.identity(), new InMemoryVisibilityStore());
  }

  /** With {@code visibility} as the visibility index. */
  MemorySwf(SwfConfig config, TaskListStore taskLists, VisibilityStore visibility) {
    this(config, taskLists, LambdaFunctions.none(), UnaryOperator.identity(), visibility);
  }

  /** With the execution store seen through {@code wrap} (one that makes a step fail). */
  MemorySwf(SwfConfig config, UnaryOperator<ExecutionStore> wrap) {
    this(config, new InMemoryTaskListStore(), LambdaFunctions.none(), wrap, new InMemoryVisibilityStore());
  }

  private MemorySwf(SwfConfig config, TaskListStore taskLists, LambdaFunctions functions,
                    UnaryOperator<ExecutionStore> wrap, VisibilityStore visibility) {
    services = new SwfServices(new InMemoryDomainStore(), wrap.apply(executions), taskLists, visibility, signals,
        clock, config, functions, new SwfMetrics(meters));
  }

  MemorySwf() {
    this(CONFIGURED);
  }

  /** Calls from now on act as {@code account}. */
  MemorySwf as(String other) {
    this.account = other;
    return this;
  }

  private RequestContext context() {
    return new RequestContext("req", "swf", "Test", WireProtocol.JSON_1_0, REGION, account, "AKIDTEST",
        "localhost", "http", "/", Principal.unchecked(account));
  }

  /** The operation's answer to the request {@code json}, as JSON on the wire. */
  JsonNode call(Function<SwfServices, ? extends Operation<?, ?>> operation, String json) {
    Object response = Await.await(run(operation, json));
    return response == null ? JsonCodec.json().createObjectNode() : JsonCodec.json().valueToTree(response);
  }

  /** The operation's answer to {@code json}, not awaited (a held poll). */
  CompletableFuture<JsonNode> callLater(Function<SwfServices, ? extends Operation<?, ?>> operation, String json) {
    return run(operation, json).toCompletableFuture().thenApply(response -> response == null
        ? JsonCodec.json().createObjectNode() : JsonCodec.json().valueToTree(response));
  }

  /** The error code the operation fails the request {@code json} with. */
  String errorCode(Function<SwfServices, ? extends Operation<?, ?>> operation, String json) {
    return assertThrows(AwsException.class, () -> Await.await(run(operation, json))).error().code();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private CompletionStage<?> run(Function<SwfServices, ? extends Operation<?, ?>> operation, String json) {
    Operation op = operation.apply(services);
    Class<?> type = OperationSpec.ofOperationClass(op.getClass()).requestType();
    try {
      Object request = JsonCodec.requests(JsonCodec.json()).readValue(json, type);
      return op.execute(context(), request);
    } catch (AwsException e) {
      return CompletableFuture.failedFuture(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Registers domain {@code name} with a retention of 7 days. */
  void domain(String name) {
    call(RegisterDomain::new, "{\"name\":\"" + name + "\",\"workflowExecutionRetentionPeriodInDays\":\"7\"}");
  }

  /**
   * Registers workflow type flow/{@code version} in {@code domain}: decision tasks in {@code decide}, 30 s
   * each, child policy TERMINATE, runs of an hour.
   */
  void flowType(String domain, String version) {
    call(RegisterWorkflowType::new, "{\"domain\":\"" + domain + "\",\"name\":\"flow\",\"version\":\"" + version
        + "\",\"defaultTaskList\":{\"name\":\"decide\"},\"defaultChildPolicy\":\"TERMINATE\","
        + "\"defaultTaskStartToCloseTimeout\":\"30\",\"defaultExecutionStartToCloseTimeout\":\"3600\"}");
  }

  /** {@code {"domain": domain, "<kind>Type": {"name": name, "version": version}}}. */
  static String typeIn(String domain, String kind, String name, String version) {
    return "{\"domain\":\"" + domain + "\",\"" + kind + "Type\":{\"name\":\"" + name + "\",\"version\":\"" + version
        + "\"}}";
  }
}
