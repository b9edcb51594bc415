package io.sluice.it.sns;

import static io.sluice.testing.AwsErrors.codeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.ListPlatformApplicationsResponse;
import software.amazon.awssdk.services.sns.model.PlatformApplication;

/**
 * CreatePlatformApplication, Get/SetPlatformApplicationAttributes, ListPlatformApplications and
 * DeletePlatformApplication through the AWS SDK v2, on each engine.
 */
@ParameterizedClass
@EnumSource(Engine.class)
class PlatformApplicationsTest {
  @Parameter
  Engine engine;

  private SnsClient sns() {
    return TestSluice.shared(engine).sns();
  }

  private String gcmApplication(String name) {
    return sns().createPlatformApplication(b -> b.name(name).platform("GCM")
        .attributes(Map.of("PlatformCredential", "server-key"))).platformApplicationArn();
  }

  @Test
  void createdApplicationHasItsArnAndShowsNoCredentials() {
    // Given a name
    String name = TestSluice.uniqueName("app");

    // When an APNS application is created with certificate credentials
    String arn = sns().createPlatformApplication(b -> b.name(name).platform("APNS_SANDBOX")
        .attributes(Map.of("PlatformCredential", "private-key", "PlatformPrincipal", "certificate",
            "SuccessFeedbackSampleRate", "50"))).platformApplicationArn();

    // Then its ARN names platform and name, and its attributes hide the credentials
    assertEquals("arn:aws:sns:us-east-1:000000000000:app/APNS_SANDBOX/" + name, arn);
    Map<String, String> attributes = sns().getPlatformApplicationAttributes(b -> b.platformApplicationArn(arn))
        .attributes();
    assertEquals(Map.of("Enabled", "true", "SuccessFeedbackSampleRate", "50", "AuthenticationMethod", "Certificate"),
        attributes);
  }

  @Test
  void creatingAnExistingApplicationAgainKeepsItsArn() {
    // Given an application
    String name = TestSluice.uniqueName("app");
    String first = gcmApplication(name);

    // When one of the same name and platform is created
    String second = gcmApplication(name);

    // Then it is the same application
    assertEquals(first, second);
  }

  @Test
  void setAttributesChangesAndRemovesThem() {
    // Given an application with an event topic
    String arn = gcmApplication(TestSluice.uniqueName("app"));
    String topic = sns().createTopic(b -> b.name(TestSluice.uniqueName("events"))).topicArn();
    sns().setPlatformApplicationAttributes(b -> b.platformApplicationArn(arn)
        .attributes(Map.of("EventEndpointCreated", topic, "Enabled", "false")));

    // When the topic is set empty
    sns().setPlatformApplicationAttributes(b -> b.platformApplicationArn(arn)
        .attributes(Map.of("EventEndpointCreated", "")));

    // Then the application is disabled and has no event topic
    Map<String, String> attributes = sns().getPlatformApplicationAttributes(b -> b.platformApplicationArn(arn))
        .attributes();
    assertEquals("false", attributes.get("Enabled"));
    assertFalse(attributes.containsKey("EventEndpointCreated"));
    assertEquals("Key", attributes.get("AuthenticationMethod"));
  }

  @Test
  void invalidApplicationsAreRejected() {
    SnsClient sns = sns();
    String name = TestSluice.uniqueName("app");
    // An unknown platform
    assertEquals("InvalidParameter", codeOf(() -> sns.createPlatformApplication(b -> b.name(name).platform("FCM")
        .attributes(Map.of("PlatformCredential", "k")))));
    // No credential
    assertEquals("InvalidParameter", codeOf(() -> sns.createPlatformApplication(b -> b.name(name).platform("GCM")
        .attributes(Map.of("EventDeliveryFailure", "")))));
    // APNS without a principal
    assertEquals("InvalidParameter", codeOf(() -> sns.createPlatformApplication(b -> b.name(name).platform("APNS")
        .attributes(Map.of("PlatformCredential", "k")))));
    // A name with a space, an unknown attribute, a bad sample rate
    assertEquals("InvalidParameter", codeOf(() -> sns.createPlatformApplication(b -> b.name("my app").platform("GCM")
        .attributes(Map.of("PlatformCredential", "k")))));
    assertEquals("InvalidParameter", codeOf(() -> sns.createPlatformApplication(b -> b.name(name).platform("GCM")
        .attributes(Map.of("PlatformCredential", "k", "Colour", "blue")))));
    assertEquals("InvalidParameter", codeOf(() -> sns.createPlatformApplication(b -> b.name(name).platform("GCM")
        .attributes(Map.of("PlatformCredential", "k", "SuccessFeedbackSampleRate", "101")))));
  }

