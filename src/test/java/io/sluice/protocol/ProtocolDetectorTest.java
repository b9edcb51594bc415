package io.sluice.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.sqs.SqsApi;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtocolDetectorTest {
  private final ProtocolDetector detector = new ProtocolDetector(new ServiceRegistry(
      List.of(SqsApi.DEFINITION, TestServices.QUERY_AND_JSON, TestServices.JSON11_AND_CBOR)));

  private static HttpRequestView request(String method, String path, String query, String body, String... headers) {
    Map<String, List<String>> h = new HashMap<>();
    for (int i = 0; i < headers.length; i += 2) {
      h.put(headers[i].toLowerCase(), List.of(headers[i + 1]));
    }
    return new HttpRequestView(method, path, query, h, body.getBytes(StandardCharsets.UTF_8));
  }

  private static final String SQS_AUTH = "AWS4-HMAC-SHA256 Credential=AKID/20240101/eu-west-1/sqs/aws4_request, "
      + "SignedHeaders=host, Signature=abc";

  @Test
  void targetHeaderSelectsServiceActionAndProtocol() {
    IncomingCall c = detector.detect(request("POST", "/", "", "{}", "X-Amz-Target", "AmazonSQS.SendMessage",
        "Content-Type", "application/x-amz-json-1.0"));
    assertEquals("sqs", c.service().name());
    assertEquals("SendMessage", c.action());
    assertEquals(WireProtocol.JSON_1_0, c.protocol());
  }

  @Test
  void cborContentTypeSelectsCbor() {
    IncomingCall c = detector.detect(request("POST", "/", "", "", "X-Amz-Target", "Streams_20131202.PutThing",
        "Content-Type", "application/x-amz-cbor-1.1"));
    assertEquals(WireProtocol.CBOR_1_1, c.protocol());
  }

  @Test
  void missingContentTypeFallsBackToTheServicesJsonVersion() {
    IncomingCall c = detector.detect(request("POST", "/", "", "", "X-Amz-Target", "Streams_20131202.PutThing"));
    assertEquals(WireProtocol.JSON_1_1, c.protocol());
  }

  @Test
  void unknownTargetActionIsUnknownOperation() {
    var f = assertThrows(ProtocolDetector.DetectionFailure.class, () -> detector.detect(request("POST", "/", "",
        "{}", "X-Amz-Target", "AmazonSQS.Explode", "Content-Type", "application/x-amz-json-1.0")));
    assertEquals(CommonError.UnknownOperationException, f.error().error());
    assertEquals(WireProtocol.JSON_1_0, f.protocol());
  }

  @Test
  void queryServiceComesFromTheCredentialScope() {
    IncomingCall c = detector.detect(request("POST", "/", "", "Action=ListQueues",
        "Content-Type", "application/x-www-form-urlencoded", "Authorization", SQS_AUTH));
    assertEquals("sqs", c.service().name());
    assertEquals(WireProtocol.QUERY, c.protocol());
  }

  @Test
  void queryServiceComesFromTheVersionParameter() {
    IncomingCall c = detector.detect(request("GET", "/", "Action=PutThing&Version=2020-01-01&Name=x", ""));
    assertEquals("things", c.service().name());
    assertEquals("x", c.queryParams().get("Name"));
  }

  @Test
  void aPostToAQueueUrlIsSqs() {
    IncomingCall c = detector.detect(request("POST", "/000000000000/orders", "", "Action=DeleteQueue",
        "Content-Type", "application/x-www-form-urlencoded"));
    assertEquals("sqs", c.service().name());
  }

  @Test
  void formBodyAndUrlParametersAreMergedAndDecoded() {
    IncomingCall c = detector.detect(request("POST", "/", "Version=2012-11-05", "Action=SendMessage&MessageBody=a+b%26c",
        "Content-Type", "application/x-www-form-urlencoded; charset=utf-8"));
    assertEquals("a b&c", c.queryParams().get("MessageBody"));
  }

  @Test
  void anUnknownQueryActionIsInvalidAction() {
    var f = assertThrows(ProtocolDetector.DetectionFailure.class, () -> detector.detect(request("POST", "/", "",
        "Action=Fly&Version=2012-11-05", "Content-Type", "application/x-www-form-urlencoded")));
    assertEquals(CommonError.InvalidAction, f.error().error());
    assertEquals("sqs", f.service().name());
  }

  @Test
  void aRequestNamingNoActionOrServiceIsMissingAction() {
    var f = assertThrows(ProtocolDetector.DetectionFailure.class,
        () -> detector.detect(request("GET", "/", "", "")));
    assertEquals(CommonError.MissingAction, f.error().error());
    assertEquals(WireProtocol.QUERY, f.protocol());
  }

  @Test
  void aServiceSluiceDoesNotOfferIsRejected() {
    String s3 = SQS_AUTH.replace("/sqs/", "/s3/");
    var f = assertThrows(ProtocolDetector.DetectionFailure.class, () -> detector.detect(request("POST", "/", "",
        "Action=ListBuckets", "Content-Type", "application/x-www-form-urlencoded", "Authorization", s3)));
    assertEquals(CommonError.NotImplemented, f.error().error());
  }

  @Test
  void aScopeNamingAnotherServiceOnARequestThatIsOtherwiseSqsIsSqs() {
    // The signature check then refuses the scope (SignatureDoesNotMatch), a 4xx, not NotImplemented.
    String other = SQS_AUTH.replace("/sqs/", "/z/");
    IncomingCall call = detector.detect(request("POST", "/", "", "Action=ListQueues&Version=2012-11-05",
        "Content-Type", "application/x-www-form-urlencoded", "Authorization", other));
    assertEquals("sqs", call.service().name());
  }

  @Test
  void aJsonOnlyServiceCalledWithQueryIsRejected() {
    String streams = SQS_AUTH.replace("/sqs/", "/streams/");
    var f = assertThrows(ProtocolDetector.DetectionFailure.class, () -> detector.detect(request("POST", "/", "",
        "Action=PutThing", "Content-Type", "application/x-www-form-urlencoded", "Authorization", streams)));
    assertEquals(CommonError.UnknownOperationException, f.error().error());
    assertEquals(WireProtocol.JSON_1_1, f.protocol());
  }
}
