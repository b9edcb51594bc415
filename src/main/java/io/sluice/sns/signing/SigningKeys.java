package io.sluice.sns.signing;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * The RSA key and self-signed X.509 certificate Sluice signs SNS messages with. The certificate is
 * what Sluice serves at the envelope's {@code SigningCertURL}; {@link #sign} makes the
 * {@code Signature}.
 *
 * <p>Every node that shares a store must sign with the same pair, so a pair can be exported as PEM
 * ({@link #privateKeyPem()}, {@link #certificatePem()}) and rebuilt with {@link #fromPem}. Instances
 * are immutable and thread-safe.
 */
public final class SigningKeys {
  /** Subject and issuer of a generated certificate. */
  public static final String GENERATED_SUBJECT = "CN=Sluice SNS signing";
  /** Validity of a generated certificate, from the moment it is made. */
  public static final int GENERATED_VALIDITY_YEARS = 10;

  private static final int KEY_BITS = 2048;

  private final PrivateKey privateKey;
  private final X509Certificate certificate;

  private SigningKeys(PrivateKey privateKey, X509Certificate certificate) {
    this.privateKey = privateKey;
    this.certificate = certificate;
  }

  /**
   * The pair in the two PEM files when both are given, or a {@linkplain #generate freshly generated}
   * pair when neither is.
   *
   * @param privateKeyFile PEM private key, PKCS#8 ({@code PRIVATE KEY}) or PKCS#1 ({@code RSA PRIVATE
   *     KEY}), unencrypted
   * @param certificateFile PEM certificate; the first one in the file is used
   * @throws IllegalArgumentException if only one file is given, or their content is not a matching
   *     RSA key and certificate
   * @throws UncheckedIOException if a file cannot be read
   */
  public static SigningKeys load(Optional<Path> privateKeyFile, Optional<Path> certificateFile,
      InstantSource clock) {
    if (privateKeyFile.isEmpty() && certificateFile.isEmpty()) {
      return generate(clock);
    }
    if (privateKeyFile.isEmpty() || certificateFile.isEmpty()) {
      throw new IllegalArgumentException(
          "the SNS signing private key and certificate must be given together, or neither");
    }
    return fromPem(read(privateKeyFile.get()), read(certificateFile.get()));
  }

  /**
   * A new RSA 2048 key and a self-signed certificate for it, subject {@value #GENERATED_SUBJECT},
   * valid from {@code clock}'s now for {@value #GENERATED_VALIDITY_YEARS} years.
   */
  public static SigningKeys generate(InstantSource clock) {
    SecureRandom random = new SecureRandom();
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(KEY_BITS, random);
      KeyPair pair = generator.generateKeyPair();
      Instant notBefore = clock.instant().truncatedTo(ChronoUnit.SECONDS);
      Instant notAfter = notBefore.atZone(ZoneOffset.UTC).plusYears(GENERATED_VALIDITY_YEARS).toInstant();
      X500Name name = new X500Name(GENERATED_SUBJECT);
      X509CertificateHolder holder = new JcaX509v3CertificateBuilder(name, new BigInteger(64, random).add(BigInteger.ONE),
          Date.from(notBefore), Date.from(notAfter), name, pair.getPublic())
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
          .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
      return new SigningKeys(pair.getPrivate(), new JcaX509CertificateConverter().getCertificate(holder));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot generate the SNS signing key and certificate", e);
    }
  }

  /**
   * The pair in two PEM texts, as {@link #privateKeyPem()} and {@link #certificatePem()} write them
   * (a PKCS#1 {@code RSA PRIVATE KEY} is accepted too).
   *
   * @throws IllegalArgumentException if either text holds no such object, the key is not RSA, or the
   *     certificate is not for that key
   */
  public static SigningKeys fromPem(String privateKeyPem, String certificatePem) {
    PrivateKey key = parsePrivateKey(privateKeyPem);
    X509Certificate certificate = parseCertificate(certificatePem);
    if (!(key instanceof RSAPrivateKey rsaKey)
        || !(certificate.getPublicKey() instanceof RSAPublicKey rsaPublic)) {
      throw new IllegalArgumentException("the SNS signing key and certificate must be RSA");
    }
    if (!rsaKey.getModulus().equals(rsaPublic.getModulus())) {
      throw new IllegalArgumentException("the SNS signing certificate is not for the given private key");
    }
    return new SigningKeys(key, certificate);
  }

  /**
   * Signs {@code data} with the private key (RSASSA-PKCS1-v1_5 with the version's hash).
   *
   * @return the raw signature bytes (SNS envelopes carry them base64-encoded)
   */
  public byte[] sign(byte[] data, SignatureVersion version) {
    try {
      // Signature objects are not thread-safe; one per call keeps this class shareable.
      Signature signature = Signature.getInstance(version.jcaAlgorithm());
      signature.initSign(privateKey);
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with " + version.jcaAlgorithm(), e);
    }
  }

  /** The certificate whose public key verifies {@link #sign}'s signatures. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** The certificate as a PEM {@code CERTIFICATE}: the body Sluice serves at the SigningCertURL. */
  public String certificatePem() {
    try {
      return pem("CERTIFICATE", certificate.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot encode the SNS signing certificate", e);
    }
  }

  /** The private key as an unencrypted PKCS#8 PEM {@code PRIVATE KEY}. Keep it secret. */
  public String privateKeyPem() {
    return pem("PRIVATE KEY", privateKey.getEncoded());
  }

  private static String pem(String type, byte[] der) {
    StringWriter out = new StringWriter();
    try (PemWriter writer = new PemWriter(out)) {
      writer.writeObject(new PemObject(type, der));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  private static PrivateKey parsePrivateKey(String pem) {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try {
      for (Object object : pemObjects(pem)) {
        if (object instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
        if (object instanceof PEMKeyPair pair) {
          return converter.getKeyPair(pair).getPrivate();
        }
      }
    } catch (PEMException e) {
      throw new IllegalArgumentException("the SNS signing private key cannot be read: " + e.getMessage(), e);
    }
    throw new IllegalArgumentException("no unencrypted PEM private key found for SNS signing");
  }

  private static X509Certificate parseCertificate(String pem) {
    for (Object object : pemObjects(pem)) {
      if (object instanceof X509CertificateHolder holder) {
        try {
          return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (GeneralSecurityException e) {
          throw new IllegalArgumentException("the SNS signing certificate cannot be read: " + e.getMessage(), e);
        }
      }
    }
    throw new IllegalArgumentException("no PEM certificate found for SNS signing");
  }

  private static List<Object> pemObjects(String pem) {
    List<Object> objects = new ArrayList<>();
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        objects.add(object);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed PEM for SNS signing: " + e.getMessage(), e);
    }
    return objects;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
