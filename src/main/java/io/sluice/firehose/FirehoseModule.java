package io.sluice.firehose;

import io.sluice.bus.ServiceClient;
import io.sluice.config.ServiceSection;
import io.sluice.firehose.delivery.DestinationDelivery;
import io.sluice.firehose.delivery.Flusher;
import io.sluice.firehose.delivery.ObjectStore;
import io.sluice.firehose.destination.EndpointDeliveries;
import io.sluice.firehose.destination.RedshiftDelivery;
import io.sluice.firehose.destination.S3Destinations;
import io.sluice.firehose.destination.S3ObjectStore;
import io.sluice.firehose.delivery.StoredRecords;
import io.sluice.firehose.processing.FirehoseRecordProcessing;
import io.sluice.firehose.processing.LambdaTransformation;
import io.sluice.firehose.objects.BucketStore;
import io.sluice.firehose.objects.InMemoryBucketStore;
import io.sluice.firehose.objects.RedisBucketStore;
import io.sluice.firehose.objects.S3ReadApi;
import io.sluice.firehose.objects.StoredObjectStore;
import io.sluice.firehose.source.KinesisCalls;
import io.sluice.firehose.source.KinesisSourceReader;
import io.sluice.firehose.source.KinesisSources;
import io.sluice.firehose.source.SourceFlushes;
import io.sluice.firehose.source.SourceLeases;
import io.sluice.firehose.source.SourceMeters;
import io.sluice.firehose.source.SourceMetrics;
import io.sluice.firehose.store.DeliveryStreamStore;
import io.sluice.firehose.store.InMemoryDeliveryStreamStore;
import io.sluice.firehose.store.RedisDeliveryStreamStore;
import io.sluice.ids.RandomIds;
import io.sluice.lambda.FunctionUrlInvoker;
import io.sluice.lambda.LambdaEndpoints;
import io.sluice.module.NodeContext;
import io.sluice.module.RunningService;
import io.sluice.module.ServiceModule;
import io.sluice.module.TrainingClient;
import io.sluice.protocol.ServiceDefinition;
import io.sluice.protocol.WireProtocol;
import io.sluice.storage.Sealer;
import io.sluice.storage.StoreFactory;
import io.sluice.storage.memory.InMemoryStoreEngine;
import io.sluice.storage.redis.RedisStoreEngine;
import io.sluice.storage.limits.RateLimiter;
import io.sluice.storage.scheduler.RedisScheduler;
import io.sluice.storage.scheduler.Scheduler;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Amazon Data Firehose as a module of the node: its {@link DeliveryStreamStore} on the node's engine
 * and {@link FirehoseVerticle}s for the API. Records put are stored in each stream's buffer; delivery
 * to destinations is not built yet. Its own object store (a {@link BucketStore}) is served read-only
 * as S3 ({@link S3ReadApi}). The Kinesis sources of KinesisStreamAsSource streams are read into their
 * buffers by whichever node holds them ({@link SourceLeases}), over the event bus.
 */
public final class FirehoseModule implements ServiceModule<FirehoseConfig> {

  /** The delivery stream store on each engine. */
  public static final StoreFactory<DeliveryStreamStore> STORE = new StoreFactory<>() {
    @Override
    public DeliveryStreamStore inMemory(InMemoryStoreEngine engine) {
      return engine.keep(new InMemoryDeliveryStreamStore());
    }

    @Override
    public DeliveryStreamStore redis(RedisStoreEngine engine) {
      return new RedisDeliveryStreamStore(engine.client(), engine.keys().namespace("firehose"),
          RedisScheduler.open(engine, "firehose-flushes"));
    }
  };

  /** Sluice's own object store (Firehose's output without an S3 endpoint) on each engine. */
  public static final StoreFactory<BucketStore> OBJECTS = new StoreFactory<>() {
    @Override
    public BucketStore inMemory(InMemoryStoreEngine engine) {
      return engine.keep(new InMemoryBucketStore());
    }

    @Override
    public BucketStore redis(RedisStoreEngine engine) {
      return new RedisBucketStore(engine.client(), engine.keys().namespace("firehose"));
    }
  };

  /** The Direct PUT quota's buckets on each engine: on Redis beside each stream, shared by every node. */
  public static final StoreFactory<RateLimiter> LIMITER = RateLimiter.under("firehose");
  /** The wait before a failed Lambda transformation invocation is retried. */
  private static final long LAMBDA_RETRY_DELAY_MS = 1000;

  @Override
  public ServiceDefinition definition() {
    return FirehoseApi.DEFINITION;
  }

  @Override
  public ServiceSection<FirehoseConfig> configSection() {
    return FirehoseConfig.SECTION;
  }

