package io.sluice.firehose.destination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.Sluice;
import io.sluice.config.ConfigException;
import io.sluice.firehose.FirehoseConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The S3 endpoint settings of conf/firehose.conf and their environment variables. */
class S3SettingsTest {

  @Test
  void noEndpointIsConfiguredByDefault() {
    S3Settings s3 = Sluice.loadConfig(Map.of()).service(FirehoseConfig.SECTION).s3();
    assertFalse(s3.configured());
    assertEquals(S3Settings.NONE, s3);
  }

  @Test
  void theEnvironmentSetsEndpointCredentialsAndRegion() {
    S3Settings s3 = Sluice.loadConfig(Map.of("SLUICE_FIREHOSE_S3_ENDPOINT", "http://127.0.0.1:9000",
        "SLUICE_FIREHOSE_S3_ACCESS_KEY_ID", "AK", "SLUICE_FIREHOSE_S3_SECRET_ACCESS_KEY", "SK",
        "SLUICE_FIREHOSE_S3_REGION", "eu-west-1")).service(FirehoseConfig.SECTION).s3();
    assertTrue(s3.configured());
    assertEquals(new S3Settings("http://127.0.0.1:9000", "AK", "SK", "eu-west-1"), s3);
  }

  @Test
  void anEndpointThatIsNotAnHttpUrlIsAProblemAtBoot() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> Sluice.loadConfig(Map.of("SLUICE_FIREHOSE_S3_ENDPOINT", "s3.amazonaws.com")));
    assertTrue(e.getMessage().contains("SLUICE_FIREHOSE_S3_ENDPOINT"), e.getMessage());
  }
}
