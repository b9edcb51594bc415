package io.sluice.swf;

import io.micrometer.core.instrument.Gauge;
import io.sluice.config.ServiceSection;
import io.sluice.module.NodeContext;
import io.sluice.module.RunningService;
import io.sluice.module.ServiceModule;
import io.sluice.module.TrainingClient;
import io.sluice.protocol.JsonCodec;
import io.sluice.protocol.ServiceDefinition;
import io.sluice.protocol.WireProtocol;
import io.sluice.storage.StoreFactory;
import io.sluice.storage.memory.InMemoryStoreEngine;
import io.sluice.storage.redis.RedisStoreEngine;
import io.sluice.swf.store.DomainStore;
import io.sluice.swf.store.InMemoryDomainStore;
import io.sluice.swf.store.RedisDomainStore;
import io.sluice.swf.store.ExecutionStore;
import io.sluice.swf.store.InMemoryExecutionStore;
import io.sluice.swf.store.RedisExecutionStore;
import io.sluice.swf.store.InMemoryVisibilityStore;
import io.sluice.swf.store.RedisVisibilityStore;
import io.sluice.swf.store.VisibilityStore;
import io.sluice.swf.store.InMemoryTaskListStore;
import io.sluice.swf.store.RedisTaskListStore;
import io.sluice.swf.store.TaskListStore;
import io.sluice.ids.RandomIds;
import io.sluice.storage.scheduler.RedisScheduler;
import io.sluice.storage.waiters.MonotonicClock;
import io.sluice.swf.engine.Deadlines;
import io.sluice.time.Timers;
import io.sluice.storage.waiters.WaiterSignals;
import io.sluice.storage.waiters.Waiters;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;

/**
 * Amazon SWF as a module of the node: its {@link DomainStore} on the node's engine and
 * {@link DeciderVerticle}s for the API. So far the control plane: domains, their tags, workflow and
 * activity types; and the walking skeleton of executions: start, describe, history, task polls
 * held on {@link Waiters} woken cluster-wide on {@link SwfApi#TASKS_SCHEDULED}, decisions and
 * activity results, in history transactions on the {@link ExecutionStore}; listings and counts of
 * executions on the {@link VisibilityStore}.
 */
public final class SwfModule implements ServiceModule<SwfConfig> {

  /** The domain store on each engine. */
  public static final StoreFactory<DomainStore> STORE = new StoreFactory<>() {
    @Override
    public DomainStore inMemory(InMemoryStoreEngine engine) {
      return engine.keep(new InMemoryDomainStore());
    }

    @Override
    public DomainStore redis(RedisStoreEngine engine) {
      return new RedisDomainStore(engine.client(), engine.keys().namespace("swf"));
    }
  };

  /** How often each node looks for SWF timers that are due. */
  private static final long TIMER_TICK_MILLIS = 20;

  /** The execution store on each engine. */
  public static final StoreFactory<ExecutionStore> EXECUTIONS = new StoreFactory<>() {
    @Override
    public ExecutionStore inMemory(InMemoryStoreEngine engine) {
      return engine.keep(new InMemoryExecutionStore());
    }

    @Override
    public ExecutionStore redis(RedisStoreEngine engine) {
      return new RedisExecutionStore(engine.client(), engine.keys().namespace("swf"),
          RedisScheduler.open(engine, Deadlines.SCHEDULER));
    }
  };

  /** The task list store on each engine. */
  public static final StoreFactory<TaskListStore> TASK_LISTS = new StoreFactory<>() {
    @Override
    public TaskListStore inMemory(InMemoryStoreEngine engine) {
      return engine.keep(new InMemoryTaskListStore());
    }

    @Override
    public TaskListStore redis(RedisStoreEngine engine) {
      return new RedisTaskListStore(engine.client(), engine.keys().namespace("swf"));
    }
  };

  /** The visibility store on each engine. */
  public static final StoreFactory<VisibilityStore> VISIBILITY = new StoreFactory<>() {
    @Override
    public VisibilityStore inMemory(InMemoryStoreEngine engine) {
      return engine.keep(new InMemoryVisibilityStore());
    }

    @Override
    public VisibilityStore redis(RedisStoreEngine engine) {
      return new RedisVisibilityStore(engine.client(), engine.keys().namespace("swf"));
    }
  };

  @Override
  public ServiceDefinition definition() {
    return SwfApi.DEFINITION;
  }

  @Override
  public ServiceSection<SwfConfig> configSection() {
    return SwfConfig.SECTION;
  }

  @Override
  public Future<RunningService> start(NodeContext node, SwfConfig settings) {
    return Waiters.start(node.vertx(), SwfApi.TASKS_SCHEDULED, (String key) -> key, MonotonicClock.SYSTEM)
        .compose(polls -> {
          Gauge.builder("swf.task.polls.held", polls, Waiters::held)
              .description("PollForDecisionTask and PollForActivityTask calls held on this node")
              .register(node.meters());
          SwfServices services = new SwfServices(node.engine().open(STORE), node.engine().open(EXECUTIONS),
              node.engine().open(TASK_LISTS), node.engine().open(VISIBILITY), new WaiterSignals<>(polls), node.clock(),
              settings, LambdaFunctions.create(node.vertx(), node.config().lambdaEndpoints()),
              new SwfMetrics(node.meters()));
          TimerDriver driver = new TimerDriver(services, "swf-" + RandomIds.uuid());
          Timers.Timer ticks = node.timers().every(TIMER_TICK_MILLIS, driver::tick);
          return node.vertx().deployVerticle(() -> new DeciderVerticle(services),
                  new DeploymentOptions().setInstances(node.instances()))
              .map(deployed -> new RunningService() {
                @Override
                public void quiesce() {
                  polls.closeAll();
                  ticks.cancel();
                }

                @Override
                public Future<Void> stop() {
                  return polls.stop().andThen(stopped -> services.functions().close());
                }
              });
        });
  }

