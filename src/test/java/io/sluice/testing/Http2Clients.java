package io.sluice.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.ProtocolNegotiation;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SDK v2 SQS clients speaking HTTP/2 (clear text or TLS) or HTTP/1.1 over TLS, trusting a given PEM. */
public final class Http2Clients {
  private Http2Clients() {}

  /**
   * An async client over HTTP/2 that tries each call once: h2c with prior knowledge for an http://
   * endpoint; for https://, ALPN or the preface at once ({@code ASSUME_PROTOCOL}, the SDK's default).
   */
  public static SqsAsyncClient sqsAsyncHttp2(URI endpoint, Path trustedPem, ProtocolNegotiation negotiation) {
    NettyNioAsyncHttpClient.Builder http = NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP2)
        .protocolNegotiation(negotiation);
    if (trustedPem != null) {
      http.tlsTrustManagersProvider(() -> trustManagers(trustedPem));
    }
    return SqsAsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(TestSluice.credentials()).httpClient(http.build())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }

  /** A synchronous client over HTTP/1.1 and TLS (Apache), trusting {@code trustedPem}. */
  public static SqsClient sqsHttp1(URI endpoint, Path trustedPem) {
    return SqsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(TestSluice.credentials())
        .httpClient(ApacheHttpClient.builder().tlsTrustManagersProvider(() -> trustManagers(trustedPem)).build())
        .build();
  }

  /** Trust managers that trust exactly the certificates in {@code pem}. */
  public static TrustManager[] trustManagers(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("trusted-" + i++, certificate);
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory.getTrustManagers();
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot trust " + pem, e);
    }
  }
}
