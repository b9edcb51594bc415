package io.sluice.it.sns;

import static io.sluice.testing.AwsErrors.codeOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sns.SnsClient;

/** GetSMSAttributes and SetSMSAttributes through the AWS SDK v2, on each engine (private nodes: one account's settings). */
@ParameterizedClass
@EnumSource(Engine.class)
class SmsAttributesTest {
  @Parameter
  Engine engine;

  @Test
  void setAttributesAreReturnedAllOrByName() {
    try (TestSluice node = TestSluice.start(engine, InstantSource.system(), Map.of())) {
      // Given an account without SMS settings
      SnsClient sns = node.sns();
      assertEquals(Map.of(), sns.getSMSAttributes(b -> { }).attributes());

      // When defaults are set, then one is changed and one removed
      sns.setSMSAttributes(b -> b.attributes(Map.of("DefaultSMSType", "Transactional", "DefaultSenderID", "Sluice",
          "MonthlySpendLimit", "5", "DeliveryStatusSuccessSamplingRate", "10")));
      sns.setSMSAttributes(b -> b.attributes(Map.of("MonthlySpendLimit", "7", "DeliveryStatusSuccessSamplingRate", "")));

      // Then all are returned, or only those asked for
      assertEquals(Map.of("DefaultSMSType", "Transactional", "DefaultSenderID", "Sluice", "MonthlySpendLimit", "7"),
          sns.getSMSAttributes(b -> { }).attributes());
      assertEquals(Map.of("DefaultSenderID", "Sluice"),
          sns.getSMSAttributes(b -> b.attributes("DefaultSenderID", "UsageReportS3Bucket")).attributes());
    }
  }

  @Test
  void invalidSettingsAreRejected() {
    SnsClient sns = TestSluice.shared(engine).sns();
    assertEquals("InvalidParameter", codeOf(() -> sns.setSMSAttributes(b -> b.attributes(Map.of("DefaultSMSType", "Urgent")))));
    assertEquals("InvalidParameter", codeOf(() -> sns.setSMSAttributes(b -> b.attributes(Map.of("DefaultSenderID", "123")))));
    assertEquals("InvalidParameter", codeOf(() -> sns.setSMSAttributes(
        b -> b.attributes(Map.of("DefaultSenderID", "WayTooLongSender")))));
    assertEquals("InvalidParameter", codeOf(() -> sns.setSMSAttributes(
        b -> b.attributes(Map.of("DeliveryStatusSuccessSamplingRate", "101")))));
    assertEquals("InvalidParameter", codeOf(() -> sns.setSMSAttributes(b -> b.attributes(Map.of("MonthlySpendLimit", "-1")))));
    assertEquals("InvalidParameter", codeOf(() -> sns.setSMSAttributes(b -> b.attributes(Map.of("Colour", "blue")))));
  }
}
