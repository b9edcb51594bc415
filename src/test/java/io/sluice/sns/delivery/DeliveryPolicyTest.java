package io.sluice.sns.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.protocol.AwsException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing and validating the DeliveryPolicy attribute of topics and HTTP/S subscriptions. */
class DeliveryPolicyTest {

  /** The example policy of "Creating an HTTP/S delivery policy". */
  private static final String GUIDE_EXAMPLE = """
      {"healthyRetryPolicy": {"minDelayTarget": 1, "maxDelayTarget": 60, "numRetries": 50,
        "numNoDelayRetries": 3, "numMinDelayRetries": 2, "numMaxDelayRetries": 35,
        "backoffFunction": "exponential"},
       "throttlePolicy": {"maxReceivesPerSecond": 10}}""";

  private static final String SUBSCRIPTION = "subscription";
  private static final String TOPIC = "topic";
  private static final String RETRY = "'minDelayTarget':5,'maxDelayTarget':10,'numRetries':6";

  /** JSON written with single quotes, for legible tables. */
  private static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  private static AwsException rejection(Runnable parse) {
    AwsException e = assertThrows(AwsException.class, parse::run);
    assertEquals("InvalidParameter", e.error().code());
    assertEquals(400, e.error().httpStatus());
    assertTrue(e.error().senderFault());
    return e;
  }

  @Test
  void subscriptionPolicyFromTheGuideKeepsEveryMember() {
    // When
    DeliveryPolicy policy = DeliveryPolicy.parseSubscription(GUIDE_EXAMPLE);

    // Then
    assertEquals(new RetryPolicy(1, 60, 50, 3, 2, 35, BackoffFunction.EXPONENTIAL), policy.healthyRetryPolicy());
    assertEquals(10, policy.maxReceivesPerSecond());
    assertNull(policy.headerContentType());
    assertFalse(policy.disableSubscriptionOverrides());
  }

  @Test
  void topicPolicyReadsTheHttpDefaults() {
    // Given
    String json = """
        {"http": {"defaultHealthyRetryPolicy": {"minDelayTarget": 2, "maxDelayTarget": 30, "numRetries": 9,
          "backoffFunction": "geometric"}, "disableSubscriptionOverrides": true,
          "defaultThrottlePolicy": {"maxReceivesPerSecond": 4},
          "defaultRequestPolicy": {"headerContentType": "application/json"}}}""";

    // When
    DeliveryPolicy policy = DeliveryPolicy.parseTopic(json);

    // Then
    assertEquals(new RetryPolicy(2, 30, 9, 0, 0, 0, BackoffFunction.GEOMETRIC), policy.healthyRetryPolicy());
    assertEquals(4, policy.maxReceivesPerSecond());
    assertEquals("application/json", policy.headerContentType());
    assertTrue(policy.disableSubscriptionOverrides());
  }

  @Test
  void omittedPhaseCountsAreZeroAndTheBackoffIsLinear() {
    DeliveryPolicy policy = DeliveryPolicy.parseSubscription(json("{'healthyRetryPolicy':{" + RETRY + "}}"));

    assertEquals(new RetryPolicy(5, 10, 6, 0, 0, 0, BackoffFunction.LINEAR), policy.healthyRetryPolicy());
    assertNull(policy.maxReceivesPerSecond());
  }

  @Test
  void sectionsSetToNullCountAsAbsent() {
    DeliveryPolicy policy = DeliveryPolicy.parseSubscription(
        "{\"healthyRetryPolicy\":null,\"throttlePolicy\":{\"maxReceivesPerSecond\":null},\"requestPolicy\":null}");

    assertEquals(new DeliveryPolicy(null, null, null, false), policy);
  }

