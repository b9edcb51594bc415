package io.sluice.it.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.RawHttp;
import io.sluice.testing.RawHttp.Answer;
import io.sluice.testing.TestSluice;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** With no credentials configured, signatures are not checked and the access key may name the account. */
class UncheckedSignatureTest {
  private final TestSluice node = TestSluice.shared(Engine.MEMORY);

  @Test
  void unsignedRequestIsAcceptedInTheDefaultAccount() {
    String name = TestSluice.uniqueName("unsigned");

    Answer a = RawHttp.postForm(node.endpoint(), "Action=CreateQueue&QueueName=" + name);

    assertEquals(200, a.status(), a.body());
    assertTrue(a.xmlText("QueueUrl").endsWith("/000000000000/" + name));
  }

  @Test
  void anyCredentialIsAcceptedAndATwelveDigitAccessKeyIsTheAccount() {
    try (SqsClient sqs = SqsClient.builder().endpointOverride(node.endpoint()).region(Region.AP_SOUTHEAST_2)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("444455556666", "whatever")))
        .build()) {
      String name = TestSluice.uniqueName("keyed");
      String url = sqs.createQueue(b -> b.queueName(name)).queueUrl();
      assertTrue(url.endsWith("/444455556666/" + name), url);
    }
  }
}
