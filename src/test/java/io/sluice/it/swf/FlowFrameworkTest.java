package io.sluice.it.swf;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import com.amazonaws.services.simpleworkflow.flow.config.SimpleWorkflowClientConfig;
import com.amazonaws.services.simpleworkflow.flow.core.Functor;
import com.amazonaws.services.simpleworkflow.flow.core.Promise;
import com.amazonaws.services.simpleworkflow.flow.generic.ActivityImplementation;
import com.amazonaws.services.simpleworkflow.flow.generic.ActivityImplementationBase;
import com.amazonaws.services.simpleworkflow.flow.generic.ActivityImplementationFactory;
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
import com.amazonaws.services.simpleworkflow.flow.worker.CurrentDecisionContext;
import com.amazonaws.services.simpleworkflow.flow.worker.GenericActivityWorker;
import com.amazonaws.services.simpleworkflow.flow.worker.GenericWorker;
import com.amazonaws.services.simpleworkflow.flow.worker.GenericWorkflowClientExternalImpl;
import com.amazonaws.services.simpleworkflow.flow.worker.GenericWorkflowWorker;
import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
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

/**
 * The AWS Flow Framework for Java 2.0.0 (on SDK v2) against Sluice on each engine, without its
 * annotation processor: Flow's generic activity worker and generic workflow worker register a domain
 * and their types, and Flow's external client starts a workflow that charges an order, waits on a
 * 1-second timer and ships it. The charge fails on its first attempt and Flow's {@link RetryDecorator}
 * (Flow's retry without AspectJ weaving) schedules it again after a 1-second backoff timer. Every call
 * Flow makes is timed: Flow gives each data-plane call 6 s, so every one but the polls must answer
 * well within that.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class FlowFrameworkTest {
  static final WorkflowType ORDER = WorkflowType.builder().name("order").version("1").build();
  static final ActivityType CHARGE = ActivityType.builder().name("charge").version("1").build();
  static final ActivityType SHIP = ActivityType.builder().name("ship").version("1").build();
  static final DataConverter JSON = new JsonDataConverter();
  /** Half of what Flow gives a data-plane call (SimpleWorkflowClientConfig: 6 s). */
  static final long SLOWEST_ALLOWED_MILLIS = 3_000;

  @Parameter
  Engine engine;

  @Test
  void flowsGenericWorkersRunAWorkflowWithARetriedActivityAndATimerToCompletion() throws Exception {
    // Given Flow's two generic workers on a new domain, which they register with their types
    TestSluice node = TestSluice.start(engine, InstantSource.system(), Map.of());
    String domain = TestSluice.uniqueName("flow-" + engine.name().toLowerCase());
    CallTimes calls = new CallTimes();
    SimpleWorkflowClientConfig config = SimpleWorkflowClientConfig.ofDefaults();
    AtomicInteger chargeAttempts = new AtomicInteger();
    GenericActivityWorker worker = new GenericActivityWorker(timed(node, calls), domain, "flow-work", config);
    worker.setRegisterDomain(true);
    worker.setDomainRetentionPeriodInDays(1);
    worker.setActivityImplementationFactory(new OrderActivities(chargeAttempts));
    worker.setExecuteThreadCount(2);
    GenericWorkflowWorker decider = new GenericWorkflowWorker(timed(node, calls), domain, "flow-decide", config);
    decider.setWorkflowDefinitionFactoryFactory(new OrderWorkflows());
    decider.setExecuteThreadCount(2);
    List<HistoryEvent> events;
    List<String> failedCalls;
    Map<String, Long> slowest;
    try (SwfClient swf = SwfClients.sync(node.endpoint()); SwfClient starter = timed(node, calls)) {
      // (the JVM's first SDK call loads the SDK's classes; made here, it is not timed as Sluice's)
      swf.listDomains(r -> r.registrationStatus("REGISTERED"));
      worker.start();
      decider.start();

      // When Flow's external client starts the workflow
      WorkflowExecution run = new GenericWorkflowClientExternalImpl(starter, domain, config).startWorkflow(
          new StartWorkflowExecutionParameters().withWorkflowId("order-7").withWorkflowType(ORDER).withInput("order-7"));
      awaitClosed(swf, domain, run);
      failedCalls = calls.failures();
      slowest = calls.slowestMillis();
      events = swf.getWorkflowExecutionHistoryPaginator(r -> r.domain(domain)
          .execution(e -> e.workflowId(run.getWorkflowId()).runId(run.getRunId()))).events().stream().toList();
    } finally {
      decider.shutdownNow();
      worker.shutdownNow();
      // Closing the node answers the polls the workers hold (closing an SDK client does not end its call)
      node.close();
    }
    awaitStopped(decider);
    awaitStopped(worker);

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

    // And every call Flow made was answered, each but the polls well within the 6 s Flow allows
    assertEquals(List.of(), failedCalls);
    System.out.printf("Flow Framework on %s: slowest answer per action (ms): %s%n", engine, slowest);
    slowest.forEach((action, millis) -> {
      if (!action.startsWith("PollFor")) {
        assertTrue(millis < SLOWEST_ALLOWED_MILLIS, action + " took " + millis + " ms");
      }
    });
    assertTrue(slowest.containsKey("RespondDecisionTaskCompleted") && slowest.containsKey("RespondActivityTaskFailed"),
        "Flow's calls were timed: " + slowest);
  }

  /** An SDK v2 client for Flow (reads 70 s, as its 70-second polls need) whose calls {@code calls} times. */
  private static SwfClient timed(TestSluice node, CallTimes calls) {
    return SwfClients.sync(node.endpoint(), c -> c.addExecutionInterceptor(calls));
  }

  private static void awaitClosed(SwfClient swf, String domain, WorkflowExecution run) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!"CLOSED".equals(swf.describeWorkflowExecution(r -> r.domain(domain)
        .execution(e -> e.workflowId(run.getWorkflowId()).runId(run.getRunId())))
        .executionInfo().executionStatusAsString())) {
      assertTrue(System.nanoTime() < deadline, "the workflow did not close within 60 s");
      Thread.sleep(100);
    }
  }

  private static void awaitStopped(GenericWorker<?> worker) throws InterruptedException {
    assertTrue(worker.awaitTermination(10, TimeUnit.SECONDS), worker + " did not stop");
  }

  /** The slowest answer to each SWF action (from the SDK's start of the call to its end), and the calls that failed. */
  static final class CallTimes implements ExecutionInterceptor {
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("flow-test-started");
    private final Map<String, Long> slowest = new ConcurrentHashMap<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
      record(attributes);
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

  /** The one workflow type, order/1, registered by the workflow worker on its task list. */
  static final class OrderWorkflows extends WorkflowDefinitionFactoryFactory {
    private final WorkflowDefinitionFactory order = new WorkflowDefinitionFactory() {
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
        return new OrderWorkflow(context);
      }

      @Override
      public void deleteWorkflowDefinition(WorkflowDefinition instance) {
        CurrentDecisionContext.unset();
      }

      @Override
      public WorkflowType getWorkflowType() {
        return ORDER;
      }
    };

    @Override
    public WorkflowDefinitionFactory getWorkflowDefinitionFactory(WorkflowType type) {
      return ORDER.equals(type) ? order : null;
    }

    @Override
    public Iterable<WorkflowType> getWorkflowTypesToRegister() {
      return List.of(ORDER);
    }
  }

  /** charge/1 (declined on its first attempt) and ship/1, registered by the activity worker on its task list. */
  static final class OrderActivities extends ActivityImplementationFactory {
    private final Map<ActivityType, ActivityImplementation> steps;

    OrderActivities(AtomicInteger chargeAttempts) {
      steps = Map.of(CHARGE, new Step(order -> {
        if (chargeAttempts.incrementAndGet() == 1) {
          throw new IllegalStateException("card declined");
        }
        return "charged " + order;
      }), SHIP, new Step(charged -> "shipped " + charged));
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
    private final UnaryOperator<String> body;

    Step(UnaryOperator<String> body) {
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
        return JSON.toData(body.apply(argument));
      } catch (RuntimeException e) {
        throw new ActivityFailureException(e.getMessage(), JSON.toData(e));
      }
    }
  }
}
