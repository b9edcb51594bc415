package io.sluice.kinesis.op;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.access.Principal;
import io.sluice.kinesis.KinesisConfig;
import io.sluice.kinesis.Shapes.StreamModeDetails;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Stream operations on the in-memory store with a manual clock: status over time, quotas, refusals. */
class StreamOperationsTest {
  private final MemoryKinesis kinesis = new MemoryKinesis();

  private String status(String name) {
    return kinesis.call(DescribeStreamSummary::new, new DescribeStreamSummary.Request(name, null))
        .streamDescriptionSummary().streamStatus();
  }

  @Test
  void aNewStreamIsCreatingForTheConfiguredDelayThenActive() {
    // Given a stream just created
    kinesis.call(CreateStream::new, new CreateStream.Request("orders", 1, null, null));

    // When 499 ms pass, and then 1 more
    kinesis.clock.advanceMillis(499);
    String before = status("orders");
    String putWhileCreating = kinesis.errorCode(PutRecord::new,
        new PutRecord.Request("orders", null, new byte[] {1}, "k", null, null));
    kinesis.clock.advanceMillis(1);

    // Then it was CREATING (refusing records as AWS does) and is now ACTIVE
    assertEquals("CREATING", before);
    assertEquals("ResourceNotFoundException", putWhileCreating);
    assertEquals("ACTIVE", status("orders"));
  }

  @Test
  void aDeletedStreamIsDeletingForTheConfiguredDelayThenNotFound() {
    kinesis.activeStream("orders", 1);

    kinesis.call(DeleteStream::new, new DeleteStream.Request("orders", null, null));
    String deleting = status("orders");
    String getIterator = kinesis.errorCode(GetShardIterator::new,
        new GetShardIterator.Request("orders", null, "shardId-000000000000", "LATEST", null, null));
    kinesis.clock.advanceMillis(500);

    assertEquals("DELETING", deleting);
    assertEquals("ResourceNotFoundException", getIterator);
    assertEquals("ResourceNotFoundException", kinesis.errorCode(DescribeStreamSummary::new,
        new DescribeStreamSummary.Request("orders", null)));
  }

  @Test
  void creatingPastTheShardQuotaIsLimitExceeded() {
    MemoryKinesis small = new MemoryKinesis(new KinesisConfig(500, 500, 5, 4, true));
    small.call(CreateStream::new, new CreateStream.Request("a", 3, null, null));

    assertEquals("LimitExceededException", small.errorCode(CreateStream::new,
        new CreateStream.Request("b", 3, null, null)));
    assertEquals("LimitExceededException", small.errorCode(CreateStream::new,
        new CreateStream.Request("c", null, new StreamModeDetails("ON_DEMAND"), null)));
    small.call(CreateStream::new, new CreateStream.Request("d", 2, null, null));
  }

  @Test
  void createStreamRefusesWhatAwsRefuses() {
    assertEquals("ValidationException", kinesis.errorCode(CreateStream::new,
        new CreateStream.Request(null, 1, null, null)));
    assertEquals("ValidationException", kinesis.errorCode(CreateStream::new,
        new CreateStream.Request("a/b", 1, null, null)));
    assertEquals("ValidationException", kinesis.errorCode(CreateStream::new,
        new CreateStream.Request("a", 0, null, null)));
    assertEquals("InvalidArgumentException", kinesis.errorCode(CreateStream::new,
        new CreateStream.Request("a", null, null, null)));
    assertEquals("ValidationException", kinesis.errorCode(CreateStream::new,
        new CreateStream.Request("a", null, new StreamModeDetails("FAST"), null)));
    assertEquals("InvalidArgumentException", kinesis.errorCode(CreateStream::new,
        new CreateStream.Request("a", 1, null, Map.of("aws:x", "y"))));
  }

  @Test
  void anotherAccountsStreamByArnIsAccessDeniedToACheckedCaller() {
    kinesis.activeStream("orders", 1);
    String arn = "arn:aws:kinesis:us-east-1:000000000000:stream/orders";

    assertEquals("AccessDeniedException", kinesis.errorCode(Principal.account("111122223333"),
        DescribeStream::new, new DescribeStream.Request(null, arn, null, null)));
    assertEquals("orders", kinesis.call(DescribeStream::new, new DescribeStream.Request(null, arn, null, null))
        .streamDescription().streamName());
  }

  @Test
  void aNameAndAnArnMustAgreeAndOneIsNeeded() {
    kinesis.activeStream("orders", 1);

    assertEquals("InvalidArgumentException", kinesis.errorCode(DescribeStreamSummary::new,
        new DescribeStreamSummary.Request("orders", "arn:aws:kinesis:us-east-1:000000000000:stream/other")));
    assertEquals("InvalidArgumentException", kinesis.errorCode(DescribeStreamSummary::new,
        new DescribeStreamSummary.Request(null, null)));
    assertEquals("ValidationException", kinesis.errorCode(DescribeStreamSummary::new,
        new DescribeStreamSummary.Request(null, "arn:aws:sqs:us-east-1:000000000000:orders")));
  }

  @Test
  void describeStreamPagesItsShards() {
    kinesis.activeStream("orders", 5);

    DescribeStream.StreamDescription first = kinesis.call(DescribeStream::new,
        new DescribeStream.Request("orders", null, 2, null)).streamDescription();
    DescribeStream.StreamDescription last = kinesis.call(DescribeStream::new,
        new DescribeStream.Request("orders", null, 10, "shardId-000000000002")).streamDescription();

    assertEquals(List.of("shardId-000000000000", "shardId-000000000001"),
        first.shards().stream().map(s -> s.shardId()).toList());
    assertEquals(true, first.hasMoreShards());
    assertEquals(List.of("shardId-000000000003", "shardId-000000000004"),
        last.shards().stream().map(s -> s.shardId()).toList());
    assertEquals(false, last.hasMoreShards());
  }

  @Test
  void retentionAndTagChangesWaitForAnActiveStream() {
    kinesis.call(CreateStream::new, new CreateStream.Request("orders", 1, null, null));

    assertEquals("ResourceInUseException", kinesis.errorCode(IncreaseStreamRetentionPeriod::new,
        new IncreaseStreamRetentionPeriod.Request("orders", null, 48)));
    assertEquals("InvalidArgumentException", kinesis.errorCode(DecreaseStreamRetentionPeriod::new,
        new DecreaseStreamRetentionPeriod.Request("orders", null, 23)));
  }

  @Test
  void aStreamHasAtMostFiftyTags() {
    kinesis.activeStream("orders", 1);
    Map<String, String> fifty = new java.util.HashMap<>();
    for (int i = 0; i < 50; i++) {
      fifty.put("k" + i, "v");
    }
    kinesis.call(AddTagsToStream::new, new AddTagsToStream.Request("orders", null, fifty));

    assertEquals("LimitExceededException", kinesis.errorCode(AddTagsToStream::new,
        new AddTagsToStream.Request("orders", null, Map.of("one-more", "v"))));
    ListTagsForStream.Response page = kinesis.call(ListTagsForStream::new,
        new ListTagsForStream.Request("orders", null, "k10", 3));
    assertEquals(List.of("k11", "k12", "k13"), page.tags().stream().map(t -> t.key()).toList());
    assertEquals(true, page.hasMoreTags());
  }
}
