package io.sluice.kinesis;

import io.sluice.kinesis.op.AddTagsToStream;
import io.sluice.kinesis.op.CreateStream;
import io.sluice.kinesis.op.DecreaseStreamRetentionPeriod;
import io.sluice.kinesis.op.DeleteResourcePolicy;
import io.sluice.kinesis.op.DeleteStream;
import io.sluice.kinesis.op.DeregisterStreamConsumer;
import io.sluice.kinesis.op.DescribeAccountSettings;
import io.sluice.kinesis.op.DescribeLimits;
import io.sluice.kinesis.op.DescribeStream;
import io.sluice.kinesis.op.DescribeStreamConsumer;
import io.sluice.kinesis.op.DescribeStreamSummary;
import io.sluice.kinesis.op.DisableEnhancedMonitoring;
import io.sluice.kinesis.op.EnableEnhancedMonitoring;
import io.sluice.kinesis.op.GetRecords;
import io.sluice.kinesis.op.GetResourcePolicy;
import io.sluice.kinesis.op.GetShardIterator;
import io.sluice.kinesis.op.IncreaseStreamRetentionPeriod;
import io.sluice.kinesis.op.ListShards;
import io.sluice.kinesis.op.ListStreamConsumers;
import io.sluice.kinesis.op.ListStreams;
import io.sluice.kinesis.op.ListTagsForResource;
import io.sluice.kinesis.op.ListTagsForStream;
import io.sluice.kinesis.op.MergeShards;
import io.sluice.kinesis.op.PutRecord;
import io.sluice.kinesis.op.PutRecords;
import io.sluice.kinesis.op.PutResourcePolicy;
import io.sluice.kinesis.op.RegisterStreamConsumer;
import io.sluice.kinesis.op.RemoveTagsFromStream;
import io.sluice.kinesis.op.SplitShard;
import io.sluice.kinesis.op.StartStreamEncryption;
import io.sluice.kinesis.op.StopStreamEncryption;
import io.sluice.kinesis.op.SubscribeToShard;
import io.sluice.kinesis.op.TagResource;
import io.sluice.kinesis.op.UntagResource;
import io.sluice.kinesis.op.UpdateAccountSettings;
import io.sluice.kinesis.op.UpdateMaxRecordSize;
import io.sluice.kinesis.op.UpdateShardCount;
import io.sluice.kinesis.op.UpdateStreamMode;
import io.sluice.kinesis.op.UpdateStreamWarmThroughput;
import io.sluice.protocol.QueryStyle;
import io.sluice.protocol.ServiceDefinition;
import io.sluice.protocol.WireProtocol;
import java.util.List;
import java.util.Set;

/**
 * Amazon Kinesis Data Streams on the wire: JSON 1.1 and CBOR 1.1 (the AWS SDK for Java's default),
 * {@code X-Amz-Target: Kinesis_20131202.<Action>}, signed as {@code kinesis}. Actions not listed
 * here are answered {@code UnknownOperationException}.
 */
public final class KinesisApi {
  private KinesisApi() {}

  /** Kinesis operations, local request/reply with {@link io.sluice.bus.OperationCall}. */
  public static final String ADDRESS = "kinesis.api";

  /** Shards that records were put to (a {@link ShardSignals#key}), published to every node. */
  public static final String RECORDS_ARRIVED = "kinesis.records-arrived";

  /** Every Kinesis action Sluice serves, one class each. */
  public static final List<Class<?>> OPERATIONS = List.of(
      AddTagsToStream.class,
      CreateStream.class,
      DecreaseStreamRetentionPeriod.class,
      DeleteResourcePolicy.class,
      DeleteStream.class,
      DeregisterStreamConsumer.class,
      DescribeAccountSettings.class,
      DescribeLimits.class,
      DescribeStream.class,
      DescribeStreamConsumer.class,
      DescribeStreamSummary.class,
      DisableEnhancedMonitoring.class,
      EnableEnhancedMonitoring.class,
      GetRecords.class,
      GetResourcePolicy.class,
      GetShardIterator.class,
      IncreaseStreamRetentionPeriod.class,
      ListShards.class,
      ListStreamConsumers.class,
      ListStreams.class,
      ListTagsForResource.class,
      ListTagsForStream.class,
      MergeShards.class,
      PutRecord.class,
      PutRecords.class,
      PutResourcePolicy.class,
      RegisterStreamConsumer.class,
      RemoveTagsFromStream.class,
      SplitShard.class,
      StartStreamEncryption.class,
      StopStreamEncryption.class,
      SubscribeToShard.class,
      TagResource.class,
      UntagResource.class,
      UpdateAccountSettings.class,
      UpdateMaxRecordSize.class,
      UpdateShardCount.class,
      UpdateStreamMode.class,
      UpdateStreamWarmThroughput.class);

  public static final ServiceDefinition DEFINITION = new ServiceDefinition(
      "kinesis",
      "kinesis",
      "2013-12-02",
      "http://kinesis.amazonaws.com/doc/2013-12-02",
      "Kinesis_20131202",
      Set.of(WireProtocol.JSON_1_1, WireProtocol.CBOR_1_1),
      "",
      false,
      QueryStyle.WRAPPED,
      ADDRESS,
      ServiceDefinition.operationsOf(OPERATIONS));
}
