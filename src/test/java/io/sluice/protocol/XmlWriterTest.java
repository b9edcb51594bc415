package io.sluice.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XmlWriterTest {

  public record Item(String name, byte[] data) {}

  public record Result(
      @QueryName("QueueUrl") List<String> queueUrls,
      @QueryName("Attribute") Map<String, String> attributes,
      @QueryName("Tag") @QueryMapNames(key = "Key", value = "Value") Map<String, String> tags,
      List<Item> items,
      Instant createdAt,
      String nothing) {}

  private static final String NS = "http://example.com/doc/";

  private static Result sample() {
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("A", "1");
    return new Result(List.of("u1", "u2"), attrs, Map.of("k", "v"),
        List.of(new Item("x", "hi".getBytes(StandardCharsets.UTF_8))), Instant.parse("2024-01-02T03:04:05Z"), null);
  }

  @Test
  void flattenedStyleRepeatsElementsAndOmitsNulls() {
    String xml = new XmlWriter(NS, QueryStyle.FLATTENED).success("Do", sample(), "rid");
    assertEquals("<?xml version=\"1.0\"?><DoResponse xmlns=\"" + NS + "\"><DoResult>"
        + "<QueueUrl>u1</QueueUrl><QueueUrl>u2</QueueUrl>"
        + "<Attribute><Name>A</Name><Value>1</Value></Attribute>"
        + "<Tag><Key>k</Key><Value>v</Value></Tag>"
        + "<Items><Name>x</Name><Data>aGk=</Data></Items>"
        + "<CreatedAt>2024-01-02T03:04:05Z</CreatedAt>"
        + "</DoResult><ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></DoResponse>", xml);
  }

  @Test
  void wrappedStyleNestsMembersAndEntries() {
    String xml = new XmlWriter(NS, QueryStyle.WRAPPED).success("Do", sample(), "rid");
    assertEquals("<?xml version=\"1.0\"?><DoResponse xmlns=\"" + NS + "\"><DoResult>"
        + "<QueueUrl><member>u1</member><member>u2</member></QueueUrl>"
        + "<Attribute><entry><key>A</key><value>1</value></entry></Attribute>"
        + "<Tag><entry><Key>k</Key><Value>v</Value></entry></Tag>"
        + "<Items><member><Name>x</Name><Data>aGk=</Data></member></Items>"
        + "<CreatedAt>2024-01-02T03:04:05Z</CreatedAt>"
        + "</DoResult><ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></DoResponse>", xml);
  }

  @Test
  void actionsWithoutOutputHaveOnlyMetadata() {
    String xml = new XmlWriter(NS, QueryStyle.FLATTENED).success("DeleteThing", null, "rid");
    assertEquals("<?xml version=\"1.0\"?><DeleteThingResponse xmlns=\"" + NS + "\">"
        + "<ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></DeleteThingResponse>", xml);
  }

  @Test
  void textIsEscapedAndCarriageReturnsSurvive() {
    record Body(String body) {}
    String xml = new XmlWriter(NS, QueryStyle.FLATTENED).success("Get", new Body("a<b>&\"c'\r\n"), "r");
    assertEquals(true, xml.contains("<Body>a&lt;b&gt;&amp;&quot;c&apos;&#xD;\n</Body>"), xml);
  }

  @Test
  void charactersXmlForbidsBecomeReplacementCharactersSoTheReplyParses() throws Exception {
    String xml = new XmlWriter(NS, QueryStyle.FLATTENED)
        .error(CommonError.InvalidParameterValue, "a\u0001b\u0000c\ufffed\ud800e\ud83d\ude00\tf", "rid");

    var doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertEquals("a\ufffdb\ufffdc\ufffdd\ufffde\ud83d\ude00\tf",
        doc.getElementsByTagName("Message").item(0).getTextContent());
  }

  @Test
  void errorsCarryTypeCodeMessageAndRequestId() {
    String xml = new XmlWriter(NS, QueryStyle.FLATTENED)
        .error(CommonError.InvalidParameterValue, "bad <value>", "rid");
    assertEquals("<?xml version=\"1.0\"?><ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type>"
        + "<Code>InvalidParameterValue</Code><Message>bad &lt;value&gt;</Message><Detail/></Error>"
        + "<RequestId>rid</RequestId></ErrorResponse>", xml);
  }
}
