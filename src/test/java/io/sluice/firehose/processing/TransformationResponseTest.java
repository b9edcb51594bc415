package io.sluice.firehose.processing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.lambda.LambdaInvocationException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A transformation function's answer, checked as Firehose checks it. */
class TransformationResponseTest {
  private static final List<String> IDS = List.of("1", "2", "3");

  private static String code(String body) {
    return assertThrows(LambdaInvocationException.class,
        () -> TransformationResponse.parse(body.getBytes(StandardCharsets.UTF_8), IDS)).errorCode();
  }

  @Test
  void everyResultIsReadWithItsDataAndPartitionKeys() {
    Map<String, TransformationResponse.Outcome> out = TransformationResponse.parse(("{\"records\":["
        + "{\"recordId\":\"2\",\"result\":\"Dropped\"},"
        + "{\"recordId\":\"1\",\"result\":\"Ok\",\"data\":\"aGk=\",\"metadata\":{\"partitionKeys\":{\"c\":\"x\",\"n\":7}}},"
        + "{\"recordId\":\"3\",\"result\":\"ProcessingFailed\",\"data\":\"aGk=\"}]}").getBytes(StandardCharsets.UTF_8), IDS);

    assertEquals("Ok", out.get("1").result());
    assertArrayEquals("hi".getBytes(StandardCharsets.UTF_8), out.get("1").data());
    assertEquals(Map.of("c", "x", "n", "7"), out.get("1").partitionKeys());
    assertEquals("Dropped", out.get("2").result());
    assertEquals("ProcessingFailed", out.get("3").result());
  }

  @Test
  void aMissingADuplicatedOrAnUnknownRecordIdFailsTheInvocation() {
    assertEquals("Lambda.MissingRecordId", code("{\"records\":[{\"recordId\":\"1\",\"result\":\"Dropped\"},"
        + "{\"recordId\":\"2\",\"result\":\"Dropped\"}]}"));
    assertEquals("Lambda.DuplicatedRecordId", code("{\"records\":[{\"recordId\":\"1\",\"result\":\"Dropped\"},"
        + "{\"recordId\":\"1\",\"result\":\"Dropped\"},{\"recordId\":\"3\",\"result\":\"Dropped\"}]}"));
    assertEquals("Lambda.JsonProcessingException", code("{\"records\":[{\"recordId\":\"1\",\"result\":\"Dropped\"},"
        + "{\"recordId\":\"2\",\"result\":\"Dropped\"},{\"recordId\":\"3\",\"result\":\"Dropped\"},"
        + "{\"recordId\":\"4\",\"result\":\"Dropped\"}]}"));
  }

  @Test
  void anAnswerOutsideTheStatusModelFailsTheInvocation() {
    assertEquals("Lambda.JsonProcessingException", code("not json"));
    assertEquals("Lambda.JsonProcessingException", code("{\"items\":[]}"));
    assertEquals("Lambda.JsonProcessingException", code("{\"records\":[{\"recordId\":\"1\",\"result\":\"Fine\"}]}"));
    assertEquals("Lambda.JsonProcessingException", code("{\"records\":[{\"recordId\":\"1\",\"result\":\"Ok\"}]}"));
    assertEquals("Lambda.JsonProcessingException",
        code("{\"records\":[{\"recordId\":\"1\",\"result\":\"Ok\",\"data\":\"%%%\"}]}"));
    assertEquals("Lambda.JsonProcessingException", code("{\"records\":[{\"recordId\":\"1\",\"result\":\"Ok\","
        + "\"data\":\"aGk=\",\"metadata\":{\"partitionKeys\":{\"k\":{\"x\":1}}}}]}"));
  }
}
