package io.sluice.kinesis.op;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.access.Principal;
import io.sluice.kinesis.KinesisConfig;
import io.sluice.kinesis.Shapes.StreamModeDetails;
import io.sluice.kinesis.Shapes.Tag;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The control-plane operations beyond streams' life cycle, on the in-memory store with a manual clock. */
class ControlOperationsTest {
  private static final String ARN = "arn:aws:kinesis:us-east-1:000000000000:stream/orders";

  private final MemoryKinesis kinesis = new MemoryKinesis();

  private List<Tag> resourceTags() {
    return kinesis.call(ListTagsForResource::new, new ListTagsForResource.Request(ARN)).tags();
  }

  @Test
  void aStreamIsTaggedAndUntaggedByItsArnWithinFiftyTags() {
    kinesis.activeStream("orders", 1);
    Map<String, String> many = new java.util.HashMap<>();
    for (int i = 0; i < 49; i++) {
      many.put("k" + i, "v");
    }

    kinesis.call(TagResource::new, new TagResource.Request(ARN, Map.of("team", "a", "env", "test")));
    List<Tag> tagged = resourceTags();
    kinesis.call(UntagResource::new, new UntagResource.Request(ARN, List.of("env", "none")));
    List<Tag> untagged = resourceTags();
    kinesis.call(TagResource::new, new TagResource.Request(ARN, many));

    assertEquals(List.of(new Tag("env", "test"), new Tag("team", "a")), tagged);
    assertEquals(List.of(new Tag("team", "a")), untagged);
    assertEquals(50, resourceTags().size());
    assertEquals("LimitExceededException", kinesis.errorCode(TagResource::new,
        new TagResource.Request(ARN, Map.of("one-more", "v"))));
  }

  @Test
  void resourceArnsAreCheckedAsAwsChecksThem() {
    kinesis.call(CreateStream::new, new CreateStream.Request("orders", 1, null, null));

    assertEquals("ResourceInUseException", kinesis.errorCode(TagResource::new,
        new TagResource.Request(ARN, Map.of("a", "b"))));
    assertEquals("ValidationException", kinesis.errorCode(TagResource::new,
        new TagResource.Request("arn:aws:sqs:us-east-1:000000000000:orders", Map.of("a", "b"))));
    assertEquals("ValidationException", kinesis.errorCode(ListTagsForResource::new,
        new ListTagsForResource.Request(null)));
    assertEquals("ValidationException", kinesis.errorCode(UntagResource::new,
        new UntagResource.Request(ARN, List.of())));
    assertEquals("ResourceNotFoundException", kinesis.errorCode(ListTagsForResource::new,
        new ListTagsForResource.Request(ARN.replace("orders", "none"))));
    assertEquals("ResourceNotFoundException", kinesis.errorCode(ListTagsForResource::new,
        new ListTagsForResource.Request(ARN + "/consumer/app:1700000000")));
    assertEquals("AccessDeniedException", kinesis.errorCode(Principal.account("111122223333"),
        ListTagsForResource::new, new ListTagsForResource.Request(ARN)));
  }

  @Test
  void limitsCountOpenShardsAndOnDemandStreams() {
    MemoryKinesis small = new MemoryKinesis(new KinesisConfig(0, 0, 20, 4));
    small.call(CreateStream::new, new CreateStream.Request("a", 3, null, null));
    small.call(CreateStream::new, new CreateStream.Request("b", null, new StreamModeDetails("ON_DEMAND"), null));

    DescribeLimits.Response limits = small.call(DescribeLimits::new, new DescribeLimits.Request());

    assertEquals(new DescribeLimits.Response(20, 7, 1, 50), limits);
  }
}
