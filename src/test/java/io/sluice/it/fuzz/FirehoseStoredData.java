package io.sluice.it.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.testing.TestSluice;
import java.util.List;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;

/** A delivery stream with a destination and tags that the fuzzing never names. */
final class FirehoseStoredData implements StoredData {
  private String kept;
  private String keptDescription;
  private String keptTags;

  @Override
  public String service() {
    return "firehose";
  }

  @Override
  public void store(TestSluice node) {
    kept = TestSluice.uniqueName("fuzz-kept");
    try (FirehoseClient firehose = client(node)) {
      firehose.createDeliveryStream(b -> b.deliveryStreamName(kept)
          .extendedS3DestinationConfiguration(s3 -> s3.roleARN("arn:aws:iam::000000000000:role/fuzz")
              .bucketARN("arn:aws:s3:::fuzz").prefix("kept/"))
          .tags(t -> t.key("team").value("fuzz")));
      keptDescription = description(firehose);
      keptTags = firehose.listTagsForDeliveryStream(b -> b.deliveryStreamName(kept)).tags().toString();
    }
  }

  @Override
  public List<String> targets() {
    return List.of();
  }

  @Override
  public void assertIntact(TestSluice node) {
    try (FirehoseClient firehose = client(node)) {
      assertEquals(keptDescription, description(firehose), "the kept delivery stream");
      assertEquals(keptTags, firehose.listTagsForDeliveryStream(b -> b.deliveryStreamName(kept)).tags().toString(),
          "tags of the kept delivery stream");
    }
  }

  /** What must not change: all but the status, which moves from CREATING to ACTIVE meanwhile. */
  private String description(FirehoseClient firehose) {
    DeliveryStreamDescription d = firehose.describeDeliveryStream(b -> b.deliveryStreamName(kept))
        .deliveryStreamDescription();
    return d.toBuilder().deliveryStreamStatus((String) null).build().toString();
  }

  private static FirehoseClient client(TestSluice node) {
    return FirehoseClient.builder().endpointOverride(node.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(TestSluice.credentials())
        .httpClient(ApacheHttpClient.builder().build()).build();
  }
}
