package io.sluice.it.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.testing.TestSluice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.SnsException;

/** Small helpers the SNS black-box tests share: error assertions, JSON, accounts of their own. */
final class SnsTesting {
  private SnsTesting() {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger ACCOUNTS = new AtomicInteger();

  /** Asserts that {@code call} fails with the SNS error {@code code}; returns the exception. */
  static SnsException assertSnsError(String code, Executable call) {
    SnsException e = assertThrows(SnsException.class, call);
    assertEquals(code, e.awsErrorDetails().errorCode(), () -> "message: " + e.awsErrorDetails().errorMessage());
    return e;
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + text, e);
    }
  }

  /** A 12-digit account id no other test of this JVM uses. */
  static String uniqueAccount() {
    return String.format("7%05d%06d", ProcessHandle.current().pid() % 100_000, ACCOUNTS.incrementAndGet());
  }

  /**
   * An SNS client acting in {@code account}: Sluice takes a 12-digit access key id as the account
   * (signatures are not checked on test nodes). Close it.
   */
  static SnsClient snsIn(TestSluice node, String account) {
    return SnsClient.builder().endpointOverride(node.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(account, "x")))
        .httpClient(ApacheHttpClient.create())
        .build();
  }

  static MessageAttributeValue stringAttribute(String value) {
    return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
  }

  /** {@code count} String attributes a0=v0, a1=v1, … */
  static Map<String, MessageAttributeValue> stringAttributes(int count) {
    Map<String, MessageAttributeValue> attributes = new HashMap<>();
    for (int i = 0; i < count; i++) {
      attributes.put("a" + i, stringAttribute("v" + i));
    }
    return attributes;
  }

  static MessageAttributeValue attribute(String dataType, String value) {
    return MessageAttributeValue.builder().dataType(dataType).stringValue(value).build();
  }
}