  @Test
  void topicPolicyWithoutHttpSetsNothing() {
    assertEquals(new DeliveryPolicy(null, null, null, false), DeliveryPolicy.parseTopic("{}"));
    assertEquals(new DeliveryPolicy(null, null, null, false), DeliveryPolicy.parseTopic("{\"http\":{}}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void blankTextIsNoPolicy(String json) {
    assertNull(DeliveryPolicy.parseSubscription(json));
    assertNull(DeliveryPolicy.parseTopic(json));
  }

  @Test
  void anEffectivePolicyReadBackCanBeSetAgain() {
    // Given what GetSubscriptionAttributes shows for a subscription with a throttle
    EffectiveDeliveryPolicy shown = EffectiveDeliveryPolicy.of(null,
        new DeliveryPolicy(new RetryPolicy(3, 9, 4, 1, 1, 1, BackoffFunction.ARITHMETIC), 7, null, false));

    // When it is set back as the subscription's DeliveryPolicy
    DeliveryPolicy policy = DeliveryPolicy.parseSubscription(shown.toSubscriptionJson());

    // Then nothing is lost
    assertEquals(shown, EffectiveDeliveryPolicy.of(null, policy));
  }

  @Test
  void numbersMayBeGivenAsNumericStringsOrWholeDecimals() {
    DeliveryPolicy policy = DeliveryPolicy.parseSubscription("""
        {"healthyRetryPolicy": {"minDelayTarget": "5", "maxDelayTarget": 10.0, "numRetries": " 6 ",
          "backoffFunction": "EXPONENTIAL"}}""");

    assertEquals(new RetryPolicy(5, 10, 6, 0, 0, 0, BackoffFunction.EXPONENTIAL), policy.healthyRetryPolicy());
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/json", "application/xml", "text/plain; charset=UTF-8",
      "Application/JSON;charset=utf-8"})
  void documentedContentTypesAreAcceptedWithOrWithoutParameters(String contentType) {
    DeliveryPolicy policy = DeliveryPolicy.parseSubscription(
        "{\"requestPolicy\":{\"headerContentType\":\"" + contentType + "\"}}");

    assertEquals(contentType, policy.headerContentType());
  }

  @Test
  void limitsThemselvesAreAllowed() {
    DeliveryPolicy policy = DeliveryPolicy.parseSubscription("""
        {"healthyRetryPolicy": {"minDelayTarget": 1, "maxDelayTarget": 3600, "numRetries": 100,
          "numNoDelayRetries": 40, "numMinDelayRetries": 30, "numMaxDelayRetries": 30},
         "throttlePolicy": {"maxReceivesPerSecond": 1}}""");

    assertEquals(100, policy.healthyRetryPolicy().numRetries());
    assertEquals(0, policy.healthyRetryPolicy().numBackoffRetries());
  }

  static Stream<Arguments> invalidPolicies() {
    return Stream.of(
        Arguments.of(SUBSCRIPTION, "not json", "failed to parse JSON"),
        Arguments.of(SUBSCRIPTION, "[1, 2]", "failed to parse JSON"),
        Arguments.of(SUBSCRIPTION, "{'healthyRetryPolicy':{'numRetries':5}}",
            "healthyRetryPolicy.minDelayTarget must be specified"),
        Arguments.of(SUBSCRIPTION, "{'healthyRetryPolicy':{'minDelayTarget':5,'numRetries':5}}",
            "healthyRetryPolicy.maxDelayTarget must be specified"),
        Arguments.of(SUBSCRIPTION, "{'healthyRetryPolicy':{'minDelayTarget':5,'maxDelayTarget':5}}",
            "healthyRetryPolicy.numRetries must be specified"),
        Arguments.of(SUBSCRIPTION, "{'healthyRetryPolicy':{'minDelayTarget':0,'maxDelayTarget':0,'numRetries':0}}",
            "healthyRetryPolicy.minDelayTarget must be greater than or equal to 1"),
        Arguments.of(SUBSCRIPTION, "{'healthyRetryPolicy':{'minDelayTarget':5,'maxDelayTarget':3,'numRetries':4}}",
            "healthyRetryPolicy.maxDelayTarget must be greater than or equal to minDelayTarget"),
        Arguments.of(SUBSCRIPTION, "{'healthyRetryPolicy':{'minDelayTarget':5,'maxDelayTarget':3601,'numRetries':4}}",
            "healthyRetryPolicy.maxDelayTarget must be less than or equal to 3600"),
        Arguments.of(SUBSCRIPTION, "{'healthyRetryPolicy':{'minDelayTarget':5,'maxDelayTarget':9,'numRetries':101}}",
            "healthyRetryPolicy.numRetries must be less than or equal to 100"),
        Arguments.of(SUBSCRIPTION, "{'healthyRetryPolicy':{'minDelayTarget':5,'maxDelayTarget':9,'numRetries':-1}}",
            "healthyRetryPolicy.numRetries must be greater than or equal to 0"),
        Arguments.of(SUBSCRIPTION, "{'healthyRetryPolicy':{" + RETRY + ",'numNoDelayRetries':-1}}",
            "healthyRetryPolicy.numNoDelayRetries must be greater than or equal to 0"),
        Arguments.of(SUBSCRIPTION, "{'healthyRetryPolicy':{" + RETRY + ",'numMinDelayRetries':-2}}",
            "healthyRetryPolicy.numMinDelayRetries must be greater than or equal to 0"),
        Arguments.of(SUBSCRIPTION, "{'healthyRetryPolicy':{" + RETRY + ",'numMaxDelayRetries':-3}}",
            "healthyRetryPolicy.numMaxDelayRetries must be greater than or equal to 0"),
        Arguments.of(SUBSCRIPTION, "{'healthyRetryPolicy':{" + RETRY
                + ",'numNoDelayRetries':3,'numMinDelayRetries':2,'numMaxDelayRetries':2}}",
            "healthyRetryPolicy.numRetries must be greater than or equal to total of numMinDelayRetries, "
                + "numNoDelayRetries and numMaxDelayRetries"),
        Arguments.of(SUBSCRIPTION, "{'healthyRetryPolicy':{" + RETRY + ",'backoffFunction':'quadratic'}}",
            "healthyRetryPolicy.backoffFunction must be one of linear, arithmetic, geometric, exponential"),
        Arguments.of(SUBSCRIPTION, "{'healthyRetryPolicy':{" + RETRY + ",'backoffFunction':3}}",
            "healthyRetryPolicy.backoffFunction must be one of linear, arithmetic, geometric, exponential"),
        Arguments.of(SUBSCRIPTION, "{'healthyRetryPolicy':{'minDelayTarget':1.5,'maxDelayTarget':9,'numRetries':3}}",
            "healthyRetryPolicy.minDelayTarget must be an integer"),
        Arguments.of(SUBSCRIPTION, "{'healthyRetryPolicy':{'minDelayTarget':'soon','maxDelayTarget':9,'numRetries':3}}",
            "healthyRetryPolicy.minDelayTarget must be an integer"),
        Arguments.of(SUBSCRIPTION, "{'healthyRetryPolicy':{" + RETRY + ",'numTries':3}}",
            "Unexpected JSON member: numTries"),
        Arguments.of(SUBSCRIPTION, "{'healthyRetryPolicy':5}", "healthyRetryPolicy must be a JSON object"),
        Arguments.of(SUBSCRIPTION, "{'sicklyRetryPolicy':{'numRetries':5}}",
            "sicklyRetryPolicy.minDelayTarget must be specified"),
        Arguments.of(SUBSCRIPTION, "{'throttlePolicy':{'maxReceivesPerSecond':0}}",
            "throttlePolicy.maxReceivesPerSecond must be greater than or equal to 1"),
        Arguments.of(SUBSCRIPTION, "{'requestPolicy':{'headerContentType':'text/html'}}",
            "requestPolicy.headerContentType must be one of text/plain, application/json, application/xml"),
        Arguments.of(SUBSCRIPTION, "{'guaranteed':'maybe'}", "guaranteed must be a boolean"),
        Arguments.of(SUBSCRIPTION, "{'http':{}}", "Unexpected JSON member: http"),
        Arguments.of(TOPIC, "{'throttlePolicy':{'maxReceivesPerSecond':10}}", "Unexpected JSON member: throttlePolicy"),
        Arguments.of(TOPIC, "{'http':{'healthyRetryPolicy':{}}}", "Unexpected JSON member: healthyRetryPolicy"),
        Arguments.of(TOPIC, "{'http':{'defaultHealthyRetryPolicy':{'minDelayTarget':1,'maxDelayTarget':2,"
            + "'numRetries':101}}}", "http.defaultHealthyRetryPolicy.numRetries must be less than or equal to 100"),
        Arguments.of(TOPIC, "{'http':{'defaultThrottlePolicy':{'maxReceivesPerSecond':-5}}}",
            "http.defaultThrottlePolicy.maxReceivesPerSecond must be greater than or equal to 1"),
        Arguments.of(TOPIC, "{'http':{'defaultRequestPolicy':{'headerContentType':'image/png'}}}",
            "http.defaultRequestPolicy.headerContentType must be one of text/plain, application/json, application/xml"),
        Arguments.of(TOPIC, "{'http':{'disableSubscriptionOverrides':'yes'}}",
            "http.disableSubscriptionOverrides must be a boolean"),
        Arguments.of(TOPIC, "{'http':'linear'}", "http must be a JSON object"));
  }

  @ParameterizedTest(name = "{0}: {2}")
  @MethodSource("invalidPolicies")
  void invalidPolicyIsRejectedAsInvalidParameter(String level, String policy, String reason) {
    // When
    AwsException e = rejection(() -> {
      if (level.equals(TOPIC)) {
        DeliveryPolicy.parseTopic(json(policy));
      } else {
        DeliveryPolicy.parseSubscription(json(policy));
      }
    });

    // Then
    assertEquals("Invalid parameter: DeliveryPolicy: " + reason, e.getMessage());
  }
}
