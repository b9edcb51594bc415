package io.sluice.firehose.op;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.firehose.Destinations;
import io.sluice.firehose.FirehoseModel;
import io.sluice.firehose.FirehoseOperation;
import io.sluice.firehose.FirehoseServices;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.firehose.model.Destination;
import io.sluice.firehose.model.Encryption;
import io.sluice.protocol.RequestContext;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * DescribeDeliveryStream: status, VersionId, timestamps, source, encryption and the destinations
 * after {@code ExclusiveStartDestinationId}, at most {@code Limit} of them, each as its kind's
 * description shape with AWS's defaults ({@link Destinations#describe}).
 */
public final class DescribeDeliveryStream
    extends FirehoseOperation<DescribeDeliveryStream.Request, DescribeDeliveryStream.Response> {

  public record Request(String deliveryStreamName, Integer limit, String exclusiveStartDestinationId) {}

  public record Response(DeliveryStreamDescription deliveryStreamDescription) {}

  public record DeliveryStreamDescription(String deliveryStreamName,
                                          @JsonProperty("DeliveryStreamARN") String deliveryStreamARN,
                                          String deliveryStreamStatus,
                                          JsonNode deliveryStreamEncryptionConfiguration, String deliveryStreamType,
                                          String versionId, Instant createTimestamp, Instant lastUpdateTimestamp,
                                          JsonNode source, List<ObjectNode> destinations,
                                          boolean hasMoreDestinations) {}

  public DescribeDeliveryStream(FirehoseServices firehose) {
    super(firehose);
  }

  @Override
  protected CompletionStage<Response> run(RequestContext ctx, Request req) {
    return stream(ctx, req.deliveryStreamName()).thenApply(s -> {
      List<Destination> after = s.destinations().stream()
          .filter(d -> req.exclusiveStartDestinationId() == null
              || d.id().compareTo(req.exclusiveStartDestinationId()) > 0)
          .toList();
      int limit = req.limit() == null ? Integer.MAX_VALUE : req.limit();
      List<ObjectNode> page = after.stream().limit(limit).map(Destinations::describe).toList();
      long now = now();
      return new Response(new DeliveryStreamDescription(s.id().name(), s.id().arn(), s.status(now),
          encryption(s, now), s.type(), Long.toString(s.versionId()), Instant.ofEpochMilli(s.createdMillis()),
          s.versionId() > 1 ? Instant.ofEpochMilli(s.lastUpdateMillis()) : null, source(s), page,
          after.size() > page.size()));
    });
  }

  private JsonNode encryption(DeliveryStreamRecord s, long now) {
    ObjectNode out = FirehoseModel.object();
    Encryption e = s.encryption();
    if (e == null) {
      out.put("Status", "DISABLED");
      return out;
    }
    if (e.enabled() || !e.status(now, firehose.config().encryptionDelayMs()).equals("DISABLED")) {
      out.put("KeyType", e.keyType());
      if (e.keyArn() != null) {
        out.put("KeyARN", e.keyArn());
      }
    }
    out.put("Status", e.status(now, firehose.config().encryptionDelayMs()));
    return out;
  }

  private static JsonNode source(DeliveryStreamRecord s) {
    ObjectNode out = FirehoseModel.object();
    if (s.source() != null) {
      ObjectNode kinesis = s.source().deepCopy();
      // The position a new source starts from: records from the stream's creation on.
      kinesis.put("DeliveryStartTimestamp", s.createdMillis() / 1000.0);
      out.set("KinesisStreamSourceDescription", kinesis);
      return out;
    }
    if (s.directPut() != null) {
      out.set("DirectPutSourceDescription", s.directPut().deepCopy());
      return out;
    }
    return null;
  }
}
