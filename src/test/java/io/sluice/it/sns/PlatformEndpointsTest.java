package io.sluice.it.sns;

import static io.sluice.testing.AwsErrors.codeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Endpoint;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.ListEndpointsByPlatformApplicationResponse;

/**
 * CreatePlatformEndpoint, Get/SetEndpointAttributes, ListEndpointsByPlatformApplication,
 * DeleteEndpoint and subscribing endpoints, through the AWS SDK v2, on each engine.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class PlatformEndpointsTest {
  @Parameter
  Engine engine;

  private SnsClient sns() {
    return TestSluice.shared(engine).sns();
  }

  private String application(String platform) {
    return sns().createPlatformApplication(b -> b.name(TestSluice.uniqueName("app")).platform(platform)
        .attributes(Map.of("PlatformCredential", "key", "PlatformPrincipal", "principal"))).platformApplicationArn();
  }

  private Map<String, String> attributes(String endpointArn) {
    return sns().getEndpointAttributes(b -> b.endpointArn(endpointArn)).attributes();
  }

  @Test
  void createdEndpointHasTokenEnabledAndUserData() {
    // Given an application
    String app = application("GCM");

    // When an endpoint is created with user data
    String arn = sns().createPlatformEndpoint(b -> b.platformApplicationArn(app).token("token-1")
        .customUserData("user 42")).endpointArn();

    // Then its ARN is under the application and it shows its attributes
    assertTrue(arn.matches("arn:aws:sns:us-east-1:000000000000:endpoint/GCM/" + app.substring(app.lastIndexOf('/') + 1)
        + "/[0-9a-f-]{36}"), arn);
    assertEquals(Map.of("Token", "token-1", "Enabled", "true", "CustomUserData", "user 42"), attributes(arn));
  }

  @Test
  void creatingTheSameTokenAgainIsIdempotentOnlyWithTheSameAttributes() {
    // Given an endpoint
    String app = application("GCM");
    String arn = sns().createPlatformEndpoint(b -> b.platformApplicationArn(app).token("t").customUserData("a"))
        .endpointArn();

    // When the same token is registered with the same data, then with other data
    String again = sns().createPlatformEndpoint(b -> b.platformApplicationArn(app).token("t").customUserData("a"))
        .endpointArn();
    InvalidParameterException conflict = org.junit.jupiter.api.Assertions.assertThrows(InvalidParameterException.class,
        () -> sns().createPlatformEndpoint(b -> b.platformApplicationArn(app).token("t").customUserData("b")));

    // Then the first answers the endpoint, the second names it in its error (apps parse the ARN from it)
    assertEquals(arn, again);
    assertTrue(conflict.awsErrorDetails().errorMessage().contains("Endpoint " + arn + " already exists with the same "
        + "Token, but different attributes"), conflict.awsErrorDetails().errorMessage());
  }

  @Test
  void aDisabledEndpointIsNotReturnedForARegistrationThatExpectsItEnabled() {
    // Given an endpoint that was disabled
    String app = application("GCM");
    String arn = sns().createPlatformEndpoint(b -> b.platformApplicationArn(app).token("t")).endpointArn();
    sns().setEndpointAttributes(b -> b.endpointArn(arn).attributes(Map.of("Enabled", "false")));

    // When the token is registered again, then again as disabled
    String code = codeOf(() -> sns().createPlatformEndpoint(b -> b.platformApplicationArn(app).token("t")));
    String disabled = sns().createPlatformEndpoint(b -> b.platformApplicationArn(app).token("t")
        .attributes(Map.of("Enabled", "false"))).endpointArn();

    // Then the first conflicts, the second is the endpoint
    assertEquals("InvalidParameter", code);
    assertEquals(arn, disabled);
  }

  @Test
  void setAttributesChangesTokenEnabledAndUserData() {
    // Given an endpoint
    String app = application("GCM");
    String arn = sns().createPlatformEndpoint(b -> b.platformApplicationArn(app).token("old").customUserData("x"))
        .endpointArn();

    // When its token is updated, it is disabled and its data removed
    sns().setEndpointAttributes(b -> b.endpointArn(arn)
        .attributes(Map.of("Token", "new", "Enabled", "False", "CustomUserData", "")));

    // Then it shows the new values; registering the old token makes a new endpoint
    assertEquals(Map.of("Token", "new", "Enabled", "false"), attributes(arn));
    String other = sns().createPlatformEndpoint(b -> b.platformApplicationArn(app).token("old").customUserData("x"))
        .endpointArn();
    assertNotEquals(arn, other);
  }

  @Test
  void appleTokensAreShownInLowercase() {
    String app = application("APNS");
    String arn = sns().createPlatformEndpoint(b -> b.platformApplicationArn(app).token("ABCDEF0123")).endpointArn();
    assertEquals("abcdef0123", attributes(arn).get("Token"));
  }

  @Test
  void invalidEndpointRequestsFail() {
    SnsClient sns = sns();
    String app = application("GCM");
    String missingApp = "arn:aws:sns:us-east-1:000000000000:app/GCM/" + TestSluice.uniqueName("none");
    assertEquals("NotFound", codeOf(() -> sns.createPlatformEndpoint(b -> b.platformApplicationArn(missingApp).token("t"))));
    assertEquals("InvalidParameter", codeOf(() -> sns.createPlatformEndpoint(b -> b.platformApplicationArn(app).token(""))));
    assertEquals("InvalidParameter", codeOf(() -> sns.createPlatformEndpoint(b -> b.platformApplicationArn(app).token("t2")
        .attributes(Map.of("Colour", "red")))));
    assertEquals("InvalidParameter", codeOf(() -> sns.createPlatformEndpoint(b -> b.platformApplicationArn(app).token("t3")
        .customUserData("x".repeat(2048)))));
    String arn = sns.createPlatformEndpoint(b -> b.platformApplicationArn(app).token("t4")).endpointArn();
    assertEquals("InvalidParameter", codeOf(() -> sns.setEndpointAttributes(b -> b.endpointArn(arn)
        .attributes(Map.of("Enabled", "maybe")))));
    assertEquals("InvalidParameter", codeOf(() -> sns.getEndpointAttributes(b -> b.endpointArn("arn:aws:sns:x"))));
  }

  @Test
  void deleteEndpointIsIdempotent() {
    // Given an endpoint
    String app = application("GCM");
    String arn = sns().createPlatformEndpoint(b -> b.platformApplicationArn(app).token("t")).endpointArn();

    // When it is deleted twice
    sns().deleteEndpoint(b -> b.endpointArn(arn));
    sns().deleteEndpoint(b -> b.endpointArn(arn));

    // Then it is gone
    assertEquals("NotFound", codeOf(() -> sns().getEndpointAttributes(b -> b.endpointArn(arn))));
    assertEquals("NotFound", codeOf(() -> sns().setEndpointAttributes(b -> b.endpointArn(arn)
        .attributes(Map.of("Enabled", "true")))));
  }

  @Test
  void listPagesEndpointsAHundredAtATime() {
    // Given an application with 101 endpoints
    String app = application("GCM");
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      String token = "device-" + i;
      created.add(sns().createPlatformEndpoint(b -> b.platformApplicationArn(app).token(token)).endpointArn());
    }

    // When its endpoints are listed page by page
    ListEndpointsByPlatformApplicationResponse first = sns().listEndpointsByPlatformApplication(
        b -> b.platformApplicationArn(app));
    assertNotNull(first.nextToken());
    ListEndpointsByPlatformApplicationResponse second = sns().listEndpointsByPlatformApplication(
        b -> b.platformApplicationArn(app).nextToken(first.nextToken()));

    // Then the pages hold 100 and 1, each endpoint once, with its token
    assertEquals(100, first.endpoints().size());
    assertEquals(1, second.endpoints().size());
    assertNull(second.nextToken());
    List<Endpoint> all = new ArrayList<>(first.endpoints());
    all.addAll(second.endpoints());
    assertEquals(created.stream().sorted().toList(), all.stream().map(Endpoint::endpointArn).toList());
    assertTrue(all.stream().allMatch(e -> e.attributes().get("Token").startsWith("device-")));
  }

  @Test
  void onlyExistingEndpointsCanBeSubscribed() {
    // Given a topic, an endpoint and the ARN of a deleted one
    String topic = sns().createTopic(b -> b.name(TestSluice.uniqueName("push"))).topicArn();
    String app = application("GCM");
    String endpoint = sns().createPlatformEndpoint(b -> b.platformApplicationArn(app).token("t")).endpointArn();
    String deleted = sns().createPlatformEndpoint(b -> b.platformApplicationArn(app).token("gone")).endpointArn();
    sns().deleteEndpoint(b -> b.endpointArn(deleted));

    // When both are subscribed
    String subscription = sns().subscribe(b -> b.topicArn(topic).protocol("application").endpoint(endpoint))
        .subscriptionArn();
    InvalidParameterException refused = org.junit.jupiter.api.Assertions.assertThrows(InvalidParameterException.class,
        () -> sns().subscribe(b -> b.topicArn(topic).protocol("application").endpoint(deleted)));

    // Then the existing one is subscribed at once (no confirmation), the deleted one refused
    assertTrue(subscription.startsWith(topic + ":"), subscription);
    assertTrue(refused.awsErrorDetails().errorMessage().contains("Endpoint does not exist for endpoint arn" + deleted));
  }
}
