package io.sluice.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.Sluice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @Test
  void defaultsComeFromTheShippedFile() {
    SluiceConfig c = Sluice.loadConfig(Map.of());
    assertEquals("0.0.0.0", c.host());
    assertEquals(4566, c.port());
    assertEquals("us-east-1", c.region());
    assertEquals("000000000000", c.account());
    assertEquals(SluiceConfig.StoreKind.MEMORY, c.store());
    assertFalse(c.verifiesSignatures());
    assertFalse(c.adminEnabled());
    assertTrue(c.publicEndpoint().isEmpty());
  }

  @Test
  void environmentVariablesOverrideDefaults() {
    String key = Base64.getEncoder().encodeToString(new byte[32]);
    SluiceConfig c = Sluice.loadConfig(Map.of("SLUICE_PORT", "9000", "SLUICE_STORE", "redis",
        "SLUICE_REDIS_URL", "redis://h:1/2", "SLUICE_SSE_KEY", key, "SLUICE_REGION", "eu-west-1",
        "SLUICE_CREDENTIALS", "AK1:SK1, AK2:SK2:123456789012"));
    assertEquals(9000, c.port());
    assertEquals(SluiceConfig.StoreKind.REDIS, c.store());
    assertEquals("redis://h:1/2", c.redis().urls().get(0));
    assertEquals("eu-west-1", c.region());
    assertEquals(2, c.credentials().size());
    assertEquals("000000000000", c.credentials().get(0).account());
    assertEquals("123456789012", c.credentials().get(1).account());
    assertTrue(c.verifiesSignatures());
  }

  @Test
  void lambdaEndpointsAreOneSettingWhoseOldSnsNameStillWorks() {
    String f = "arn:aws:lambda:us-east-1:000000000000:function:f";
    assertEquals(Map.of(), Sluice.loadConfig(Map.of()).lambdaEndpoints());
    assertEquals(Map.of(f, "http://old/"),
        Sluice.loadConfig(Map.of("SLUICE_SNS_LAMBDA_ENDPOINTS", f + "=http://old/")).lambdaEndpoints());
    assertEquals(Map.of(f, "http://new/", "g", "http://g/"), Sluice.loadConfig(Map.of(
        "SLUICE_SNS_LAMBDA_ENDPOINTS", f + "=http://old/",
        "SLUICE_LAMBDA_ENDPOINTS", f + "=http://new/, g=http://g/")).lambdaEndpoints());
    assertThrows(ConfigException.class, () -> Sluice.loadConfig(Map.of("SLUICE_LAMBDA_ENDPOINTS", "no-url")));
  }

  @Test
  void aCredentialMayNameTheIamUserItBelongsTo() {
    SluiceConfig c = Sluice.loadConfig(Map.of("SLUICE_CREDENTIALS", "AK1:SK1:123456789012:alice"));
    assertEquals(new SluiceConfig.Credential("AK1", "SK1", "123456789012", "alice"), c.credentials().get(0));

    ConfigException e = assertThrows(ConfigException.class,
        () -> Sluice.loadConfig(Map.of("SLUICE_CREDENTIALS", "AK1:SK1:123456789012:not a name")));
    assertTrue(e.getMessage().contains("user of AK1"), e.getMessage());
  }

  @Test
  void tlsIsOffByDefaultAndItsFilesComeTogether() {
    assertFalse(Sluice.loadConfig(Map.of()).tls().enabled());
    assertTrue(Sluice.loadConfig(Map.of("SLUICE_TLS_PORT", "0")).tls().enabled());

    ConfigException e = assertThrows(ConfigException.class, () -> Sluice.loadConfig(Map.of(
        "SLUICE_TLS_PORT", "4567", "SLUICE_TLS_CERT_FILE", "/nonexistent/cert.pem")));

    assertEquals(2, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().contains("SLUICE_TLS_CERT_FILE"), e.getMessage());
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    ConfigException e = assertThrows(ConfigException.class, () -> Sluice.loadConfig(Map.of(
        "SLUICE_PORT", "70000", "SLUICE_STORE", "disk", "SLUICE_ACCOUNT", "42", "SLUICE_CREDENTIALS", "lonely")));
    assertEquals(4, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().contains("SLUICE_PORT"));
    assertTrue(e.getMessage().contains("SLUICE_STORE"));
  }

  @Test
  void redisNeedsAnEncryptionKeySoMessagesSurviveRestarts() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> Sluice.loadConfig(Map.of("SLUICE_STORE", "redis")));
    assertTrue(e.problems().stream().anyMatch(p -> p.contains("SLUICE_SSE_KEY")), e.getMessage());
  }

  @Test
  void anSnsDeliveryLeaseNotLongerThanTheHttpTimeoutIsRefused() {
    // Given a delivery lease equal to the HTTP timeout / When the configuration is loaded
    ConfigException e = assertThrows(ConfigException.class, () -> Sluice.loadConfig(Map.of(
        "SLUICE_SNS_DELIVERY_LEASE_MS", "5000", "SLUICE_SNS_HTTP_TIMEOUT_MS", "5000")));

    // Then one problem names both settings; a lease 1 ms longer is accepted
    assertEquals(1, e.problems().size(), e.getMessage());
    assertTrue(e.problems().get(0).contains("SLUICE_SNS_DELIVERY_LEASE_MS"), e.getMessage());
    assertTrue(e.problems().get(0).contains("SLUICE_SNS_HTTP_TIMEOUT_MS"), e.getMessage());
    Sluice.loadConfig(Map.of("SLUICE_SNS_DELIVERY_LEASE_MS", "5001", "SLUICE_SNS_HTTP_TIMEOUT_MS", "5000"));
  }

  @Test
  void aConfigFileOverridesDefaultsAndTheEnvironmentStillWins(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("custom.conf");
    Files.writeString(file, "sluice { port = 7000, region = \"ap-south-1\", port = ${?SLUICE_PORT} }");
    SluiceConfig fromFile = Sluice.loadConfig(Map.of("SLUICE_CONFIG", file.toString()));
    SluiceConfig withEnv = Sluice.loadConfig(Map.of("SLUICE_CONFIG", file.toString(), "SLUICE_PORT", "7100"));
    assertEquals(7000, fromFile.port());
    assertEquals("ap-south-1", fromFile.region());
    assertEquals(7100, withEnv.port());
  }
}