  /**
   * Registers, describes, lists and deprecates a domain and a workflow type, and runs a workflow
   * through one activity; fails if an answer does not show what was done.
   */
  @Override
  public void train(TrainingClient client) throws Exception {
    String type = WireProtocol.JSON_1_0.contentType();
    String domain = "sluice-training-" + System.nanoTime();
    client.json(type, target("RegisterDomain"), "{\"name\":\"" + domain + "\","
        + "\"workflowExecutionRetentionPeriodInDays\":\"1\",\"tags\":[{\"key\":\"k\",\"value\":\"v\"}]}");
    client.json(type, target("RegisterWorkflowType"), "{\"domain\":\"" + domain + "\",\"name\":\"flow\","
        + "\"version\":\"1\",\"defaultTaskList\":{\"name\":\"decisions\"},\"defaultChildPolicy\":\"TERMINATE\","
        + "\"defaultTaskStartToCloseTimeout\":\"30\",\"defaultExecutionStartToCloseTimeout\":\"3600\"}");
    client.json(type, target("RegisterActivityType"), "{\"domain\":\"" + domain + "\",\"name\":\"work\","
        + "\"version\":\"1\",\"defaultTaskList\":{\"name\":\"work\"},\"defaultTaskHeartbeatTimeout\":\"NONE\"}");
    expect(client.json(type, target("DescribeDomain"), "{\"name\":\"" + domain + "\"}"), "\"REGISTERED\"");
    expect(client.json(type, target("DescribeWorkflowType"), "{\"domain\":\"" + domain + "\","
        + "\"workflowType\":{\"name\":\"flow\",\"version\":\"1\"}}"), "\"decisions\"");
    expect(client.json(type, target("ListWorkflowTypes"), "{\"domain\":\"" + domain + "\","
        + "\"registrationStatus\":\"REGISTERED\"}"), "\"flow\"");
    runWorkflow(client, type, domain);
    client.json(type, target("DeprecateDomain"), "{\"name\":\"" + domain + "\"}");
    expect(client.json(type, target("ListDomains"), "{\"registrationStatus\":\"DEPRECATED\"}"), domain);
    expect(client.json(type, target("ListActivityTypes"), "{\"domain\":\"" + domain + "\","
        + "\"registrationStatus\":\"DEPRECATED\"}"), "\"work\"");
  }

  /** Start → decision task → activity task → completed workflow, every poll answered at once. */
  private static void runWorkflow(TrainingClient client, String type, String domain) throws Exception {
    String d = "\"domain\":\"" + domain + "\"";
    String runId = field(client.json(type, target("StartWorkflowExecution"), "{" + d + ",\"workflowId\":\"train\","
        + "\"workflowType\":{\"name\":\"flow\",\"version\":\"1\"},\"input\":\"in\"}"), "runId");
    String decision = field(client.json(type, target("PollForDecisionTask"), "{" + d + ","
        + "\"taskList\":{\"name\":\"decisions\"}}"), "taskToken");
    client.json(type, target("RespondDecisionTaskCompleted"), "{\"taskToken\":\"" + decision + "\",\"decisions\":[{"
        + "\"decisionType\":\"ScheduleActivityTask\",\"scheduleActivityTaskDecisionAttributes\":{"
        + "\"activityType\":{\"name\":\"work\",\"version\":\"1\"},\"activityId\":\"a\","
        + "\"scheduleToCloseTimeout\":\"60\",\"scheduleToStartTimeout\":\"60\",\"startToCloseTimeout\":\"60\"}}]}");
    String activity = field(client.json(type, target("PollForActivityTask"), "{" + d + ","
        + "\"taskList\":{\"name\":\"work\"}}"), "taskToken");
    client.json(type, target("RespondActivityTaskCompleted"), "{\"taskToken\":\"" + activity + "\",\"result\":\"r\"}");
    decision = field(client.json(type, target("PollForDecisionTask"), "{" + d + ","
        + "\"taskList\":{\"name\":\"decisions\"}}"), "taskToken");
    client.json(type, target("RespondDecisionTaskCompleted"), "{\"taskToken\":\"" + decision + "\",\"decisions\":[{"
        + "\"decisionType\":\"CompleteWorkflowExecution\"}]}");
    String execution = "{" + d + ",\"execution\":{\"workflowId\":\"train\",\"runId\":\"" + runId + "\"}}";
    expect(client.json(type, target("DescribeWorkflowExecution"), execution), "\"COMPLETED\"");
    expect(client.json(type, target("GetWorkflowExecutionHistory"), execution), "WorkflowExecutionCompleted");
  }

  private static String field(String answer, String name) throws java.io.IOException {
    String value = JsonCodec.json().readTree(answer).path(name).asText("");
    if (value.isEmpty()) {
      throw new IllegalStateException("SWF training: no " + name + " in " + answer);
    }
    return value;
  }

  private static void expect(String answer, String part) {
    if (!answer.contains(part)) {
      throw new IllegalStateException("SWF training: expected " + part + " in " + answer);
    }
  }

  private static String target(String action) {
    return SwfApi.DEFINITION.jsonTargetPrefix() + "." + action;
  }
}
