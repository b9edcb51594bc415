package io.sluice.firehose.source;

import io.sluice.firehose.model.DeliveryStreamId;

/**
 * What reading a Kinesis source reports, under Firehose's CloudWatch names for a Kinesis source
 * (developer guide, "Data ingestion metrics"): {@code DataReadFromKinesisStream.Records} and
 * {@code .Bytes} (Kinesis records as read, before de-aggregation), {@code KinesisMillisBehindLatest}
 * and {@code ThrottledGetRecords}/{@code ThrottledGetShardIterator}. Called on the reader's thread;
 * must not block.
 */
public interface SourceMeters {

  /** One GetRecords of {@code stream}'s source returned {@code records} of {@code bytes}. */
  void read(DeliveryStreamId stream, long records, long bytes, long millisBehindLatest);

  /** A call ({@code GetRecords}, {@code GetShardIterator}) of {@code stream}'s source was throttled. */
  void throttled(DeliveryStreamId stream, String action);

  /** Reports nothing. */
  SourceMeters NONE = new SourceMeters() {
    @Override
    public void read(DeliveryStreamId stream, long records, long bytes, long millisBehindLatest) {}

    @Override
    public void throttled(DeliveryStreamId stream, String action) {}
  };
}
