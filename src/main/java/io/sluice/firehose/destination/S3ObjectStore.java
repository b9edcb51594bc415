package io.sluice.firehose.destination;

import io.sluice.firehose.delivery.DeliveryFailure;
import io.sluice.firehose.delivery.ObjectStore;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An {@link ObjectStore} on an S3 endpoint ({@code sluice.firehose.s3-endpoint}) through the AWS SDK
 * v2 asynchronous S3 client, path-style. A refused put fails with a {@link DeliveryFailure} whose code
 * is {@code S3.<S3's error code>} ({@code S3.NoSuchBucket}, {@code S3.AccessDenied}, as in Firehose's
 * error logs); an endpoint that cannot be reached is {@code S3.ServiceUnavailable}. Every failure is
 * retryable (Firehose retries S3 until the data expires: a bucket can be created, a policy fixed)
 * except those no retry can change: a key or object S3 refuses as such. Stages complete on the SDK's
 * threads. {@link #close} releases the client.
 */
public final class S3ObjectStore implements ObjectStore, AutoCloseable {
  /** S3 error codes about the request itself: sending it again cannot succeed. */
  private static final Set<String> PERMANENT = Set.of("KeyTooLongError", "EntityTooLarge", "InvalidBucketName");

  private final S3AsyncClient client;

  public S3ObjectStore(S3AsyncClient client) {
    this.client = client;
  }

  /** A store on {@code settings}' endpoint; IllegalArgumentException if none is configured. */
  public static S3ObjectStore open(S3Settings settings) {
    if (!settings.configured()) {
      throw new IllegalArgumentException("no S3 endpoint is configured (sluice.firehose.s3-endpoint)");
    }
    S3AsyncClient client = S3AsyncClient.builder()
        .endpointOverride(URI.create(settings.endpoint()))
        .forcePathStyle(true)
        .region(Region.of(settings.region()))
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())))
        // Checksums only where S3 requires them: S3-compatible servers do not all take the
        // flexible-checksum trailers the SDK sends by default.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(64))
        .build();
    return new S3ObjectStore(client);
  }

  @Override
  public CompletionStage<Void> put(String bucket, String key, byte[] body, String contentEncoding) {
    PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key)
        .contentLength((long) body.length);
    if (contentEncoding != null) {
      request.contentEncoding(contentEncoding);
    }
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      client.putObject(request.build(), AsyncRequestBody.fromBytesUnsafe(body)).whenComplete((r, e) -> {
        if (e == null) {
          done.complete(null);
        } else {
          done.completeExceptionally(failure(e));
        }
      });
    } catch (RuntimeException e) {
      done.completeExceptionally(failure(e));
    }
    return done;
  }

  /** The {@link DeliveryFailure} for an error of the S3 client. */
  static DeliveryFailure failure(Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof S3Exception s3 && s3.awsErrorDetails() != null && s3.awsErrorDetails().errorCode() != null) {
      String code = s3.awsErrorDetails().errorCode();
      return new DeliveryFailure(!PERMANENT.contains(code), "S3." + code, s3.awsErrorDetails().errorMessage());
    }
    if (cause instanceof S3Exception s3) {
      // A reply without an error document (a HEAD, a proxy): its status says what happened.
      return new DeliveryFailure(true, "S3." + statusCode(s3.statusCode()), "S3 answered HTTP " + s3.statusCode());
    }
    String message = cause instanceof SdkException ? cause.getMessage() : String.valueOf(cause);
    return new DeliveryFailure(true, "S3.ServiceUnavailable", "The S3 endpoint could not be reached: " + message);
  }

  private static String statusCode(int status) {
    return switch (status) {
      case 403 -> "AccessDenied";
      case 404 -> "NoSuchBucket";
      case 503 -> "SlowDown";
      default -> status >= 500 ? "InternalError" : "InvalidRequest";
    };
  }

  @Override
  public void close() {
    client.close();
  }
}
