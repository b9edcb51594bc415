package io.sluice.it.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.testing.TestSluice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** A queue with messages, attributes and tags that the fuzzing never names; a target queue it may. */
final class SqsStoredData implements StoredData {
  private static final int MESSAGES = 5;
  private final List<String> targets = new ArrayList<>();
  private String keptUrl;
  private Map<String, String> keptAttributes;
  private Map<String, String> keptTags;
  private List<String> sentMessages;

  @Override
  public String service() {
    return "sqs";
  }

  @Override
  public void store(TestSluice node) {
    SqsClient sqs = node.sqs();
    keptUrl = sqs.createQueue(b -> b.queueName(TestSluice.uniqueName("fuzz-kept"))
        .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "37",
            QueueAttributeName.MESSAGE_RETENTION_PERIOD, "86400",
            QueueAttributeName.MAXIMUM_MESSAGE_SIZE, "65536"))
        .tags(Map.of("team", "fuzz", "purpose", "kept"))).queueUrl();
    sentMessages = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      String body = "kept message " + i + " \u00e9\u6f22\ud83d\ude00 <&>";
      int n = i;
      sqs.sendMessage(b -> b.queueUrl(keptUrl).messageBody(body).messageAttributes(Map.of(
          "Index", MessageAttributeValue.builder().dataType("Number").stringValue(String.valueOf(n)).build(),
          "Text", MessageAttributeValue.builder().dataType("String").stringValue("attr " + n).build(),
          "Bytes", MessageAttributeValue.builder().dataType("Binary")
              .binaryValue(SdkBytes.fromByteArray(new byte[] {0, (byte) n, (byte) 255})).build())));
      sentMessages.add(describe(body, n));
    }
    keptAttributes = stableAttributes(sqs, keptUrl);
    keptTags = new TreeMap<>(sqs.listQueueTags(b -> b.queueUrl(keptUrl)).tags());
    String target = sqs.createQueue(b -> b.queueName(TestSluice.uniqueName("fuzz-target"))).queueUrl();
    sqs.sendMessage(b -> b.queueUrl(target).messageBody("target"));
    targets.add(target);
    targets.add(sqs.getQueueAttributes(b -> b.queueUrl(target).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes().get(QueueAttributeName.QUEUE_ARN));
  }

  @Override
  public List<String> targets() {
    return targets;
  }

  @Override
  public void assertIntact(TestSluice node) {
    SqsClient sqs = node.sqs();
    assertEquals(keptAttributes, stableAttributes(sqs, keptUrl), "attributes of the kept queue");
    assertEquals(keptTags, new TreeMap<>(sqs.listQueueTags(b -> b.queueUrl(keptUrl)).tags()), "tags of the kept queue");
    List<String> received = new ArrayList<>();
    while (true) {
      List<Message> got = sqs.receiveMessage(b -> b.queueUrl(keptUrl).maxNumberOfMessages(10)
          .messageAttributeNames("All")).messages();
      if (got.isEmpty()) {
        break;
      }
      for (Message m : got) {
        received.add(describe(m.body(), Integer.parseInt(m.messageAttributes().get("Index").stringValue()))
            + (m.messageAttributes().equals(attributesOf(m)) ? "" : " attributes " + m.messageAttributes()));
      }
    }
    received.sort(null);
    List<String> expected = new ArrayList<>(sentMessages);
    expected.sort(null);
    assertEquals(expected, received, "messages of the kept queue");
  }

  private static Map<String, MessageAttributeValue> attributesOf(Message m) {
    int n = Integer.parseInt(m.messageAttributes().get("Index").stringValue());
    return Map.of(
        "Index", MessageAttributeValue.builder().dataType("Number").stringValue(String.valueOf(n)).build(),
        "Text", MessageAttributeValue.builder().dataType("String").stringValue("attr " + n).build(),
        "Bytes", MessageAttributeValue.builder().dataType("Binary")
            .binaryValue(SdkBytes.fromByteArray(new byte[] {0, (byte) n, (byte) 255})).build());
  }

  private static String describe(String body, int index) {
    return index + ": " + body;
  }

  /** Every attribute but the approximate counts, which receiving changes. */
  private static Map<String, String> stableAttributes(SqsClient sqs, String url) {
    Map<String, String> all = new TreeMap<>(sqs.getQueueAttributes(b -> b.queueUrl(url)
        .attributeNames(QueueAttributeName.ALL)).attributesAsStrings());
    all.keySet().removeIf(k -> k.startsWith("Approximate"));
    return all;
  }
}
