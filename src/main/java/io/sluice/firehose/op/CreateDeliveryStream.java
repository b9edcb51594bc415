package io.sluice.firehose.op;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.firehose.Destinations;
import io.sluice.firehose.FirehoseError;
import io.sluice.firehose.FirehoseOperation;
import io.sluice.firehose.FirehoseServices;
import io.sluice.firehose.Tags;
import io.sluice.firehose.model.DeliveryStreamId;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.firehose.model.Destination;
import io.sluice.firehose.model.Encryption;
import io.sluice.firehose.source.SourceStream;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * CreateDeliveryStream: a DirectPut or KinesisStreamAsSource stream with one destination of a kind
 * Sluice accepts ({@link Destinations}), CREATING for the configured delay, then ACTIVE.
 * ResourceInUseException if the name is taken, LimitExceededException past the account's quota of
 * streams in the region; MSK and database sources, Snowflake and Iceberg destinations and record
 * format conversion are refused with InvalidArgumentException naming what Sluice delivers to. A
 * KinesisStreamAsSource stream's Kinesis stream must exist (else InvalidArgumentException); its
 * source is registered to be read from the stream's creation on.
 */
public final class CreateDeliveryStream
    extends FirehoseOperation<CreateDeliveryStream.Request, CreateDeliveryStream.Response> {

  public record Request(String deliveryStreamName, String deliveryStreamType, JsonNode directPutSourceConfiguration,
                        JsonNode kinesisStreamSourceConfiguration,
                        JsonNode deliveryStreamEncryptionConfigurationInput, JsonNode s3DestinationConfiguration,
                        JsonNode extendedS3DestinationConfiguration, JsonNode redshiftDestinationConfiguration,
                        JsonNode elasticsearchDestinationConfiguration,
                        JsonNode amazonopensearchserviceDestinationConfiguration,
                        JsonNode splunkDestinationConfiguration, JsonNode httpEndpointDestinationConfiguration,
                        List<Tags.Tag> tags, JsonNode amazonOpenSearchServerlessDestinationConfiguration,
                        @JsonProperty("MSKSourceConfiguration") JsonNode mskSourceConfiguration,
                        JsonNode snowflakeDestinationConfiguration, JsonNode icebergDestinationConfiguration,
                        JsonNode databaseSourceConfiguration) {}

  public record Response(@JsonProperty("DeliveryStreamARN") String deliveryStreamARN) {}

  public CreateDeliveryStream(FirehoseServices firehose) {
    super(firehose);
  }

  @Override
  protected CompletionStage<Response> run(RequestContext ctx, Request req) {
    String type = req.deliveryStreamType() == null ? "DirectPut" : req.deliveryStreamType();
    if (type.equals("MSKAsSource") || req.mskSourceConfiguration() != null) {
      throw Destinations.invalid("MSKAsSource is not supported: Sluice does not reach Apache Kafka; it takes "
          + "records by direct PUT or from a Kinesis data stream (KinesisStreamAsSource).");
    }
    if (type.equals("DatabaseAsSource") || req.databaseSourceConfiguration() != null) {
      throw Destinations.invalid("DatabaseAsSource is not supported: Sluice takes records by direct PUT or from a "
          + "Kinesis data stream (KinesisStreamAsSource).");
    }
    ObjectNode source = null;
    if (type.equals("KinesisStreamAsSource")) {
      if (req.kinesisStreamSourceConfiguration() == null) {
        throw Destinations.invalid("KinesisStreamSourceConfiguration is required for a KinesisStreamAsSource "
            + "delivery stream.");
      }
      source = (ObjectNode) req.kinesisStreamSourceConfiguration().deepCopy();
      if (req.directPutSourceConfiguration() != null) {
        throw Destinations.invalid("DirectPutSourceConfiguration is only valid for a DirectPut delivery stream.");
      }
    } else if (req.kinesisStreamSourceConfiguration() != null) {
      throw Destinations.invalid("KinesisStreamSourceConfiguration is only valid for a KinesisStreamAsSource "
          + "delivery stream.");
    }
    Map<String, JsonNode> configurations = new LinkedHashMap<>();
    configurations.put("S3", req.s3DestinationConfiguration());
    configurations.put("ExtendedS3", req.extendedS3DestinationConfiguration());
    configurations.put("Redshift", req.redshiftDestinationConfiguration());
    configurations.put("Elasticsearch", req.elasticsearchDestinationConfiguration());
    configurations.put("Amazonopensearchservice", req.amazonopensearchserviceDestinationConfiguration());
    configurations.put("Splunk", req.splunkDestinationConfiguration());
    configurations.put("HttpEndpoint", req.httpEndpointDestinationConfiguration());
    configurations.put("AmazonOpenSearchServerless", req.amazonOpenSearchServerlessDestinationConfiguration());
    configurations.put("Snowflake", req.snowflakeDestinationConfiguration());
    configurations.put("Iceberg", req.icebergDestinationConfiguration());
    Destination destination = Destinations.single(configurations, "DestinationConfiguration");
    Destinations.check(destination);
    long now = now();
    Encryption encryption = null;
    if (req.deliveryStreamEncryptionConfigurationInput() != null) {
      if (source != null) {
        throw Destinations.invalid("Server-side encryption is only for DirectPut delivery streams; a "
            + "KinesisStreamAsSource stream relies on its Kinesis stream's encryption.");
      }
      JsonNode input = req.deliveryStreamEncryptionConfigurationInput();
      encryption = StartDeliveryStreamEncryption.enabled(ctx, input.path("KeyType").asText(),
          input.path("KeyARN").asText(null), now, List.of());
    }
    Map<String, String> tags = Tags.add(Map.of(), req.tags() == null ? List.of() : req.tags());
    DeliveryStreamId id = id(ctx, req.deliveryStreamName());
    ObjectNode directPut = req.directPutSourceConfiguration() == null ? null
        : (ObjectNode) req.directPutSourceConfiguration().deepCopy();
    // A stream created with encryption is ENABLED as soon as it is ACTIVE.
    Encryption settled = encryption == null ? null
        : new Encryption(true, encryption.keyType(), encryption.keyArn(), now - firehose.config().encryptionDelayMs(),
            encryption.calls());
    DeliveryStreamRecord stream = new DeliveryStreamRecord(id, type, now, now + firehose.config().createDelayMs(),
        1, now, List.of(destination), source, directPut, settled, tags, 0, null);
    int limit = firehose.config().streamLimit();
    SourceStream kinesis = source == null ? null : SourceStream.of(source.path("KinesisStreamARN").asText(null));
    // The quota is counted before the stream is stored: two concurrent creations may both pass it.
    return firehose.store().list(id.region(), id.account(), now).thenCompose(streams -> {
      if (streams.stream().anyMatch(s -> s.id().equals(id))) {
        throw inUse(id);
      }
      if (streams.size() >= limit) {
        throw AwsException.of(FirehoseError.LimitExceededException, "You have already consumed your firehose "
            + "quota of %d hoses in %s for account %s.", limit, id.region(), id.account());
      }
      if (kinesis == null) {
        return firehose.store().create(stream, now);
      }
      // The source is registered before the stream is stored (KinesisSources.register says why).
      return firehose.sources().check(kinesis).thenCompose(found -> firehose.sources().register(stream, now))
          .thenCompose(registered -> firehose.store().create(stream, now));
    }).thenApply(existing -> {
      if (existing.isPresent()) {
        throw inUse(id);
      }
      return new Response(id.arn());
    });
  }

  private static AwsException inUse(DeliveryStreamId id) {
    return AwsException.of(FirehoseError.ResourceInUseException, "Firehose %s under accountId %s already exists",
        id.name(), id.account());
  }
}
