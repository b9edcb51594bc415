package io.sluice.kinesis;

import io.sluice.access.AccessControl;
import io.sluice.kinesis.model.Shard;
import io.sluice.kinesis.model.StreamId;
import io.sluice.kinesis.model.StreamNames;
import io.sluice.kinesis.model.StreamRecord;
import io.sluice.kinesis.model.StreamStatus;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.Operation;
import io.sluice.protocol.RequestContext;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/** Base of Kinesis operations: the stream a request names, checked, and the common validations. */
public abstract class KinesisOperation<Q, R> implements Operation<Q, R> {
  private static final Pattern RESOURCE_ARN = Pattern.compile("arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+");

  /**
   * The actions a stream's resource policy may grant another account (Kinesis Developer Guide,
   * "Share your data stream with another account"); every other action is its owner's only.
   */
  public static final Set<String> SHARABLE = Set.of("DescribeStream", "DescribeStreamSummary", "GetRecords",
      "GetShardIterator", "ListShards", "PutRecord", "PutRecords");

  protected final KinesisServices kinesis;

  protected KinesisOperation(KinesisServices kinesis) {
    this.kinesis = kinesis;
  }

  /**
   * The stream named by {@code StreamName} (in the caller's account and region) or {@code StreamARN};
   * both may be given if they agree. AccessDeniedException for another account's stream.
   */
  protected StreamId streamId(RequestContext ctx, String streamName, String streamArn) {
    StreamId byName = null;
    if (streamName != null) {
      if (!StreamNames.valid(streamName)) {
        throw validation(streamName, "streamName", "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
      }
      byName = new StreamId(ctx.region(), ctx.account(), streamName);
    }
    StreamId byArn = null;
    if (streamArn != null) {
      byArn = StreamId.ofArn(streamArn);
      if (byArn == null) {
        throw validation(streamArn, "streamARN",
            "Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+");
      }
    }
    if (byName == null && byArn == null) {
      throw AwsException.of(KinesisError.InvalidArgumentException, "Either StreamName or StreamARN should be provided.");
    }
    if (byName != null && byArn != null && !byName.name().equals(byArn.name())) {
      throw AwsException.of(KinesisError.InvalidArgumentException,
          "StreamName and StreamARN do not name the same stream.");
    }
    StreamId id = byArn != null ? byArn : byName;
    if (!AccessControl.owns(ctx.principal(), id.account()) && !SHARABLE.contains(action())) {
      throw accessDenied(ctx, id, action());
    }
    return id;
  }

  /**
   * The stream, ResourceNotFoundException if there is none. Another account's caller gets it only
   * if the stream's resource policy allows the action (AccessDeniedException otherwise); its owner
   * unless the policy denies it. A reshard left half done (sealing shards) is completed first.
   */
  protected CompletionStage<StreamRecord> stream(RequestContext ctx, String streamName, String streamArn) {
    StreamId id = streamId(ctx, streamName, streamArn);
    return kinesis.store().find(id, now()).thenCompose(found -> {
      String policy = found.map(s -> s.settings().get(StreamRecord.POLICY)).orElse(null);
      if (!AccessControl.permits(ctx.principal(), "kinesis:" + action(), id.arn(), id.account(), policy)) {
        throw accessDenied(ctx, id, action());
      }
      return Reshards.settle(kinesis, found.orElseThrow(() -> notFound(id)));
    });
  }

  /** AccessDeniedException for {@code action} on {@code id}, as AWS words it. */
  public static AwsException accessDenied(RequestContext ctx, StreamId id, String action) {
    return AwsException.of(KinesisError.AccessDeniedException, "User: %s is not authorized to perform: kinesis:%s "
        + "on resource: %s because no resource-based policy allows the kinesis:%s action",
        ctx.principal().arn(), action, id.arn(), action);
  }

  /**
   * The stream a {@code ResourceARN} names (tagging and resource policies). ValidationException for
   * what is not a Kinesis ARN; ResourceNotFoundException for a consumer's ARN, as Sluice has no
   * consumers, and for a stream that does not exist.
   */
  protected CompletionStage<StreamRecord> resource(RequestContext ctx, String resourceArn) {
    if (resourceArn == null) {
      throw validation(null, "resourceARN", "Member must not be null");
    }
    if (resourceArn.isEmpty() || resourceArn.length() > 2048 || !RESOURCE_ARN.matcher(resourceArn).matches()) {
      throw validation(resourceArn, "resourceARN",
          "Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+");
    }
    if (StreamId.ofArn(resourceArn) == null) {
      throw AwsException.of(KinesisError.ResourceNotFoundException, "Resource %s not found.", resourceArn);
    }
    return stream(ctx, null, resourceArn);
  }

  /** The stream, ready for records: ResourceNotFoundException while it is CREATING or DELETING, as on AWS. */
  protected CompletionStage<StreamRecord> activeStream(RequestContext ctx, String streamName, String streamArn) {
    return stream(ctx, streamName, streamArn).thenApply(s -> {
      StreamStatus status = s.status(now());
      if (status == StreamStatus.CREATING || status == StreamStatus.DELETING) {
        throw notFound(s.id());
      }
      return s;
    });
  }

  /** The index of the shard {@code shardId} names in {@code stream}; ResourceNotFoundException if none. */
  protected static int shardIndex(StreamRecord stream, String shardId) {
    int index = Shard.indexOf(shardId);
    if (index < 0 || index >= stream.shards().size()) {
      throw AwsException.of(KinesisError.ResourceNotFoundException, "Shard %s in stream %s under account %s does "
          + "not exist", shardId, stream.id().name(), stream.id().account());
    }
    return index;
  }

  public static AwsException notFound(StreamId id) {
    return AwsException.of(KinesisError.ResourceNotFoundException, "Stream %s under account %s not found.",
        id.name(), id.account());
  }

  public static AwsException validation(Object value, String member, String constraint) {
    return AwsException.of(KinesisError.ValidationException,
        "1 validation error detected: Value '%s' at '%s' failed to satisfy constraint: %s", value, member,
        constraint);
  }

  /** {@code value}, or ValidationException if it lies outside {@code min..max}; {@code fallback} if null. */
  protected static int range(Integer value, String member, int min, int max, int fallback) {
    if (value == null) {
      return fallback;
    }
    if (value < min) {
      throw validation(value, member, "Member must have value greater than or equal to " + min);
    }
    if (value > max) {
      throw validation(value, member, "Member must have value less than or equal to " + max);
    }
    return value;
  }

  /** The AWS action this operation implements: its class is named after it. */
  protected String action() {
    return getClass().getSimpleName();
  }

  protected long now() {
    return kinesis.clock().millis();
  }
}
