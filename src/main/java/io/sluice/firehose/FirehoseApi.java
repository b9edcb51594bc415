package io.sluice.firehose;

import io.sluice.firehose.op.CreateDeliveryStream;
import io.sluice.firehose.op.DeleteDeliveryStream;
import io.sluice.firehose.op.DescribeDeliveryStream;
import io.sluice.firehose.op.ListDeliveryStreams;
import io.sluice.firehose.op.ListTagsForDeliveryStream;
import io.sluice.firehose.op.PutRecord;
import io.sluice.firehose.op.PutRecordBatch;
import io.sluice.firehose.op.StartDeliveryStreamEncryption;
import io.sluice.firehose.op.StopDeliveryStreamEncryption;
import io.sluice.firehose.op.TagDeliveryStream;
import io.sluice.firehose.op.UntagDeliveryStream;
import io.sluice.firehose.op.UpdateDestination;
import io.sluice.protocol.QueryStyle;
import io.sluice.protocol.ServiceDefinition;
import io.sluice.protocol.WireProtocol;
import java.util.List;
import java.util.Set;

/**
 * Amazon Data Firehose on the wire: JSON 1.1, {@code X-Amz-Target: Firehose_20150804.<Action>},
 * signed as {@code firehose}. All twelve actions of the 2015-08-04 API.
 */
public final class FirehoseApi {
  private FirehoseApi() {}

  /** Firehose operations, local request/reply with {@link io.sluice.bus.OperationCall}. */
  public static final String ADDRESS = "firehose.api";

  /** Every Firehose action Sluice serves, one class each. */
  public static final List<Class<?>> OPERATIONS = List.of(
      CreateDeliveryStream.class,
      DeleteDeliveryStream.class,
      DescribeDeliveryStream.class,
      ListDeliveryStreams.class,
      ListTagsForDeliveryStream.class,
      PutRecord.class,
      PutRecordBatch.class,
      StartDeliveryStreamEncryption.class,
      StopDeliveryStreamEncryption.class,
      TagDeliveryStream.class,
      UntagDeliveryStream.class,
      UpdateDestination.class);

  public static final ServiceDefinition DEFINITION = new ServiceDefinition(
      "firehose",
      "firehose",
      "2015-08-04",
      "http://firehose.amazonaws.com/doc/2015-08-04",
      "Firehose_20150804",
      Set.of(WireProtocol.JSON_1_1),
      "",
      false,
      QueryStyle.WRAPPED,
      ADDRESS,
      ServiceDefinition.operationsOf(OPERATIONS));
}
