package io.sluice.it;

import io.sluice.firehose.destination.S3Settings;
import java.net.URI;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An S3-compatible server inside the test JVM: S3Proxy on jclouds' in-memory ("transient")
 * blobstore, on a free port of 127.0.0.1, checking SigV4 signatures with {@link #ACCESS_KEY} and
 * {@link #SECRET_KEY}. Use it as a JUnit extension ({@code @RegisterExtension static S3ProxyServer
 * s3 = new S3ProxyServer();}: started before all tests of the class, stopped after) or by
 * {@link #start()} and {@link #close()}. {@link #settings()} are the Firehose settings that point
 * Sluice at it; {@link #client()} reads back what was written.
 */
public final class S3ProxyServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
  public static final String ACCESS_KEY = "sluice";
  public static final String SECRET_KEY = "sluice-secret";
  public static final String REGION = "us-east-1";

  private S3Proxy proxy;
  private BlobStoreContext context;
  private S3Client client;

  /** Starts the server (a second call does nothing); returns this. */
  public synchronized S3ProxyServer start() throws Exception {
    if (proxy != null) {
      return this;
    }
    context = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
        .overrides(new Properties()).build(BlobStoreContext.class);
    proxy = S3Proxy.builder().blobStore(context.getBlobStore())
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        // Firehose objects reach 128 MiB in one PUT.
        .v4MaxNonChunkedRequestSize(256L << 20)
        .build();
    proxy.start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
      }
      Thread.sleep(5);
    }
    client = S3Client.builder().endpointOverride(URI.create(endpoint())).forcePathStyle(true)
        .region(Region.of(REGION))
        // S3Proxy does not take the SDK's default flexible-checksum headers.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .httpClientBuilder(ApacheHttpClient.builder()).build();
    return this;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  /** Firehose's S3 settings for this server ({@code SLUICE_FIREHOSE_S3_*}). */
  public S3Settings settings() {
    return new S3Settings(endpoint(), ACCESS_KEY, SECRET_KEY, REGION);
  }

  /** The environment variables that point a Sluice node at this server. */
  public Map<String, String> environment() {
    return Map.of("SLUICE_FIREHOSE_S3_ENDPOINT", endpoint(), "SLUICE_FIREHOSE_S3_ACCESS_KEY_ID", ACCESS_KEY,
        "SLUICE_FIREHOSE_S3_SECRET_ACCESS_KEY", SECRET_KEY, "SLUICE_FIREHOSE_S3_REGION", REGION);
  }

  /** An S3 client of the SDK on this server (path-style). */
  public S3Client client() {
    return client;
  }

  /** Creates {@code bucket} (empty). */
  public void createBucket(String bucket) {
    client.createBucket(b -> b.bucket(bucket));
  }

  /** Stores {@code body} as {@code key}. */
  public void put(String bucket, String key, byte[] body) {
    client.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(body));
  }

  /** Every object of {@code bucket}: its bytes by key, in key order. */
  public Map<String, byte[]> objects(String bucket) {
    Map<String, byte[]> out = new TreeMap<>();
    for (S3Object o : client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents()) {
      out.put(o.key(), client.getObjectAsBytes(b -> b.bucket(bucket).key(o.key())).asByteArray());
    }
    return out;
  }

  /** Deletes every bucket and object. */
  public void clear() {
    for (var bucket : client.listBuckets().buckets()) {
      for (S3Object o : client.listObjectsV2Paginator(b -> b.bucket(bucket.name())).contents()) {
        client.deleteObject(b -> b.bucket(bucket.name()).key(o.key()));
      }
      client.deleteBucket(b -> b.bucket(bucket.name()));
    }
  }

  @Override
  public synchronized void close() throws Exception {
    if (proxy == null) {
      return;
    }
    client.close();
    proxy.stop();
    context.close();
    proxy = null;
  }

  @Override
  public void beforeAll(ExtensionContext extension) throws Exception {
    start();
  }

  @Override
  public void afterAll(ExtensionContext extension) throws Exception {
    close();
  }
}
