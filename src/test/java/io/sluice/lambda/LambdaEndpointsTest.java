package io.sluice.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Finding a function's URL by its ARN, its unqualified ARN or its name. */
class LambdaEndpointsTest {
  private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:";

  @Test
  void aFunctionIsFoundByItsExactArnThenItsUnqualifiedArnThenItsName() {
    LambdaEndpoints endpoints = new LambdaEndpoints(Map.of(ARN + "f:live", "http://live/", ARN + "f", "http://f/",
        "g", "http://g/"));

    assertEquals(Optional.of("http://live/"), endpoints.urlOf(ARN + "f:live"));
    assertEquals(Optional.of("http://f/"), endpoints.urlOf(ARN + "f:7"));
    assertEquals(Optional.of("http://f/"), endpoints.urlOf(ARN + "f"));
    assertEquals(Optional.of("http://g/"), endpoints.urlOf(ARN + "g:$LATEST"));
    assertEquals(Optional.of("http://g/"), endpoints.urlOf("g"));
    assertEquals(Optional.empty(), endpoints.urlOf(ARN + "h"));
    assertEquals(Optional.empty(), endpoints.urlOf("h"));
  }
}
