package io.sluice.firehose.op;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.firehose.Destinations;
import io.sluice.firehose.FirehoseError;
import io.sluice.firehose.FirehoseOperation;
import io.sluice.firehose.FirehoseServices;
import io.sluice.firehose.model.Destination;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * UpdateDestination: one destination of an ACTIVE stream changed, its VersionId one higher; refused
 * with ConcurrentModificationException unless {@code CurrentDeliveryStreamVersionId} is the stream's
 * version. The same kind merges into the destination, another kind replaces it and must be complete,
 * and OpenSearch (Elasticsearch) destinations only change to each other (API reference,
 * UpdateDestination); the stream's version check and change are one step on the store.
 */
public final class UpdateDestination extends FirehoseOperation<UpdateDestination.Request, Void> {

  public record Request(String deliveryStreamName, String currentDeliveryStreamVersionId, String destinationId,
                        JsonNode s3DestinationUpdate, JsonNode extendedS3DestinationUpdate,
                        JsonNode redshiftDestinationUpdate, JsonNode elasticsearchDestinationUpdate,
                        JsonNode amazonopensearchserviceDestinationUpdate, JsonNode splunkDestinationUpdate,
                        JsonNode httpEndpointDestinationUpdate, JsonNode amazonOpenSearchServerlessDestinationUpdate,
                        JsonNode snowflakeDestinationUpdate, JsonNode icebergDestinationUpdate) {}

  public UpdateDestination(FirehoseServices firehose) {
    super(firehose);
  }

  @Override
  protected CompletionStage<Void> run(RequestContext ctx, Request req) {
    Map<String, JsonNode> updates = new LinkedHashMap<>();
    updates.put("S3", req.s3DestinationUpdate());
    updates.put("ExtendedS3", req.extendedS3DestinationUpdate());
    updates.put("Redshift", req.redshiftDestinationUpdate());
    updates.put("Elasticsearch", req.elasticsearchDestinationUpdate());
    updates.put("Amazonopensearchservice", req.amazonopensearchserviceDestinationUpdate());
    updates.put("Splunk", req.splunkDestinationUpdate());
    updates.put("HttpEndpoint", req.httpEndpointDestinationUpdate());
    updates.put("AmazonOpenSearchServerless", req.amazonOpenSearchServerlessDestinationUpdate());
    updates.put("Snowflake", req.snowflakeDestinationUpdate());
    updates.put("Iceberg", req.icebergDestinationUpdate());
    Destination update = Destinations.single(updates, "DestinationUpdate");
    long version = Long.parseLong(req.currentDeliveryStreamVersionId().length() > 18
        ? "-1" : req.currentDeliveryStreamVersionId());
    return change(ctx, req.deliveryStreamName(), s -> {
      if (s.versionId() != version) {
        throw AwsException.of(FirehoseError.ConcurrentModificationException, "Cannot update firehose: %s since the "
            + "current version id: %d and specified version id: %s do not match", s.id().name(), s.versionId(),
            req.currentDeliveryStreamVersionId());
      }
      List<Destination> destinations = new ArrayList<>(s.destinations());
      int index = -1;
      for (int i = 0; i < destinations.size(); i++) {
        if (destinations.get(i).id().equals(req.destinationId())) {
          index = i;
        }
      }
      if (index < 0) {
        throw Destinations.invalid("Destination %s not found in firehose %s.", req.destinationId(), s.id().name());
      }
      destinations.set(index, Destinations.update(destinations.get(index), update.kind(), update.config()));
      return s.withDestinations(destinations, now());
    }).thenApply(s -> null);
  }
}
