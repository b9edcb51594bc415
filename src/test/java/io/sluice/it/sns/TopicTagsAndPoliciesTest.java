package io.sluice.it.sns;

import static io.sluice.it.sns.SnsTesting.assertSnsError;
import static io.sluice.it.sns.SnsTesting.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sns.model.Tag;

/**
 * A topic's tags (TagResource, UntagResource, ListTagsForResource; "Amazon SNS topic tagging": at
 * most 50), its access policy through AddPermission and RemovePermission, and its data protection
 * policy (Get/PutDataProtectionPolicy).
 */
@ParameterizedClass
@EnumSource(Engine.class)
class TopicTagsAndPoliciesTest extends SharedSnsNodeTest {

  private static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  private static List<Tag> tags(int count) {
    List<Tag> tags = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tags.add(tag("k" + i, "v" + i));
    }
    return tags;
  }

  private Map<String, String> tagsOf(String topicArn) {
    return sns().listTagsForResource(b -> b.resourceArn(topicArn)).tags().stream()
        .collect(Collectors.toMap(Tag::key, Tag::value));
  }

  private JsonNode policy(String topicArn) {
    return json(sns().getTopicAttributes(b -> b.topicArn(topicArn)).attributes().get("Policy"));
  }

  private static JsonNode statement(JsonNode policy, String sid) {
    for (JsonNode s : policy.path("Statement")) {
      if (sid.equals(s.path("Sid").asText())) {
        return s;
      }
    }
    return null;
  }

  @Test
  void tagsAreAddedReplacedAndRemoved() {
    // Given a topic created with a tag
    String name = TestSluice.uniqueName("tagged");
    String topic = sns().createTopic(b -> b.name(name).tags(tag("team", "core"))).topicArn();

    // When a tag is added, the first replaced, and then the new one removed
    sns().tagResource(b -> b.resourceArn(topic).tags(tag("env", "dev"), tag("team", "edge")));
    Map<String, String> afterTagging = tagsOf(topic);
    sns().untagResource(b -> b.resourceArn(topic).tagKeys("env", "not-there"));

    // Then the listing shows each state
    assertEquals(Map.of("team", "edge", "env", "dev"), afterTagging);
    assertEquals(Map.of("team", "edge"), tagsOf(topic));
  }

  @Test
  void aTopicHoldsAtMostFiftyTags() {
    // Given a topic with 50 tags
    String topic = topic("full");
    sns().tagResource(b -> b.resourceArn(topic).tags(tags(50)));

    // When one more is added, or a topic is created with 51
    // Then TagLimitExceeded, and the 50 stay
    assertSnsError("TagLimitExceeded", () -> sns().tagResource(b -> b.resourceArn(topic).tags(tag("one", "more"))));
    assertSnsError("TagLimitExceeded", () -> sns().createTopic(b -> b.name(TestSluice.uniqueName("over"))
        .tags(tags(51))));
    assertEquals(50, tagsOf(topic).size());
    // And replacing the value of a present key is no extra tag
    sns().tagResource(b -> b.resourceArn(topic).tags(tag("k0", "changed")));
    assertEquals("changed", tagsOf(topic).get("k0"));
  }

  @Test
  void taggingAnUnknownTopicIsResourceNotFound() {
    // Given a well-formed ARN of no topic
    String missing = topic("untagged") + "-missing";

    // When its tags are listed, added or removed
    // Then ResourceNotFound
    assertSnsError("ResourceNotFound", () -> sns().listTagsForResource(b -> b.resourceArn(missing)));
    assertSnsError("ResourceNotFound", () -> sns().tagResource(b -> b.resourceArn(missing).tags(tag("a", "b"))));
    assertSnsError("ResourceNotFound", () -> sns().untagResource(b -> b.resourceArn(missing).tagKeys("a")));
  }

  @Test
  void addPermissionAddsALabelledStatementAndRemovePermissionTakesItAway() {
    // Given a topic
    String topic = topic("shared");

    // When two accounts are allowed to publish and subscribe under a label
    sns().addPermission(b -> b.topicArn(topic).label("Partners")
        .awsAccountIds("111122223333", "444455556666").actionNames("Publish", "Subscribe"));
    JsonNode added = statement(policy(topic), "Partners");

    // Then the policy holds that statement beside the default one
    assertTrue(added != null, "statement Partners");
    assertEquals("Allow", added.path("Effect").asText());
    assertEquals(topic, added.path("Resource").asText());
    String text = added.toString();
    for (String expected : List.of("arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root",
        "SNS:Publish", "SNS:Subscribe")) {
      assertTrue(text.contains(expected), text);
    }
    assertTrue(statement(policy(topic), "__default_statement_ID") != null);

    // And when the permission is removed, the statement is gone and the default stays
    sns().removePermission(b -> b.topicArn(topic).label("Partners"));
    assertEquals(null, statement(policy(topic), "Partners"));
    assertTrue(statement(policy(topic), "__default_statement_ID") != null);
  }

  @Test
  void aLabelAlreadyInThePolicyIsRejected() {
    // Given a topic with a permission labelled Once
    String topic = topic("dup-label");
    sns().addPermission(b -> b.topicArn(topic).label("Once").awsAccountIds("111122223333").actionNames("Publish"));

    // When a permission with the same label is added
    // Then InvalidParameter, and the policy holds one such statement
    assertSnsError("InvalidParameter", () -> sns().addPermission(b -> b.topicArn(topic).label("Once")
        .awsAccountIds("444455556666").actionNames("Subscribe")));
    long count = 0;
    for (JsonNode s : policy(topic).path("Statement")) {
      count += "Once".equals(s.path("Sid").asText()) ? 1 : 0;
    }
    assertEquals(1, count);
  }

  @Test
  void permissionsOnAMissingTopicAreNotFound() {
    // Given an ARN of no topic
    String missing = topic("perm") + "-missing";

    // When a permission is added
    // Then NotFound
    assertSnsError("NotFound", () -> sns().addPermission(b -> b.topicArn(missing).label("L")
        .awsAccountIds("111122223333").actionNames("Publish")));
  }

  @Test
  void dataProtectionPolicyIsStoredAndReturned() {
    // Given a topic without a data protection policy
    String topic = topic("dpp");
    String before = sns().getDataProtectionPolicy(b -> b.resourceArn(topic)).dataProtectionPolicy();
    String policy = "{\"Name\":\"basic\",\"Description\":\"\",\"Version\":\"2021-06-01\",\"Statement\":[{"
        + "\"DataDirection\":\"Inbound\",\"Principal\":[\"*\"],\"DataIdentifier\":["
        + "\"arn:aws:dataprotection::aws:data-identifier/EmailAddress\"],\"Operation\":{\"Audit\":{"
        + "\"SampleRate\":\"99\",\"FindingsDestination\":{}}}}]}";

    // When a policy is put
    sns().putDataProtectionPolicy(b -> b.resourceArn(topic).dataProtectionPolicy(policy));

    // Then it is returned as put (and there was none before)
    assertTrue(before == null || before.isEmpty(), before);
    assertEquals(json(policy), json(sns().getDataProtectionPolicy(b -> b.resourceArn(topic)).dataProtectionPolicy()));
  }

  @Test
  void anInvalidDataProtectionPolicyOrMissingTopicIsRejected() {
    // Given a topic and an ARN of none
    String topic = topic("dpp-bad");
    String missing = topic + "-missing";

    // When a policy that is not JSON is put, or policies of the missing topic used
    // Then InvalidParameter and NotFound
    assertSnsError("InvalidParameter", () -> sns().putDataProtectionPolicy(b -> b.resourceArn(topic)
        .dataProtectionPolicy("{not json")));
    assertSnsError("NotFound", () -> sns().getDataProtectionPolicy(b -> b.resourceArn(missing)));
    assertSnsError("NotFound", () -> sns().putDataProtectionPolicy(b -> b.resourceArn(missing)
        .dataProtectionPolicy("{}")));
  }
}
