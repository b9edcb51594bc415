package io.sluice.it.swf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.simpleworkflow.flow.ActivityExecutionContext;
import com.amazonaws.services.simpleworkflow.flow.ActivityFailureException;
import com.amazonaws.services.simpleworkflow.flow.DataConverter;
import com.amazonaws.services.simpleworkflow.flow.DecisionContext;
import com.amazonaws.services.simpleworkflow.flow.DynamicActivitiesClient;
import com.amazonaws.services.simpleworkflow.flow.DynamicActivitiesClientImpl;
import com.amazonaws.services.simpleworkflow.flow.JsonDataConverter;
import com.amazonaws.services.simpleworkflow.flow.WorkflowClock;
import com.amazonaws.services.simpleworkflow.flow.WorkflowTypeRegistrationOptions;
import com.amazonaws.services.simpleworkflow.flow.config.DeciderAffinityConfig;
import com.amazonaws.services.simpleworkflow.flow.config.SimpleWorkflowClientConfig;
import com.amazonaws.services.simpleworkflow.flow.core.Functor;
import com.amazonaws.services.simpleworkflow.flow.core.Promise;
import com.amazonaws.services.simpleworkflow.flow.core.Settable;
import com.amazonaws.services.simpleworkflow.flow.generic.ActivityImplementation;
import com.amazonaws.services.simpleworkflow.flow.generic.ActivityImplementationBase;
import com.amazonaws.services.simpleworkflow.flow.generic.ActivityImplementationFactory;
import com.amazonaws.services.simpleworkflow.flow.generic.GenericWorkflowClientExternal;
import com.amazonaws.services.simpleworkflow.flow.generic.SignalExternalWorkflowParameters;
import com.amazonaws.services.simpleworkflow.flow.generic.StartWorkflowExecutionParameters;
import com.amazonaws.services.simpleworkflow.flow.generic.WorkflowDefinition;
import com.amazonaws.services.simpleworkflow.flow.generic.WorkflowDefinitionFactory;
import com.amazonaws.services.simpleworkflow.flow.generic.WorkflowDefinitionFactoryFactory;
import com.amazonaws.services.simpleworkflow.flow.interceptors.ExponentialRetryPolicy;
import com.amazonaws.services.simpleworkflow.flow.interceptors.RetryDecorator;
import com.amazonaws.services.simpleworkflow.flow.model.ActivityType;
import com.amazonaws.services.simpleworkflow.flow.model.WorkflowExecution;
import com.amazonaws.services.simpleworkflow.flow.model.WorkflowType;
import com.amazonaws.services.simpleworkflow.flow.worker.ActivityTypeRegistrationOptions;
import com.amazonaws.services.simpleworkflow.flow.worker.AsyncDecider;
import com.amazonaws.services.simpleworkflow.flow.worker.CurrentDecisionContext;
import com.amazonaws.services.simpleworkflow.flow.worker.GenericActivityWorker;
import com.amazonaws.services.simpleworkflow.flow.worker.GenericAffinityWorkflowWorker;
import com.amazonaws.services.simpleworkflow.flow.worker.GenericWorkflowClientExternalImpl;
import com.amazonaws.services.simpleworkflow.flow.worker.GenericWorkflowWorker;
import com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider;
import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import javax.cache.Cache;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.EventType;
import software.amazon.awssdk.services.swf.model.HistoryEvent;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskRequest;
import software.amazon.awssdk.services.swf.model.PollForDecisionTaskResponse;

