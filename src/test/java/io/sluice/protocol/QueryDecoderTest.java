package io.sluice.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryDecoderTest {

  public record Value(String stringValue, byte[] binaryValue, String dataType) {}

  public record Entry(String id, Integer delaySeconds, @QueryName("MessageAttribute") Map<String, Value> messageAttributes) {}

  public record Request(
      String queueUrl,
      Integer maxNumberOfMessages,
      Boolean enabled,
      @QueryName("AttributeName") List<String> attributeNames,
      @QueryName("Attribute") Map<String, String> attributes,
      @QueryName("Tag") @QueryMapNames(key = "Key", value = "Value") Map<String, String> tags,
      @QueryName("BatchEntry") List<Entry> entries) {}

  private final QueryDecoder flattened = new QueryDecoder(JsonCodec.json(), QueryStyle.FLATTENED);
  private final QueryDecoder wrapped = new QueryDecoder(JsonCodec.json(), QueryStyle.WRAPPED);

  private static Map<String, String> params(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void flattenedListsAndMapsBecomeTheJsonShape() {
    // Given SQS-style flattened parameters, listed out of order
    Map<String, String> p = params(
        "QueueUrl", "http://h/1/q", "MaxNumberOfMessages", "7", "Enabled", "true",
        "AttributeName.2", "VisibilityTimeout", "AttributeName.1", "All",
        "Attribute.1.Name", "DelaySeconds", "Attribute.1.Value", "5",
        "Tag.1.Key", "team", "Tag.1.Value", "core");

    // When decoded
    Request r = flattened.decode(p, Request.class);

    // Then scalars are typed and lists follow their indexes
    assertEquals("http://h/1/q", r.queueUrl());
    assertEquals(7, r.maxNumberOfMessages());
    assertEquals(true, r.enabled());
    assertEquals(List.of("All", "VisibilityTimeout"), r.attributeNames());
    assertEquals(Map.of("DelaySeconds", "5"), r.attributes());
    assertEquals(Map.of("team", "core"), r.tags());
  }

  @Test
  void nestedStructuresInsideListsAndMapsAreDecoded() {
    byte[] bytes = "raw".getBytes(StandardCharsets.UTF_8);
    Map<String, String> p = params(
        "BatchEntry.1.Id", "a", "BatchEntry.1.DelaySeconds", "3",
        "BatchEntry.1.MessageAttribute.1.Name", "color",
        "BatchEntry.1.MessageAttribute.1.Value.DataType", "String",
        "BatchEntry.1.MessageAttribute.1.Value.StringValue", "red",
        "BatchEntry.1.MessageAttribute.2.Name", "blob",
        "BatchEntry.1.MessageAttribute.2.Value.DataType", "Binary",
        "BatchEntry.1.MessageAttribute.2.Value.BinaryValue", Base64.getEncoder().encodeToString(bytes),
        "BatchEntry.2.Id", "b");

    Request r = flattened.decode(p, Request.class);

    assertEquals(2, r.entries().size());
    Entry first = r.entries().get(0);
    assertEquals("a", first.id());
    assertEquals(3, first.delaySeconds());
    assertEquals("red", first.messageAttributes().get("color").stringValue());
    assertArrayEquals(bytes, first.messageAttributes().get("blob").binaryValue());
    assertEquals("b", r.entries().get(1).id());
    assertNull(r.entries().get(1).messageAttributes());
  }

  @Test
  void wrappedStyleUsesMemberAndEntryElements() {
    // Given SNS-style parameters: lists under .member.N, maps under .entry.N.key/value
    Map<String, String> p = params(
        "AttributeName.member.1", "Policy",
        "Attribute.entry.1.key", "DisplayName", "Attribute.entry.1.value", "Orders");

    Request r = wrapped.decode(p, Request.class);

    assertEquals(List.of("Policy"), r.attributeNames());
    assertEquals(Map.of("DisplayName", "Orders"), r.attributes());
  }

  @Test
  void aLoneValueWhereAListIsExpectedIsAOneElementList() {
    Request r = flattened.decode(params("AttributeName", "All"), Request.class);
    assertEquals(List.of("All"), r.attributeNames());
  }

  @Test
  void aValueOfTheWrongTypeIsInvalidParameterValue() {
    AwsException e = assertThrows(AwsException.class,
        () -> flattened.decode(params("MaxNumberOfMessages", "lots"), Request.class));
    assertEquals(CommonError.InvalidParameterValue, e.error());
  }

  @Test
  void unknownParametersAreIgnored() {
    Request r = flattened.decode(params("Action", "ReceiveMessage", "Version", "2012-11-05", "QueueUrl", "u"),
        Request.class);
    assertEquals("u", r.queueUrl());
  }
}
