package io.sluice.gateway;

import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.sluice.config.ConfigException;
import io.sluice.config.SluiceConfig.TlsConfig;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * The TLS port's certificate and the Netty context that serves it: ALPN offers {@code h2} and
 * {@code http/1.1}, and a client that offers no ALPN may still speak either (the gateway tells them
 * apart by the HTTP/2 preface). Immutable.
 *
 * @param context the server side of every TLS connection
 * @param certificatePem the certificate chain clients should trust, PEM
 * @param certificateFile where that PEM is on disk
 */
public record TlsIdentity(SslContext context, String certificatePem, Path certificateFile) {
  /** Validity of a generated certificate. */
  private static final int GENERATED_VALIDITY_DAYS = 825;

  /**
   * The configured certificate and key, or a self-signed certificate generated for {@code names}
   * (host names or IP addresses; localhost, 127.0.0.1 and ::1 are always added) valid from
   * {@code now}, written to the configured file.
   *
   * @throws ConfigException if the files cannot be used or the generated one cannot be written
   */
  public static TlsIdentity of(TlsConfig tls, List<String> names, Instant now) {
    if (tls.certFile().isPresent()) {
      Path cert = tls.certFile().get();
      try {
        SslContext context = server(SslContextBuilder.forServer(cert.toFile(), tls.keyFile().orElseThrow().toFile()));
        return new TlsIdentity(context, Files.readString(cert), cert);
      } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
        throw problem("sluice.tls.cert-file and key-file (SLUICE_TLS_CERT_FILE, SLUICE_TLS_KEY_FILE)", e);
      }
    }
    Path file = tls.generatedCertFile();
    try {
      KeyPair pair = KeyPairGenerator.getInstance("EC").generateKeyPair();
      X509Certificate certificate = selfSigned(pair, names, now);
      String pem = pem(certificate.getEncoded());
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path partial = Files.createTempFile(parent, file.getFileName().toString(), ".part");
      Files.writeString(partial, pem);
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return new TlsIdentity(server(SslContextBuilder.forServer(pair.getPrivate(), certificate)), pem, file);
    } catch (IOException | UncheckedIOException | GeneralSecurityException | OperatorCreationException e) {
      throw problem("sluice.tls.generated-cert-file (SLUICE_TLS_GENERATED_CERT_FILE): cannot write " + file, e);
    }
  }

  private static ConfigException problem(String what, Exception e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return new ConfigException(List.of(what + ": " + reason));
  }

  private static SslContext server(SslContextBuilder builder) throws IOException {
    return builder.sslProvider(SslProvider.JDK)
        .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
        .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
            ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1))
        .build();
  }

  private static X509Certificate selfSigned(KeyPair pair, List<String> names, Instant now)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    Set<String> all = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
    names.stream().filter(n -> n != null && !n.isBlank() && !n.equals("0.0.0.0") && !n.equals("::"))
        .forEach(all::add);
    List<GeneralName> alternatives = new ArrayList<>();
    for (String name : all) {
      alternatives.add(isAddress(name) ? new GeneralName(GeneralName.iPAddress, name)
          : new GeneralName(GeneralName.dNSName, name));
    }
    X500Name subject = new X500Name("CN=Sluice");
    Instant notBefore = now.truncatedTo(ChronoUnit.SECONDS).minus(1, ChronoUnit.HOURS);
    return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(subject,
        new BigInteger(64, new SecureRandom()).add(BigInteger.ONE), Date.from(notBefore),
        Date.from(notBefore.plus(GENERATED_VALIDITY_DAYS, ChronoUnit.DAYS)), subject, pair.getPublic())
        .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
        .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
        .addExtension(Extension.subjectAlternativeName, false,
            new GeneralNames(alternatives.toArray(GeneralName[]::new)))
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
  }

  /** An IPv4 or IPv6 literal (host names hold no colon). */
  private static boolean isAddress(String name) {
    return name.contains(":") || name.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }

  private static String pem(byte[] der) throws IOException {
    StringWriter out = new StringWriter();
    try (PemWriter writer = new PemWriter(out)) {
      writer.writeObject(new PemObject("CERTIFICATE", der));
    }
    return out.toString();
  }
}