/**
 * The AWS Flow Framework for Java 2.0.0 (on SDK v2) against Sluice on each engine, without its
 * annotation processor: Flow's generic activity worker and generic workflow worker register a domain
 * and their types, and Flow's external client starts a workflow that charges an order, waits on a
 * 1-second timer and ships it. The charge fails on its first attempt and Flow's {@link RetryDecorator}
 * (Flow's retry without AspectJ weaving) schedules it again after a 1-second backoff timer; shipping
 * records a heartbeat. A second workflow waits for a signal sent with Flow's client, which reads the
 * workflow's state from the run's execution context. Every call Flow makes is timed: Flow gives each
 * data-plane call 6 s, so every one but the polls must answer well within that.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class FlowFrameworkTest {
  static final WorkflowType ORDER = WorkflowType.builder().name("order").version("1").build();
  static final ActivityType CHARGE = ActivityType.builder().name("charge").version("1").build();
  static final ActivityType SHIP = ActivityType.builder().name("ship").version("1").build();
  static final WorkflowType APPROVAL = WorkflowType.builder().name("approval").version("1").build();
  static final DataConverter JSON = new JsonDataConverter();
  /** Half of what Flow gives a data-plane call (SimpleWorkflowClientConfig: 6 s). */
  static final long SLOWEST_ALLOWED_MILLIS = 3_000;

  @Parameter
  Engine engine;

  @Test
  void flowsGenericWorkersRunAWorkflowWithARetriedActivityAndATimerToCompletion() throws Exception {
    // Given Flow's two generic workers on a new domain, which they register with their types
    AtomicInteger chargeAttempts = new AtomicInteger();
    List<HistoryEvent> events;
    List<String> failedCalls;
    Map<String, Long> slowest;
    try (FlowApp app = new FlowApp(engine, new Workflows(Map.of(ORDER, OrderWorkflow::new)),
        new OrderActivities(chargeAttempts))) {
      // When Flow's external client starts the workflow
      WorkflowExecution run = app.start(ORDER, "order-7", "order-7");
      app.awaitClosed(run);
      failedCalls = app.calls.failures();
      slowest = app.calls.slowestMillis();
      events = app.history(run);
    }

    // Then it completed with both activities' results, after the failed charge, its retry and the timers
    List<EventType> steps = events.stream().map(HistoryEvent::eventType)
        .filter(t -> !t.toString().startsWith("DecisionTask")).toList();
    assertEquals(List.of(EventType.WORKFLOW_EXECUTION_STARTED,
        EventType.ACTIVITY_TASK_SCHEDULED, EventType.ACTIVITY_TASK_STARTED, EventType.ACTIVITY_TASK_FAILED,
        EventType.TIMER_STARTED, EventType.TIMER_FIRED,
        EventType.ACTIVITY_TASK_SCHEDULED, EventType.ACTIVITY_TASK_STARTED, EventType.ACTIVITY_TASK_COMPLETED,
        EventType.TIMER_STARTED, EventType.TIMER_FIRED,
        EventType.ACTIVITY_TASK_SCHEDULED, EventType.ACTIVITY_TASK_STARTED, EventType.ACTIVITY_TASK_COMPLETED,
        EventType.WORKFLOW_EXECUTION_COMPLETED), steps);
    assertEquals(List.of("charge", "charge", "ship"), events.stream()
        .filter(e -> e.eventType() == EventType.ACTIVITY_TASK_SCHEDULED)
        .map(e -> e.activityTaskScheduledEventAttributes().activityType().name()).toList());
    HistoryEvent failed = events.stream().filter(e -> e.eventType() == EventType.ACTIVITY_TASK_FAILED).findFirst()
        .orElseThrow();
    assertEquals("card declined", failed.activityTaskFailedEventAttributes().reason());
    assertEquals(List.of("1", "1"), events.stream().filter(e -> e.eventType() == EventType.TIMER_STARTED)
        .map(e -> e.timerStartedEventAttributes().startToFireTimeout()).toList());
    assertEquals("shipped charged order-7",
        events.getLast().workflowExecutionCompletedEventAttributes().result());
    assertEquals(2, chargeAttempts.get());

    // And every call Flow made (the ship activity's heartbeat too) was answered, each but the polls
    // well within the 6 s Flow allows
    assertAnsweredInTime(failedCalls, slowest);
    assertTrue(slowest.keySet().containsAll(List.of("RespondDecisionTaskCompleted", "RespondActivityTaskFailed",
        "RecordActivityTaskHeartbeat")), "Flow's calls were timed: " + slowest);
  }

  @Test
  void aSignalReachesAFlowWorkflowAndFlowsClientReadsItsState() throws Exception {
    // Given a Flow workflow that waits for a signal, its state shown to Flow's client
    List<HistoryEvent> events;
    List<String> failedCalls;
    Map<String, Long> slowest;
    String finalState;
    try (FlowApp app = new FlowApp(engine, new Workflows(Map.of(APPROVAL, context -> new ApprovalWorkflow())),
        new OrderActivities(new AtomicInteger()))) {
      WorkflowExecution run = app.start(APPROVAL, "order-8", "order-8");
      app.await(() -> ApprovalWorkflow.WAITING.equals(app.client.getWorkflowState(run)), "the workflow waits");

      // When Flow's client signals it
      app.client.signalWorkflowExecution(new SignalExternalWorkflowParameters().withWorkflowId(run.getWorkflowId())
          .withRunId(run.getRunId()).withSignalName("approve").withInput("alice"));
      app.awaitClosed(run);
      finalState = app.client.getWorkflowState(run);
      failedCalls = app.calls.failures();
      slowest = app.calls.slowestMillis();
      events = app.history(run);
    }

    // Then the signal reached the workflow, which completed with it, and its last state is readable
    HistoryEvent signaled = events.stream().filter(e -> e.eventType() == EventType.WORKFLOW_EXECUTION_SIGNALED)
        .findFirst().orElseThrow();
    assertEquals("approve", signaled.workflowExecutionSignaledEventAttributes().signalName());
    assertEquals("alice", signaled.workflowExecutionSignaledEventAttributes().input());
    assertEquals("order-8 approved by alice", events.getLast().workflowExecutionCompletedEventAttributes().result());
    assertEquals(ApprovalWorkflow.APPROVED, finalState);
    assertAnsweredInTime(failedCalls, slowest);
    assertTrue(slowest.keySet().containsAll(List.of("SignalWorkflowExecution", "DescribeWorkflowExecution")),
        "Flow's calls were timed: " + slowest);
  }

  @Test
  void flowsAffinityDeciderGoesOnFromItsCachedDeciderWithTheNewEventsOnly() throws Exception {
    // Given Flow's decider with decider affinity and its affinity decider on this host's task list
    List<HistoryEvent> events;
    List<String> failedCalls;
    Map<String, Long> slowest;
    List<Long> partialHistoriesFrom;
    try (FlowApp app = new FlowApp(engine, new Workflows(Map.of(ORDER, OrderWorkflow::new)),
        new OrderActivities(new AtomicInteger()), true)) {
      // When the workflow runs
      WorkflowExecution run = app.start(ORDER, "order-9", "order-9");
      app.awaitClosed(run);
      partialHistoriesFrom = app.calls.partialHistoriesFrom();
      failedCalls = app.calls.failures();
      slowest = app.calls.slowestMillis();
      events = app.history(run);
    }

    // Then it completed as without affinity, every decision task after the first on the host's task list
    assertEquals("shipped charged order-9", events.getLast().workflowExecutionCompletedEventAttributes().result());
    List<String> decisionTaskLists = events.stream().filter(e -> e.eventType() == EventType.DECISION_TASK_SCHEDULED)
        .map(e -> e.decisionTaskScheduledEventAttributes().taskList().name()).toList();
    assertEquals("flow-decide", decisionTaskLists.getFirst());
    assertEquals(List.of(), decisionTaskLists.stream().skip(1).filter("flow-decide"::equals).toList(),
        "decision tasks handed back to the workflow's own task list: " + decisionTaskLists);
    assertTrue(events.stream().noneMatch(e -> e.eventType() == EventType.DECISION_TASK_TIMED_OUT));
    // And the affinity decider got each of those tasks with the events after the previous decision only
    assertFalse(partialHistoriesFrom.isEmpty(), "no decision task reached the affinity decider");
    assertEquals(decisionTaskLists.size() - 1, partialHistoriesFrom.size(), "tasks: " + partialHistoriesFrom);
    assertTrue(partialHistoriesFrom.stream().allMatch(first -> first > 1), "tasks began at " + partialHistoriesFrom);
    assertAnsweredInTime(failedCalls, slowest);
  }

  private void assertAnsweredInTime(List<String> failedCalls, Map<String, Long> slowest) {
    System.out.printf("Flow Framework on %s: slowest answer per action (ms): %s%n", engine, slowest);
    assertEquals(List.of(), failedCalls);
    slowest.forEach((action, millis) -> {
      if (!action.startsWith("PollFor")) {
        assertTrue(millis < SLOWEST_ALLOWED_MILLIS, action + " took " + millis + " ms");
      }
    });
  }

  /**
   * A private node (system clock) and Flow's two generic workers on a new domain of it, which they
   * register with their types; every call of Flow's is timed. Closing stops the workers and the node.
   */
  private static final class FlowApp implements AutoCloseable {
    final CallTimes calls = new CallTimes();
    final GenericWorkflowClientExternal client;
    private final TestSluice node;
    private final String domain;
    private final SwfClient swf;
    private final SwfClient starter;
    private final GenericActivityWorker worker;
    private final GenericWorkflowWorker decider;
    private final GenericAffinityWorkflowWorker affinityDecider;

    FlowApp(Engine engine, WorkflowDefinitionFactoryFactory workflows, ActivityImplementationFactory activities) {
      this(engine, workflows, activities, false);
    }

    /**
     * With {@code affinity}, the decider hands each next decision task to a second decider on this
     * host's own task list, which goes on from its cached decider with the new events only.
     */
    FlowApp(Engine engine, WorkflowDefinitionFactoryFactory workflows, ActivityImplementationFactory activities,
            boolean affinity) {
      node = TestSluice.start(engine, InstantSource.system(), Map.of());
      domain = TestSluice.uniqueName("flow-" + engine.name().toLowerCase());
      SimpleWorkflowClientConfig config = affinity
          ? SimpleWorkflowClientConfig.builder().deciderAffinityConfig(new DeciderAffinityConfig(
              Duration.ofSeconds(30), deciderCache(domain))).build()
          : SimpleWorkflowClientConfig.ofDefaults();
      worker = new GenericActivityWorker(timed(), domain, "flow-work", config);
      worker.setRegisterDomain(true);
      worker.setDomainRetentionPeriodInDays(1);
      worker.setActivityImplementationFactory(activities);
      worker.setExecuteThreadCount(2);
      decider = new GenericWorkflowWorker(timed(), domain, "flow-decide", config);
      decider.setWorkflowDefinitionFactoryFactory(workflows);
      decider.setExecuteThreadCount(2);
      affinityDecider = affinity ? new GenericAffinityWorkflowWorker(timed(), domain, config) : null;
      if (affinityDecider != null) {
        affinityDecider.setWorkflowDefinitionFactoryFactory(workflows);
        affinityDecider.setDisableTypeRegistrationOnStart(true); // the decider registers them
        affinityDecider.setExecuteThreadCount(2);
      }
      swf = SwfClients.sync(node.endpoint());
      starter = timed();
      client = new GenericWorkflowClientExternalImpl(starter, domain, config);
      // (the JVM's first SDK call loads the SDK's classes; made here, it is not timed as Sluice's)
      swf.listDomains(r -> r.registrationStatus("REGISTERED"));
      worker.start();
      decider.start();
      if (affinityDecider != null) {
        affinityDecider.start();
      }
    }

    /** Flow's decider cache: a JCache (Caffeine's) holding the deciders themselves, not copies. */
    private static Cache<WorkflowExecution, AsyncDecider>
        deciderCache(String name) {
      return Caching.getCachingProvider(CaffeineCachingProvider.class.getName()).getCacheManager().createCache(name,
          new MutableConfiguration<WorkflowExecution, AsyncDecider>()
              .setStoreByValue(false));
    }

    /** An SDK v2 client for Flow (reads 70 s, as its 70-second polls need) whose calls are timed. */
    private SwfClient timed() {
      return SwfClients.sync(node.endpoint(), c -> c.addExecutionInterceptor(calls));
    }

    WorkflowExecution start(WorkflowType type, String workflowId, String input) {
      return client.startWorkflow(new StartWorkflowExecutionParameters().withWorkflowId(workflowId)
          .withWorkflowType(type).withInput(input));
    }

    void awaitClosed(WorkflowExecution run) throws InterruptedException {
      await(() -> "CLOSED".equals(swf.describeWorkflowExecution(r -> r.domain(domain).execution(run.toSdkType()))
          .executionInfo().executionStatusAsString()), "the workflow closes");
    }

    void await(BooleanSupplier condition, String what) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!condition.getAsBoolean()) {
        assertTrue(System.nanoTime() < deadline, what + ": not within 60 s");
        Thread.sleep(100);
      }
    }

    List<HistoryEvent> history(WorkflowExecution run) {
      return swf.getWorkflowExecutionHistoryPaginator(r -> r.domain(domain).execution(run.toSdkType())).events().stream()
          .toList();
    }

    @Override
    public void close() throws InterruptedException {
      decider.shutdownNow();
      worker.shutdownNow();
      if (affinityDecider != null) {
        affinityDecider.shutdownNow();
      }
      starter.close();
      swf.close();
      // Closing the node answers the polls the workers hold (closing an SDK client does not end its call)
      node.close();
      assertTrue(decider.awaitTermination(10, TimeUnit.SECONDS), "Flow's decider did not stop");
      assertTrue(worker.awaitTermination(10, TimeUnit.SECONDS), "Flow's activity worker did not stop");
      assertTrue(affinityDecider == null || affinityDecider.awaitTermination(10, TimeUnit.SECONDS),
          "Flow's affinity decider did not stop");
    }
  }

  /**
   * The slowest answer to each SWF action (from the SDK's start of the call to its end), the calls that
   * failed, and where the decision tasks polled for from the previous started event began.
   */
  static final class CallTimes implements ExecutionInterceptor {
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("flow-test-started");
    private final Map<String, Long> slowest = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final List<Long> partialHistoriesFrom = new CopyOnWriteArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
      record(attributes);
      if (context.request() instanceof PollForDecisionTaskRequest poll
          && Boolean.TRUE.equals(poll.startAtPreviousStartedEvent())
          && context.response() instanceof PollForDecisionTaskResponse task && task.hasEvents()
          && !task.events().isEmpty()) {
        partialHistoriesFrom.add(task.events().getFirst().eventId());
      }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
      record(attributes);
      failures.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + ": " + context.exception());
    }

    private void record(ExecutionAttributes attributes) {
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - attributes.getAttribute(STARTED));
      slowest.merge(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), millis, Math::max);
    }

    Map<String, Long> slowestMillis() {
      return new TreeMap<>(slowest);
    }

    List<String> failures() {
      return List.copyOf(failures);
    }

    /** The first eventId of each decision task polled for with {@code startAtPreviousStartedEvent}. */
    List<Long> partialHistoriesFrom() {
      return List.copyOf(partialHistoriesFrom);
    }
  }

  /** Charges an order (retried on {@link IllegalStateException}, three attempts, from 1 s apart), naps 1 s, ships it. */
  static final class OrderWorkflow extends WorkflowDefinition {
    /** What {@link RetryDecorator} decorates: it retries a call of an interface whose methods answer promises. */
    public interface Charges {
      Promise<String> charge(Promise<String> order);
    }

    private final DecisionContext context;

    OrderWorkflow(DecisionContext context) {
      this.context = context;
    }

    @Override
    public Promise<String> execute(String input) {
      DynamicActivitiesClient activities = new DynamicActivitiesClientImpl(null, JSON, context.getActivityClient());
      WorkflowClock clock = context.getWorkflowClock();
      ExponentialRetryPolicy policy = new ExponentialRetryPolicy(1).withMaximumAttempts(3)
          .withExceptionsToRetry(List.of(IllegalStateException.class));
      Charges charges = new RetryDecorator(policy, clock).decorate(Charges.class,
          order -> activities.scheduleActivity(CHARGE, new Promise<?>[] {order}, null, String.class));
      Promise<String> charged = charges.charge(Promise.asPromise(input));
      Promise<Void> nap = new Functor<>(charged) {
        @Override
        protected Promise<Void> doExecute() {
          return clock.createTimer(1);
        }
      };
      return activities.scheduleActivity(SHIP, new Promise<?>[] {charged}, null, String.class, nap);
    }

    @Override
    public void signalRecieved(String signalName, String input) {}

    @Override
    public String getWorkflowState() {
      return null;
    }
  }

  /**
   * Waits for the signal {@code approve} and completes with its input; its state (what Flow's client
   * reads from the run's latest execution context) says whether it is still waiting.
   */
  static final class ApprovalWorkflow extends WorkflowDefinition {
    static final String WAITING = "waiting for approval";
    static final String APPROVED = "approved";
    private final Settable<String> approver = new Settable<>();
    private String state = WAITING;

    @Override
    public Promise<String> execute(String input) {
      return new Functor<>(approver) {
        @Override
        protected Promise<String> doExecute() {
          state = APPROVED;
          return Promise.asPromise(input + " approved by " + approver.get());
        }
      };
    }

    @Override
    public void signalRecieved(String signalName, String input) {
      if ("approve".equals(signalName)) {
        approver.set(input);
      }
    }

    @Override
    public String getWorkflowState() {
      return state;
    }
  }

  /** Workflow types and their definitions, each registered by the workflow worker on its task list. */
  static final class Workflows extends WorkflowDefinitionFactoryFactory {
    private final Map<WorkflowType, Function<DecisionContext, WorkflowDefinition>> definitions;

    Workflows(Map<WorkflowType, Function<DecisionContext, WorkflowDefinition>> definitions) {
      this.definitions = definitions;
    }

    @Override
    public WorkflowDefinitionFactory getWorkflowDefinitionFactory(WorkflowType type) {
      Function<DecisionContext, WorkflowDefinition> definition = definitions.get(type);
      return definition == null ? null : new WorkflowDefinitionFactory() {
        @Override
        public WorkflowTypeRegistrationOptions getWorkflowRegistrationOptions() {
          WorkflowTypeRegistrationOptions options = new WorkflowTypeRegistrationOptions();
          options.setDefaultExecutionStartToCloseTimeoutSeconds(300);
          options.setDefaultTaskStartToCloseTimeoutSeconds(30);
          return options;
        }

        // A factory makes the decision context current for the definition's decisions, as Flow's own
        // POJO and Spring factories do: RetryDecorator and timers look it up.
        @Override
        public WorkflowDefinition getWorkflowDefinition(DecisionContext context) {
          CurrentDecisionContext.set(context);
          return definition.apply(context);
        }

        @Override
        public void deleteWorkflowDefinition(WorkflowDefinition instance) {
          CurrentDecisionContext.unset();
        }

        @Override
        public WorkflowType getWorkflowType() {
          return type;
        }
      };
    }

    @Override
    public Iterable<WorkflowType> getWorkflowTypesToRegister() {
      return definitions.keySet();
    }
  }

  /**
   * charge/1 (declined on its first attempt) and ship/1 (which records a heartbeat), registered by the
   * activity worker on its task list.
   */
  static final class OrderActivities extends ActivityImplementationFactory {
    private final Map<ActivityType, ActivityImplementation> steps;

    OrderActivities(AtomicInteger chargeAttempts) {
      steps = Map.of(CHARGE, new Step((order, context) -> {
        if (chargeAttempts.incrementAndGet() == 1) {
          throw new IllegalStateException("card declined");
        }
        return "charged " + order;
      }), SHIP, new Step((charged, context) -> {
        context.recordActivityHeartbeat("packing");
        return "shipped " + charged;
      }));
    }

    @Override
    public Iterable<ActivityType> getActivityTypesToRegister() {
      return steps.keySet();
    }

    @Override
    public ActivityImplementation getActivityImplementation(ActivityType type) {
      return steps.get(type);
    }
  }

  /**
   * An activity of one JSON-encoded string argument; a failure is reported as Flow's POJO activities
   * report one, the exception as JSON in the details, so the decider's retry policy sees its class.
   */
  static final class Step extends ActivityImplementationBase {
    private final BiFunction<String, ActivityExecutionContext, String> body;

    Step(BiFunction<String, ActivityExecutionContext, String> body) {
      this.body = body;
    }

    @Override
    public ActivityTypeRegistrationOptions getRegistrationOptions() {
      ActivityTypeRegistrationOptions options = new ActivityTypeRegistrationOptions();
      options.setDefaultTaskScheduleToStartTimeoutSeconds(60L);
      options.setDefaultTaskStartToCloseTimeoutSeconds(60L);
      options.setDefaultTaskScheduleToCloseTimeoutSeconds(120L);
      return options;
    }

    @Override
    protected String execute(String input, ActivityExecutionContext context) throws ActivityFailureException {
      String argument = (String) JSON.fromData(input, Object[].class)[0];
      try {
        return JSON.toData(body.apply(argument, context));
      } catch (RuntimeException e) {
        throw new ActivityFailureException(e.getMessage(), JSON.toData(e));
      }
    }
  }
}
