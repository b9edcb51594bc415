package io.sluice.it.sqs;

import static io.sluice.testing.AwsErrors.codeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ListQueuesResponse;

/** ListQueues through the AWS SDK v2, on each engine. */
@ParameterizedClass
@EnumSource(Engine.class)
class ListQueuesTest {
  @Parameter
  Engine engine;

  private TestSluice node() {
    return TestSluice.shared(engine);
  }

  private SqsClient sqs() {
    return node().sqs();
  }

  /** Creates {@code count} queues named {@code prefix-00}, {@code prefix-01}, … and returns their URLs in order. */
  private List<String> createQueues(SqsClient sqs, String prefix, int count) {
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String name = String.format("%s-%02d", prefix, i);
      urls.add(sqs.createQueue(b -> b.queueName(name)).queueUrl());
    }
    return urls;
  }

  private SqsClient client(TestSluice node, Region region, String accessKeyId) {
    return SqsClient.builder().endpointOverride(node.endpoint()).region(region)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "secret")))
        .build();
  }

  @Test
  void queuesAreListedByNamePrefixInNameOrder() {
    // Given queues under one prefix and one under a longer, different prefix
    String prefix = TestSluice.uniqueName("lq");
    List<String> urls = createQueues(sqs(), prefix, 3);
    String otherUrl = sqs().createQueue(b -> b.queueName(prefix + "x")).queueUrl();

    // When queues are listed by the prefix, by the longer one, and by one nothing has
    ListQueuesResponse byPrefix = sqs().listQueues(b -> b.queueNamePrefix(prefix + "-"));
    ListQueuesResponse byLonger = sqs().listQueues(b -> b.queueNamePrefix(prefix + "x"));
    ListQueuesResponse byNothing = sqs().listQueues(b -> b.queueNamePrefix(prefix + "-none"));

    // Then each answers exactly its queues, sorted by name, without a token
    assertEquals(urls, byPrefix.queueUrls());
    assertNull(byPrefix.nextToken());
    assertEquals(List.of(otherUrl), byLonger.queueUrls());
    assertTrue(byNothing.queueUrls().isEmpty());
  }

  @Test
  void maxResultsPagesThroughEveryQueueOnce() {
    // Given five queues under a prefix
    String prefix = TestSluice.uniqueName("lq");
    List<String> urls = createQueues(sqs(), prefix, 5);

    // When they are listed two at a time, following NextToken
    List<String> seen = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    String token = null;
    do {
      String current = token;
      ListQueuesResponse page = sqs().listQueues(b -> b.queueNamePrefix(prefix).maxResults(2).nextToken(current));
      seen.addAll(page.queueUrls());
      sizes.add(page.queueUrls().size());
      token = page.nextToken();
    } while (token != null);

    // Then the pages hold 2, 2 and 1 queues, in name order, each once
    assertEquals(List.of(2, 2, 1), sizes);
    assertEquals(urls, seen);
  }

  @Test
  void aLastFullPageCarriesNoToken() {
    // Given exactly two queues under a prefix
    String prefix = TestSluice.uniqueName("lq");
    List<String> urls = createQueues(sqs(), prefix, 2);

    // When they are listed two at a time
    ListQueuesResponse page = sqs().listQueues(b -> b.queueNamePrefix(prefix).maxResults(2));

    // Then one page holds both and no token follows
    assertEquals(urls, page.queueUrls());
    assertNull(page.nextToken());
  }

  @Test
  void outOfRangeMaxResultsAndForeignTokensAreRejected() {
    // Given a token from one listing
    String prefix = TestSluice.uniqueName("lq");
    createQueues(sqs(), prefix, 3);
    String token = sqs().listQueues(b -> b.queueNamePrefix(prefix).maxResults(1)).nextToken();

    // When MaxResults is out of 1..1000, or the token is garbage or used for another prefix
    // Then InvalidParameterValue
    assertEquals("InvalidParameterValue", codeOf(() -> sqs().listQueues(b -> b.maxResults(0))));
    assertEquals("InvalidParameterValue", codeOf(() -> sqs().listQueues(b -> b.maxResults(1001))));
    assertEquals("InvalidParameterValue", codeOf(() -> sqs().listQueues(b -> b.nextToken("!!not a token!!"))));
    assertEquals("InvalidParameterValue",
        codeOf(() -> sqs().listQueues(b -> b.queueNamePrefix(prefix + "-0").maxResults(1).nextToken(token))));
  }

  @Test
  void onlyTheCallersAccountAndRegionAreListed() {
    // Given a queue name used in this account and region, in another region, and in another account
    String name = TestSluice.uniqueName("lq");
    try (SqsClient west = client(node(), Region.US_WEST_2, "AKIDSLUICETEST");
         SqsClient otherAccount = client(node(), Region.US_EAST_1, "111122223333")) {
      String here = sqs().createQueue(b -> b.queueName(name)).queueUrl();
      String there = west.createQueue(b -> b.queueName(name)).queueUrl();
      String theirs = otherAccount.createQueue(b -> b.queueName(name)).queueUrl();

      // When each caller lists the name
      // Then each sees only its own queue
      assertEquals(List.of(here), sqs().listQueues(b -> b.queueNamePrefix(name)).queueUrls());
      assertEquals(List.of(there), west.listQueues(b -> b.queueNamePrefix(name)).queueUrls());
      assertEquals(List.of(theirs), otherAccount.listQueues(b -> b.queueNamePrefix(name)).queueUrls());
      assertTrue(theirs.contains("/111122223333/"));
      assertFalse(west.getQueueAttributes(b -> b.queueUrl(there).attributeNamesWithStrings("QueueArn"))
          .attributesAsStrings().get("QueueArn").contains("us-east-1"));
    }
  }

  @Test
  void withoutMaxResultsAtMostOneThousandQueuesAreListedWithoutToken() {
    try (TestSluice node = TestSluice.start(engine, InstantSource.system(), Map.of())) {
      // Given 1001 queues
      String prefix = TestSluice.uniqueName("lq");
      CompletableFuture.allOf(IntStream.range(0, 1001)
          .mapToObj(i -> node.sqsAsync().createQueue(b -> b.queueName(String.format("%s-%04d", prefix, i))))
          .toArray(CompletableFuture[]::new)).join();

      // When they are listed without MaxResults, and with MaxResults 1000
      ListQueuesResponse plain = node.sqs().listQueues(b -> b.queueNamePrefix(prefix));
      ListQueuesResponse paged = node.sqs().listQueues(b -> b.queueNamePrefix(prefix).maxResults(1000));

      // Then both answer the first 1000; only the paged one carries a token, which leads to the last
      assertEquals(1000, plain.queueUrls().size());
      assertNull(plain.nextToken());
      assertEquals(plain.queueUrls(), paged.queueUrls());
      List<String> rest = node.sqs().listQueues(b -> b.queueNamePrefix(prefix).maxResults(1000)
          .nextToken(paged.nextToken())).queueUrls();
      assertEquals(List.of(node.endpoint() + "/000000000000/" + prefix + "-1000"), rest);
    }
  }
}