  @Override
  public Future<RunningService> start(NodeContext node, FirehoseConfig settings) {
    DeliveryStreamStore store = node.engine().open(STORE);
    FirehoseMetrics metrics = new FirehoseMetrics(node.meters());
    StoredRecords records = new StoredRecords(new Sealer(node.sseKey()));
    FunctionUrlInvoker functions = new FunctionUrlInvoker(node.vertx(),
        new LambdaEndpoints(node.config().lambdaEndpoints()), LambdaTransformation.FUNCTION_TIMEOUT_MS);
    FirehoseRecordProcessing processing = new FirehoseRecordProcessing(new LambdaTransformation(functions,
        node.clock(), node.timers(), LAMBDA_RETRY_DELAY_MS), node.clock(), FirehoseRecordProcessing.ACTIVE_PARTITION_LIMIT);
    BucketStore buckets = node.engine().open(OBJECTS);
    StoredObjectStore storedObjects = new StoredObjectStore(buckets, node.clock(), node.config().account());
    Optional<S3ObjectStore> endpoint = S3Destinations.endpointStore(settings.s3());
    ObjectStore objects = endpoint.isPresent() ? endpoint.get() : storedObjects;
    S3Destinations s3 = S3Destinations.create(objects, node.clock());
    List<DestinationDelivery> deliveries = new ArrayList<>();
    deliveries.add(s3.delivery());
    deliveries.addAll(EndpointDeliveries.create(node.vertx(), settings, s3.writer(), node.clock(), node.timers()));
    deliveries.add(RedshiftDelivery.create(s3.writer(), objects, node.clock(), settings.redshiftHosts()));
    Flusher flusher = new Flusher(store, deliveries, processing, s3.writer(), node.clock(), node.timers(),
        settings.flush(), metrics, records);
    DirectPutQuota quota = new DirectPutQuota(node.engine().open(LIMITER), settings.directPutQuota());
    Scheduler sourceScheduler = node.engine().open(Scheduler.named(SourceLeases.SCHEDULER));
    ServiceClient client = node.serviceClient();
    KinesisCalls kinesis = (action, region, account, params) ->
        client.call("kinesis", action, region, account, params).toCompletionStage();
    FirehoseServices services = new FirehoseServices(store, node.clock(), settings, quota, flusher, metrics, records,
        new KinesisSources(kinesis, sourceScheduler));
    FirehoseConfig.Source source = settings.source();
    SourceMeters sourceMeters = new SourceMetrics(node.meters());
    SourceLeases sources = new SourceLeases(sourceScheduler, node.clock(), node.timers(), source.pollMs(),
        source.leaseMs(), "firehose-" + RandomIds.uuid(), item -> new KinesisSourceReader(store,
            SourceFlushes.of(flusher), records, kinesis, sourceMeters, SourceLeases.streamOf(item),
            SourceLeases.generationOf(item), source.pollMs()));
    // Sources stop first: their last appends may start flushes.
    RunningFirehose running = new RunningFirehose(storedObjects, new S3ReadApi(buckets, node.config().region()),
        () -> Future.fromCompletionStage(sources.stop().thenCompose(released -> flusher.stop()))
            .andThen(stopped -> {
              functions.close();
              endpoint.ifPresent(S3ObjectStore::close);
            }));
    return node.vertx().deployVerticle(() -> new FirehoseVerticle(services),
            new DeploymentOptions().setInstances(node.instances()))
        .map(deployed -> {
          flusher.start();
          sources.start();
          return running;
        });
  }

  /**
   * Drives puts through a flush into Sluice's own object store (the training node has no S3
   * endpoint) and reads the object back through the S3 read API: fails if the delivered data is not
   * what was put.
   */
  @Override
  public void train(TrainingClient client) throws Exception {
    String type = WireProtocol.JSON_1_1.contentType();
    String stream = "{\"DeliveryStreamName\":\"sluice-training\"}";
    client.json(type, target("CreateDeliveryStream"), "{\"DeliveryStreamName\":\"sluice-training\","
        + "\"ExtendedS3DestinationConfiguration\":{\"RoleARN\":\"arn:aws:iam::000000000000:role/training\","
        + "\"BucketARN\":\"arn:aws:s3:::sluice-training\",\"Prefix\":\"training/!{timestamp:yyyy}/\","
        + "\"ErrorOutputPrefix\":\"errors/\",\"BufferingHints\":{\"SizeInMBs\":1,\"IntervalInSeconds\":0}}}");
    for (int i = 0; i < 100 && !client.json(type, target("DescribeDeliveryStream"), stream).contains("\"ACTIVE\""); i++) {
      Thread.sleep(50);
    }
    client.json(type, target("PutRecord"), "{\"DeliveryStreamName\":\"sluice-training\",\"Record\":{\"Data\":\"aGk=\"}}");
    client.json(type, target("PutRecordBatch"),
        "{\"DeliveryStreamName\":\"sluice-training\",\"Records\":[{\"Data\":\"aGk=\"},{\"Data\":\"aGk=\"}]}");
    StringBuilder delivered = new StringBuilder();
    for (int i = 0; i < 100 && delivered.length() < "hihihi".length(); i++) {
      Thread.sleep(50);
      delivered.setLength(0);
      String listing = client.get("/sluice-training?list-type=2&prefix=training/");
      for (int at = listing.indexOf("<Key>"); at >= 0; at = listing.indexOf("<Key>", at + 1)) {
        delivered.append(client.get("/sluice-training/" + listing.substring(at + 5, listing.indexOf("</Key>", at))));
      }
    }
    if (!delivered.toString().equals("hihihi")) {
      throw new IllegalStateException("the training stream delivered \"" + delivered + "\", not \"hihihi\"");
    }
    client.json(type, target("ListDeliveryStreams"), "{}");
    client.json(type, target("DeleteDeliveryStream"), stream);
  }

  private static String target(String action) {
    return FirehoseApi.DEFINITION.jsonTargetPrefix() + "." + action;
  }
}
