package io.sluice.it.sns;

import static io.sluice.it.sns.SnsTesting.assertSnsError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.ListTopicsResponse;
import software.amazon.awssdk.services.sns.model.Tag;
import software.amazon.awssdk.services.sns.model.Topic;

/**
 * CreateTopic, DeleteTopic and ListTopics as the API reference describes them: creation is
 * idempotent for the same name and settings, names follow the standard and FIFO rules, deletion is
 * idempotent, and listings come 100 topics a page with a NextToken.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class TopicLifecycleTest extends SharedSnsNodeTest {

  @Test
  void creatingATopicTwiceAnswersTheSameArn() {
    // Given a topic created with an attribute and a tag
    String name = TestSluice.uniqueName("twice");
    String first = sns().createTopic(b -> b.name(name).attributes(Map.of("DisplayName", "Twice"))
        .tags(Tag.builder().key("team").value("core").build())).topicArn();

    // When it is created again with the same settings, and with none
    String again = sns().createTopic(b -> b.name(name).attributes(Map.of("DisplayName", "Twice"))
        .tags(Tag.builder().key("team").value("core").build())).topicArn();
    String bare = sns().createTopic(b -> b.name(name)).topicArn();

    // Then each answers the same ARN, in the caller's region and account
    assertEquals("arn:aws:sns:us-east-1:000000000000:" + name, first);
    assertEquals(first, again);
    assertEquals(first, bare);
  }

  @Test
  void creatingAnExistingTopicWithOtherAttributesOrTagsFails() {
    // Given a topic with a display name and a tag
    String name = TestSluice.uniqueName("differs");
    sns().createTopic(b -> b.name(name).attributes(Map.of("DisplayName", "One"))
        .tags(Tag.builder().key("team").value("core").build()));

    // When it is created again with another display name, or another tag value
    // Then each answers InvalidParameter
    assertSnsError("InvalidParameter", () -> sns().createTopic(b -> b.name(name)
        .attributes(Map.of("DisplayName", "Two"))));
    assertSnsError("InvalidParameter", () -> sns().createTopic(b -> b.name(name)
        .tags(Tag.builder().key("team").value("other").build())));
  }

  @Test
  void invalidTopicNamesAreRejected() {
    // Given names that are empty, too long, or hold characters outside letters, digits, - and _
    List<String> invalid = List.of("", "a".repeat(257), "has space", "dot.ted", "star*", "x.fifo");

    // When each is created as a standard topic
    // Then each answers InvalidParameter (".fifo" is only for FIFO topics)
    for (String name : invalid) {
      assertSnsError("InvalidParameter", () -> sns().createTopic(b -> b.name(name)));
    }
  }

  @Test
  void topicNamesMayBe256CharactersLong() {
    // Given a standard name of 256 characters and a FIFO name of 256 including ".fifo"
    String stem = TestSluice.uniqueName("long");
    String standard = stem + "x".repeat(256 - stem.length());
    String fifo = stem + "y".repeat(251 - stem.length()) + ".fifo";

    // When both are created
    String standardArn = sns().createTopic(b -> b.name(standard)).topicArn();
    String fifoArn = sns().createTopic(b -> b.name(fifo).attributes(Map.of("FifoTopic", "true"))).topicArn();

    // Then both exist under those names
    assertTrue(standardArn.endsWith(":" + standard));
    assertTrue(fifoArn.endsWith(":" + fifo));
  }

  @Test
  void fifoTopicsNeedTheFifoSuffixAndTheAttribute() {
    // Given a name without .fifo, and one of 257 characters with it
    String plain = TestSluice.uniqueName("nofifo");
    String tooLong = "z".repeat(252) + ".fifo";

    // When each is created with FifoTopic=true
    // Then each answers InvalidParameter
    assertSnsError("InvalidParameter", () -> sns().createTopic(b -> b.name(plain)
        .attributes(Map.of("FifoTopic", "true"))));
    assertSnsError("InvalidParameter", () -> sns().createTopic(b -> b.name(tooLong)
        .attributes(Map.of("FifoTopic", "true"))));
    // And a FIFO topic cannot be created as a standard one of the same name
    String fifo = TestSluice.uniqueName("fifo") + ".fifo";
    sns().createTopic(b -> b.name(fifo).attributes(Map.of("FifoTopic", "true")));
    assertSnsError("InvalidParameter", () -> sns().createTopic(b -> b.name(fifo)
        .attributes(Map.of("FifoTopic", "false"))));
  }

  @Test
  void deletingATopicIsIdempotentAndRemovesIt() {
    // Given a topic with a subscription
    String topic = topic("gone");
    subscribe(topic, queue("gone-q"));

    // When it is deleted twice
    sns().deleteTopic(b -> b.topicArn(topic));
    sns().deleteTopic(b -> b.topicArn(topic));

    // Then it and its subscriptions are gone
    assertSnsError("NotFound", () -> sns().getTopicAttributes(b -> b.topicArn(topic)));
    assertSnsError("NotFound", () -> sns().listSubscriptionsByTopic(b -> b.topicArn(topic)));
    assertSnsError("NotFound", () -> sns().publish(b -> b.topicArn(topic).message("m")));
  }

  @Test
  void aMalformedTopicArnIsAnInvalidParameter() {
    // Given ARNs that are not topic ARNs
    // When they are used
    // Then InvalidParameter, not NotFound
    assertSnsError("InvalidParameter", () -> sns().getTopicAttributes(b -> b.topicArn("not-an-arn")));
    assertSnsError("InvalidParameter", () -> sns().deleteTopic(b -> b.topicArn("arn:aws:sqs:us-east-1:000000000000:q")));
  }

  @Test
  void listTopicsPagesByHundredWithNextToken() {
    // Given an account of its own with 150 topics
    String account = SnsTesting.uniqueAccount();
    try (SnsClient own = SnsTesting.snsIn(node(), account)) {
      Set<String> created = new HashSet<>();
      for (int i = 0; i < 150; i++) {
        int n = i;
        created.add(own.createTopic(b -> b.name("page-" + n)).topicArn());
      }

      // When the topics are listed page by page
      ListTopicsResponse first = own.listTopics();
      ListTopicsResponse second = own.listTopics(b -> b.nextToken(first.nextToken()));

      // Then the first page holds 100 with a NextToken, the second the other 50 and no token
      assertEquals(100, first.topics().size());
      assertTrue(first.nextToken() != null && !first.nextToken().isEmpty());
      assertEquals(50, second.topics().size());
      assertNull(second.nextToken());
      List<String> listed = new ArrayList<>();
      first.topics().stream().map(Topic::topicArn).forEach(listed::add);
      second.topics().stream().map(Topic::topicArn).forEach(listed::add);
      assertEquals(150, new HashSet<>(listed).size());
      assertEquals(created, new HashSet<>(listed));
      assertTrue(listed.stream().allMatch(arn -> arn.startsWith("arn:aws:sns:us-east-1:" + account + ":")));
      // And the paginator of the SDK sees the same
      assertEquals(150, own.listTopicsPaginator().topics().stream().count());
    }
  }

  @Test
  void topicsOfOtherAccountsAreNotListed() {
    // Given a topic in the default account and an account of its own with one topic
    String mine = topic("visible");
    String account = SnsTesting.uniqueAccount();
    try (SnsClient own = SnsTesting.snsIn(node(), account)) {
      String theirs = own.createTopic(b -> b.name("only")).topicArn();

      // When that account lists its topics
      List<String> listed = own.listTopics().topics().stream().map(Topic::topicArn).toList();

      // Then only its own topic is listed
      assertEquals(List.of(theirs), listed);
      assertTrue(!listed.contains(mine));
    }
  }

  @Test
  void anUndecodableNextTokenIsAnInvalidParameter() {
    // When topics are listed with a token Sluice never gave
    // Then InvalidParameter
    assertSnsError("InvalidParameter", () -> sns().listTopics(b -> b.nextToken("%%%not-a-token%%%")));
  }
}