  @Test
  void unknownOrMalformedApplicationArnsFail() {
    SnsClient sns = sns();
    String missing = "arn:aws:sns:us-east-1:000000000000:app/GCM/" + TestSluice.uniqueName("none");
    assertEquals("NotFound", codeOf(() -> sns.getPlatformApplicationAttributes(b -> b.platformApplicationArn(missing))));
    assertEquals("NotFound", codeOf(() -> sns.setPlatformApplicationAttributes(b -> b.platformApplicationArn(missing)
        .attributes(Map.of("Enabled", "true")))));
    assertEquals("NotFound", codeOf(() -> sns.listEndpointsByPlatformApplication(b -> b.platformApplicationArn(missing))));
    assertEquals("InvalidParameter", codeOf(() -> sns.getPlatformApplicationAttributes(
        b -> b.platformApplicationArn("not-an-arn"))));
    assertEquals("InvalidParameter", codeOf(() -> sns.getPlatformApplicationAttributes(
        b -> b.platformApplicationArn("arn:aws:sns:us-east-1:000000000000:app/GCM"))));
  }

  @Test
  void deleteRemovesTheApplicationWithItsEndpointsAndIsIdempotent() {
    // Given an application with an endpoint
    String arn = gcmApplication(TestSluice.uniqueName("app"));
    String endpoint = sns().createPlatformEndpoint(b -> b.platformApplicationArn(arn).token("device-1")).endpointArn();

    // When it is deleted, twice
    sns().deletePlatformApplication(b -> b.platformApplicationArn(arn));
    sns().deletePlatformApplication(b -> b.platformApplicationArn(arn));

    // Then neither it nor its endpoint exists
    assertEquals("NotFound", codeOf(() -> sns().getPlatformApplicationAttributes(b -> b.platformApplicationArn(arn))));
    assertEquals("NotFound", codeOf(() -> sns().getEndpointAttributes(b -> b.endpointArn(endpoint))));
  }

  @Test
  void listPagesAHundredApplicationsAtATime() {
    // Given 101 more applications
    String prefix = TestSluice.uniqueName("paged") + "-";
    Set<String> created = new HashSet<>();
    for (int i = 0; i < 101; i++) {
      created.add(gcmApplication(prefix + String.format("%03d", i)));
    }

    // When all pages are listed
    List<PlatformApplication> listed = new ArrayList<>();
    ListPlatformApplicationsResponse page = sns().listPlatformApplications(b -> { });
    assertEquals(100, page.platformApplications().size());
    assertNotNull(page.nextToken());
    listed.addAll(page.platformApplications());
    while (page.nextToken() != null) {
      String token = page.nextToken();
      page = sns().listPlatformApplications(b -> b.nextToken(token));
      listed.addAll(page.platformApplications());
    }

    // Then each of ours is listed once, with its attributes
    List<String> ours = listed.stream().map(PlatformApplication::platformApplicationArn).filter(created::contains).toList();
    assertEquals(101, ours.size());
    assertEquals(101, new HashSet<>(ours).size());
    assertTrue(listed.stream().filter(a -> created.contains(a.platformApplicationArn()))
        .allMatch(a -> "true".equals(a.attributes().get("Enabled"))));
  }
}
