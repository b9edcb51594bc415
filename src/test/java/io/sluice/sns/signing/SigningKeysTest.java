package io.sluice.sns.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.protocol.AwsException;
import io.sluice.time.ManualClock;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The signing key pair: generation, PEM export and import, files, and signatures it makes. */
class SigningKeysTest {
  private static final byte[] DATA = "Message\nhello\nType\nNotification\n".getBytes(StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.parse("2024-03-01T12:34:56.789Z");

  private static SigningKeys generated;

  @TempDir
  Path dir;

  @BeforeAll
  static void generateKeys() {
    generated = SigningKeys.generate(new ManualClock(NOW.toEpochMilli()));
  }

  @Test
  void generatedCertificateIsSelfSignedRsa2048ForTenYears() throws Exception {
    // Given a pair generated at a known instant
    X509Certificate certificate = generated.certificate();

    // When its certificate is inspected
    // Then it is a self-signed 2048-bit RSA certificate named for Sluice, valid ten years from then
    assertEquals("CN=Sluice SNS signing", certificate.getSubjectX500Principal().getName());
    assertEquals(certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal());
    certificate.verify(certificate.getPublicKey());
    assertEquals(2048, ((RSAPublicKey) certificate.getPublicKey()).getModulus().bitLength());
    assertEquals(Instant.parse("2024-03-01T12:34:56Z"), certificate.getNotBefore().toInstant());
    assertEquals(Instant.parse("2034-03-01T12:34:56Z"), certificate.getNotAfter().toInstant());
  }

  @ParameterizedTest
  @EnumSource(SignatureVersion.class)
  void signatureVerifiesWithTheCertificate(SignatureVersion version) throws Exception {
    // Given data signed with the generated key
    byte[] signature = generated.sign(DATA, version);

    // When the JDK verifies it with the certificate
    // Then it holds for the version's algorithm
    assertTrue(verifies(generated.certificate(), version, signature));
  }

  @ParameterizedTest
  @EnumSource(SignatureVersion.class)
  void pemRoundTripKeepsThePair(SignatureVersion version) throws Exception {
    // Given a generated pair exported as PEM
    String keyPem = generated.privateKeyPem();
    String certPem = generated.certificatePem();

    // When it is rebuilt from the PEM texts and signs
    SigningKeys rebuilt = SigningKeys.fromPem(keyPem, certPem);
    byte[] signature = rebuilt.sign(DATA, version);

    // Then the PEM is PKCS#8 and unchanged, and the original certificate verifies the new signature
    assertTrue(keyPem.startsWith("-----BEGIN PRIVATE KEY-----"), keyPem);
    assertTrue(certPem.startsWith("-----BEGIN CERTIFICATE-----"), certPem);
    assertEquals(certPem, rebuilt.certificatePem());
    assertEquals(keyPem, rebuilt.privateKeyPem());
    assertTrue(verifies(generated.certificate(), version, signature));
  }

  @Test
  void loadReadsTheTwoPemFiles() throws Exception {
    // Given the pair written to two files
    Path keyFile = Files.writeString(dir.resolve("sns-key.pem"), generated.privateKeyPem());
    Path certFile = Files.writeString(dir.resolve("sns-cert.pem"), generated.certificatePem());

    // When the keys are loaded from them
    SigningKeys loaded = SigningKeys.load(Optional.of(keyFile), Optional.of(certFile), new ManualClock());

    // Then they are that pair
    assertEquals(generated.certificatePem(), loaded.certificatePem());
    assertTrue(verifies(generated.certificate(), SignatureVersion.V2, loaded.sign(DATA, SignatureVersion.V2)));
  }

  @Test
  void loadWithNoFilesGeneratesAFreshPair() {
    // Given no files
    // When the keys are loaded
    SigningKeys loaded = SigningKeys.load(Optional.empty(), Optional.empty(), new ManualClock());

    // Then a new pair is generated
    assertNotEquals(generated.certificatePem(), loaded.certificatePem());
    assertEquals("CN=Sluice SNS signing", loaded.certificate().getSubjectX500Principal().getName());
  }

  @Test
  void loadWithOnlyOneFileIsRejected() throws Exception {
    // Given only a certificate file
    Path certFile = Files.writeString(dir.resolve("sns-cert.pem"), generated.certificatePem());

    // When / Then loading refuses to guess the missing key
    assertThrows(IllegalArgumentException.class,
        () -> SigningKeys.load(Optional.empty(), Optional.of(certFile), new ManualClock()));
  }

  @Test
  void pkcs1PrivateKeyIsAccepted() throws Exception {
    // Given the key written the OpenSSL-traditional way ("RSA PRIVATE KEY")
    StringWriter pkcs1 = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(pkcs1)) {
      byte[] pkcs8 = new PemReader(new StringReader(generated.privateKeyPem())).readPemObject().getContent();
      writer.writeObject(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
    }
    assertTrue(pkcs1.toString().startsWith("-----BEGIN RSA PRIVATE KEY-----"), pkcs1.toString());

    // When it is read with the certificate
    SigningKeys rebuilt = SigningKeys.fromPem(pkcs1.toString(), generated.certificatePem());

    // Then it signs as the original key does
    assertEquals(generated.privateKeyPem(), rebuilt.privateKeyPem());
  }

  @Test
  void keyAndCertificateOfDifferentPairsAreRejected() {
    // Given a key from one pair and the certificate of another
    SigningKeys other = SigningKeys.generate(new ManualClock());

    // When / Then they are refused together
    assertThrows(IllegalArgumentException.class,
        () -> SigningKeys.fromPem(other.privateKeyPem(), generated.certificatePem()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not pem at all", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"})
  void textWithoutAKeyIsRejected(String pem) {
    // Given / When text that holds no private key is read as one
    // Then it is refused with an IllegalArgumentException
    assertThrows(IllegalArgumentException.class, () -> SigningKeys.fromPem(pem, generated.certificatePem()));
  }

  @Test
  void signatureVersionsAreOneAndTwoOnly() {
    // Given the wire values of the topic attribute SignatureVersion
    // When they are parsed
    // Then "1" and "2" name SHA1 and SHA256, and anything else is InvalidParameter
    assertEquals(SignatureVersion.V1, SignatureVersion.fromWire("1"));
    assertEquals(SignatureVersion.V2, SignatureVersion.fromWire("2"));
    AwsException error = assertThrows(AwsException.class, () -> SignatureVersion.fromWire("3"));
    assertEquals("InvalidParameter", error.error().code());
    assertEquals(400, error.error().httpStatus());
    assertTrue(error.error().senderFault());
  }

  private static boolean verifies(X509Certificate certificate, SignatureVersion version, byte[] signature)
      throws Exception {
    Signature verifier = Signature.getInstance(version.jcaAlgorithm());
    verifier.initVerify(certificate);
    verifier.update(DATA);
    return verifier.verify(signature);
  }
}
