package io.sluice.kinesis.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.access.Principal;
import io.sluice.kinesis.ConsumerOperation.Consumer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Enhanced fan-out consumers on the in-memory store with a manual clock: states, names, limits, errors. */
class ConsumerOperationsTest {
  private final MemoryKinesis kinesis = new MemoryKinesis();

  private String streamArn(String name) {
    return kinesis.call(DescribeStreamSummary::new, new DescribeStreamSummary.Request(name, null))
        .streamDescriptionSummary().streamARN();
  }

  private Consumer register(String streamArn, String name) {
    return kinesis.call(RegisterStreamConsumer::new, new RegisterStreamConsumer.Request(streamArn, name, null))
        .consumer();
  }

  private Consumer describe(String consumerArn) {
    return kinesis.call(DescribeStreamConsumer::new, new DescribeStreamConsumer.Request(null, null, consumerArn))
        .consumerDescription();
  }

  @Test
  void aConsumerIsCreatingThenActiveThenDeletingThenGone() {
    kinesis.activeStream("orders", 1);
    String stream = streamArn("orders");

    Consumer registered = register(stream, "app");
    kinesis.clock.advanceMillis(500);
    Consumer active = describe(registered.consumerARN());
    kinesis.call(DeregisterStreamConsumer::new, new DeregisterStreamConsumer.Request(stream, "app", null));
    Consumer deleting = describe(registered.consumerARN());
    kinesis.clock.advanceMillis(500);

    assertEquals("CREATING", registered.consumerStatus());
    assertEquals(stream + "/consumer/app:" + kinesis.clock.instant().minusMillis(1000).getEpochSecond(),
        registered.consumerARN());
    assertNull(registered.streamARN());
    assertEquals("ACTIVE", active.consumerStatus());
    assertEquals(stream, active.streamARN());
    assertEquals("DELETING", deleting.consumerStatus());
    assertEquals("ResourceNotFoundException", kinesis.errorCode(DescribeStreamConsumer::new,
        new DescribeStreamConsumer.Request(null, null, registered.consumerARN())));
  }

  @Test
  void theStreamSummaryCountsItsRegisteredConsumers() {
    // Given a stream with two registered consumers, one of them deregistered and gone since
    kinesis.activeStream("orders", 1);
    String stream = streamArn("orders");
    register(stream, "app");
    register(stream, "audit");
    register(stream, "old");
    kinesis.call(DeregisterStreamConsumer::new, new DeregisterStreamConsumer.Request(stream, "old", null));
    kinesis.clock.advanceMillis(500);

    // When the stream is described
    var summary = kinesis.call(DescribeStreamSummary::new, new DescribeStreamSummary.Request("orders", null))
        .streamDescriptionSummary();

    // Then its ConsumerCount is two
    assertEquals(2, summary.consumerCount());
  }

  @Test
  void aStreamHasAtMostTwentyConsumersEachNameOnce() {
    kinesis.activeStream("orders", 1);
    String stream = streamArn("orders");
    for (int i = 0; i < 20; i++) {
      register(stream, "app-" + (char) ('a' + i));
      kinesis.clock.advanceMillis(200); // RegisterStreamConsumer: 5 a second
    }

    assertEquals("ResourceInUseException", kinesis.errorCode(RegisterStreamConsumer::new,
        new RegisterStreamConsumer.Request(stream, "app-a", null)));
    assertEquals("LimitExceededException", kinesis.errorCode(RegisterStreamConsumer::new,
        new RegisterStreamConsumer.Request(stream, "app-z", null)));
  }

  @Test
  void consumersAreListedByNameAPageAtATime() {
    kinesis.activeStream("orders", 1);
    String stream = streamArn("orders");
    register(stream, "b");
    register(stream, "a");
    register(stream, "c");

    ListStreamConsumers.Response first = kinesis.call(ListStreamConsumers::new,
        new ListStreamConsumers.Request(stream, null, 2, null));
    ListStreamConsumers.Response second = kinesis.call(ListStreamConsumers::new,
        new ListStreamConsumers.Request(stream, first.nextToken(), 2, null));

    assertEquals(List.of("a", "b"), first.consumers().stream().map(Consumer::consumerName).toList());
    assertEquals(List.of("c"), second.consumers().stream().map(Consumer::consumerName).toList());
    assertNull(second.nextToken());
  }

  @Test
  void aConsumerOfAStreamCreatedAgainOrOfAnotherRegistrationIsNotFound() {
    kinesis.activeStream("orders", 1);
    String stream = streamArn("orders");
    String arn = register(stream, "app").consumerARN();
    kinesis.call(DeleteStream::new, new DeleteStream.Request("orders", null, true));
    kinesis.clock.advanceSeconds(1);
    kinesis.activeStream("orders", 1);

    assertEquals("ResourceNotFoundException", kinesis.errorCode(DescribeStreamConsumer::new,
        new DescribeStreamConsumer.Request(null, null, arn)));
    String again = register(stream, "app").consumerARN();
    assertTrue(!again.equals(arn), again);
    assertEquals("ResourceNotFoundException", kinesis.errorCode(DeregisterStreamConsumer::new,
        new DeregisterStreamConsumer.Request(null, null, arn)));
  }

  @Test
  void aStreamWithConsumersIsDeletedOnlyWithEnforceConsumerDeletion() {
    kinesis.activeStream("orders", 1);
    register(streamArn("orders"), "app");

    String refused = kinesis.errorCode(DeleteStream::new, new DeleteStream.Request("orders", null, false));
    String stillThere = kinesis.call(DescribeStreamSummary::new, new DescribeStreamSummary.Request("orders", null))
        .streamDescriptionSummary().streamStatus();
    kinesis.call(DeleteStream::new, new DeleteStream.Request("orders", null, true));

    assertEquals("ResourceInUseException", refused);
    assertEquals("ACTIVE", stillThere);
    assertEquals("DELETING", kinesis.call(DescribeStreamSummary::new,
        new DescribeStreamSummary.Request("orders", null)).streamDescriptionSummary().streamStatus());
  }

  @Test
  void badRequestsAreRefusedWithAwsCodes() {
    kinesis.activeStream("orders", 1);
    String stream = streamArn("orders");

    assertEquals("InvalidArgumentException", kinesis.errorCode(DescribeStreamConsumer::new,
        new DescribeStreamConsumer.Request(stream, null, null)));
    assertEquals("ValidationException", kinesis.errorCode(DescribeStreamConsumer::new,
        new DescribeStreamConsumer.Request(null, null, "arn:aws:kinesis:nope")));
    assertEquals("ValidationException", kinesis.errorCode(RegisterStreamConsumer::new,
        new RegisterStreamConsumer.Request(stream, "bad name", null)));
    assertEquals("ResourceNotFoundException", kinesis.errorCode(RegisterStreamConsumer::new,
        new RegisterStreamConsumer.Request(stream + "x", "app", null)));
    assertEquals("AccessDeniedException", kinesis.errorCode(Principal.account("111111111111"),
        RegisterStreamConsumer::new, new RegisterStreamConsumer.Request(stream, "app", null)));
  }
}
