package io.sluice.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.CBORParser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WireCodecTest {
  private final WireCodec codec = new WireCodec();
  private static final Instant AT = Instant.parse("2024-05-06T07:08:09.250Z");

  private static IncomingCall call(ServiceDefinition s, WireProtocol p, byte[] body, Map<String, String> params) {
    return new IncomingCall(s, "PutThing", p, params, body);
  }

  @Test
  void jsonRequestsUseAwsMemberNamesBase64BlobsAndEpochSeconds() {
    byte[] body = "{\"Name\":\"n\",\"Data\":\"aGk=\",\"At\":1714979289.25,\"Count\":3,\"Extra\":1}"
        .getBytes(StandardCharsets.UTF_8);

    var req = (TestServices.PutThing.Request) codec.decode(
        call(TestServices.QUERY_AND_JSON, WireProtocol.JSON_1_0, body, null));

    assertEquals("n", req.name());
    assertArrayEquals("hi".getBytes(StandardCharsets.UTF_8), req.data());
    assertEquals(AT, req.at());
    assertEquals(3, req.count());
  }

  @Test
  void anEmptyJsonBodyIsAnEmptyRequest() {
    var req = (TestServices.PutThing.Request) codec.decode(
        call(TestServices.QUERY_AND_JSON, WireProtocol.JSON_1_0, new byte[0], null));
    assertNull(req.name());
  }

  @Test
  void malformedJsonIsSerializationException() {
    AwsException e = assertThrows(AwsException.class, () -> codec.decode(
        call(TestServices.QUERY_AND_JSON, WireProtocol.JSON_1_0, "{nope".getBytes(StandardCharsets.UTF_8), null)));
    assertEquals(CommonError.SerializationException, e.error());
  }

  @Test
  void aJsonBodyThatIsNotAStructureIsSerializationException() {
    for (String body : List.of("null", "[]", "5", "\"x\"", "true")) {
      AwsException e = assertThrows(AwsException.class, () -> codec.decode(
          call(TestServices.QUERY_AND_JSON, WireProtocol.JSON_1_0, body.getBytes(StandardCharsets.UTF_8), null)));
      assertEquals(CommonError.SerializationException, e.error(), body);
    }
  }

  @Test
  void aNullListMemberOrMapValueIsSerializationExceptionNamingTheParameter() {
    AwsException list = assertThrows(AwsException.class, () -> codec.decode(new IncomingCall(
        TestServices.QUERY_AND_JSON, "TagThing", WireProtocol.JSON_1_0, null,
        "{\"Names\":[\"a\",null]}".getBytes(StandardCharsets.UTF_8))));
    AwsException map = assertThrows(AwsException.class, () -> codec.decode(new IncomingCall(
        TestServices.QUERY_AND_JSON, "TagThing", WireProtocol.JSON_1_0, null,
        "{\"Tags\":{\"k\":null}}".getBytes(StandardCharsets.UTF_8))));
    assertEquals(CommonError.SerializationException, list.error());
    assertEquals("Value for parameter Names.2 is invalid. Reason: list members and map values must not be null.",
        list.getMessage());
    assertEquals(CommonError.SerializationException, map.error());
    assertTrue(map.getMessage().contains("parameter Tags.k"), map.getMessage());
  }

  @Test
  void aValueOfTheWrongTypeIsNamedAsAwsDoesWithoutJavaTypes() {
    AwsException e = assertThrows(AwsException.class, () -> codec.decode(call(TestServices.QUERY_AND_JSON,
        WireProtocol.JSON_1_0, "{\"Count\":\"abc\"}".getBytes(StandardCharsets.UTF_8), null)));
    AwsException big = assertThrows(AwsException.class, () -> codec.decode(call(TestServices.QUERY_AND_JSON,
        WireProtocol.JSON_1_0, "{\"Count\":99999999999999999999}".getBytes(StandardCharsets.UTF_8), null)));
    AwsException list = assertThrows(AwsException.class, () -> codec.decode(call(TestServices.QUERY_AND_JSON,
        WireProtocol.JSON_1_0, "{\"Name\":[1]}".getBytes(StandardCharsets.UTF_8), null)));

    assertEquals("Value 'abc' for parameter Count is invalid. Reason: must be an integer.", e.getMessage());
    assertEquals("Value '99999999999999999999' for parameter Count is invalid. Reason: out of range.",
        big.getMessage());
    assertEquals("Value for parameter Name is invalid. Reason: must be a string.", list.getMessage());
  }

  @Test
  void aQueryParameterOfTheWrongTypeIsInvalidParameterValueNamingIt() {
    AwsException e = assertThrows(AwsException.class, () -> codec.decode(call(TestServices.QUERY_AND_JSON,
        WireProtocol.QUERY, new byte[0], Map.of("Count", "lots"))));
    assertEquals(CommonError.InvalidParameterValue, e.error());
    assertEquals("Value 'lots' for parameter Count is invalid. Reason: must be an integer.", e.getMessage());
  }

  @Test
  void jsonResponsesOmitNullsAndWriteEpochSeconds() throws Exception {
    HttpReply reply = codec.success(TestServices.QUERY_AND_JSON, WireProtocol.JSON_1_0, "PutThing",
        new TestServices.PutThing.Response("id1", null, AT), "rid");

    JsonNode json = JsonCodec.json().readTree(reply.body());
    assertEquals(200, reply.status());
    assertEquals("application/x-amz-json-1.0", reply.contentType());
    assertEquals("id1", json.get("Id").asText());
    assertEquals(1714979289.25, json.get("At").asDouble());
    assertTrue(!json.has("Data"));
    assertEquals("rid", reply.headers().get("x-amzn-RequestId"));
  }

  @Test
  void cborRoundTripsBlobsAsBytesAndTimestampsAsMillis() throws Exception {
    // Given a CBOR body as a CBOR client writes it
    byte[] body = JsonCodec.cbor().writeValueAsBytes(Map.of("Name", "n", "Data", new byte[] {1, 2, 3},
        "At", AT.toEpochMilli()));

    // When decoded and answered
    var req = (TestServices.PutThing.Request) codec.decode(
        call(TestServices.JSON11_AND_CBOR, WireProtocol.CBOR_1_1, body, null));
    HttpReply reply = codec.success(TestServices.JSON11_AND_CBOR, WireProtocol.CBOR_1_1, "PutThing",
        new TestServices.PutThing.Response("id", new byte[] {9}, AT), "rid");

    // Then blobs and timestamps keep their CBOR forms both ways
    assertArrayEquals(new byte[] {1, 2, 3}, req.data());
    assertEquals(AT, req.at());
    JsonNode out = JsonCodec.cbor().readTree(reply.body());
    assertEquals("application/x-amz-cbor-1.1", reply.contentType());
    assertArrayEquals(new byte[] {9}, out.get("Data").binaryValue());
    assertEquals(AT.toEpochMilli(), out.get("At").asLong());
  }

  @Test
  void cborTimestampsAreTaggedEpochMillisBothWays() throws Exception {
    // Given a CBOR body whose timestamp is tagged 1 (epoch), as the AWS SDK for Java writes it
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    try (CBORGenerator gen = new CBORFactory().createGenerator(written)) {
      gen.writeStartObject();
      gen.writeFieldName("At");
      gen.writeTag(1);
      gen.writeNumber(AT.toEpochMilli());
      gen.writeEndObject();
    }

    // When decoded, and a timestamp answered
    var req = (TestServices.PutThing.Request) codec.decode(
        call(TestServices.JSON11_AND_CBOR, WireProtocol.CBOR_1_1, written.toByteArray(), null));
    HttpReply reply = codec.success(TestServices.JSON11_AND_CBOR, WireProtocol.CBOR_1_1, "PutThing",
        new TestServices.PutThing.Response("id", null, AT), "rid");

    // Then the request's instant is read, and the answer's carries tag 1 on epoch milliseconds
    assertEquals(AT, req.at());
    try (CBORParser parser = new CBORFactory().createParser(reply.body())) {
      while (parser.nextToken() != null) {
        if (parser.currentToken() == JsonToken.FIELD_NAME
            && parser.currentName().equals("At")) {
          parser.nextToken();
          assertEquals(1, parser.getCurrentTag());
          assertEquals(AT.toEpochMilli(), parser.getLongValue());
          return;
        }
      }
    }
    throw new AssertionError("no At in the answer");
  }

  @Test
  void queryRequestsDecodeIntoTheSameRecord() {
    var req = (TestServices.PutThing.Request) codec.decode(call(TestServices.QUERY_AND_JSON, WireProtocol.QUERY,
        new byte[0], Map.of("Name", "n", "Count", "4", "At", "2024-05-06T07:08:09.250Z")));
    assertEquals("n", req.name());
    assertEquals(4, req.count());
    assertEquals(AT, req.at());
  }

  @Test
  void jsonErrorsCarryTypeMessageAndQueryCompatibleHeader() throws Exception {
    HttpReply reply = codec.error(TestServices.QUERY_AND_JSON, WireProtocol.JSON_1_0,
        AwsException.of(CommonError.MissingParameter, "need Name"), "rid");

    JsonNode json = JsonCodec.json().readTree(reply.body());
    assertEquals(400, reply.status());
    assertEquals("com.example.things#MissingParameter", json.get("__type").asText());
    assertEquals("need Name", json.get("message").asText());
    assertEquals("MissingParameter", reply.headers().get("x-amzn-ErrorType"));
    assertEquals("MissingParameter;Sender", reply.headers().get("x-amzn-query-error"));
  }

  @Test
  void serverFaultsAreReceiverErrorsWithTheirStatus() throws Exception {
    HttpReply reply = codec.error(TestServices.JSON11_AND_CBOR, WireProtocol.JSON_1_1,
        AwsException.of(CommonError.ServiceUnavailable, "later"), "rid");
    JsonNode json = JsonCodec.json().readTree(reply.body());
    assertEquals(503, reply.status());
    assertEquals("com.amazon.coral.service#ServiceUnavailableException", json.get("__type").asText());
    assertNull(reply.headers().get("x-amzn-query-error"));
  }

  @Test
  void cborErrorsAreCbor() throws Exception {
    HttpReply reply = codec.error(TestServices.JSON11_AND_CBOR, WireProtocol.CBOR_1_1,
        AwsException.of(CommonError.ValidationError, "bad"), "rid");
    assertEquals("application/x-amz-cbor-1.1", reply.contentType());
    assertEquals("ValidationError", JsonCodec.cbor().readTree(reply.body()).get("__type").asText());
  }

  @Test
  void queryErrorsAreXmlWithTheLegacyCode() {
    AwsErrorCode legacy = new AwsErrorCode() {
      public String code() {
        return "ThingMissing";
      }

      public int httpStatus() {
        return 400;
      }

      public boolean senderFault() {
        return true;
      }

      public String queryCode() {
        return "AWS.Things.NonExistentThing";
      }
    };
    HttpReply reply = codec.error(TestServices.QUERY_AND_JSON, WireProtocol.QUERY, new AwsException(legacy, "gone"), "r");
    String xml = new String(reply.body(), StandardCharsets.UTF_8);
    assertEquals("text/xml", reply.contentType());
    assertTrue(xml.contains("<Code>AWS.Things.NonExistentThing</Code>"), xml);
    assertTrue(xml.contains("xmlns=\"http://things.example.com/doc/2020-01-01/\""), xml);
  }
}
