package io.sluice.testing;

import java.net.URI;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SDK clients for nodes that are not {@link TestSluice}s (child processes, nodes being stopped). */
public final class SdkClients {
  private SdkClients() {}

  /** An async SQS client (for long polls held while the test does something else); close it. */
  public static SqsAsyncClient sqsAsync(URI endpoint) {
    return SqsAsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(TestSluice.credentials())
        .httpClient(NettyNioAsyncHttpClient.builder().build())
        .build();
  }

  /** A synchronous SQS client that tries each call once, so a test sees every error as it came. */
  public static SqsClient sqsWithoutRetries(URI endpoint) {
    return withoutRetries(SqsClient.builder(), endpoint);
  }

  /** A synchronous SNS client that tries each call once, so a test sees every error as it came. */
  public static SnsClient snsWithoutRetries(URI endpoint) {
    return withoutRetries(SnsClient.builder(), endpoint);
  }

  private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C withoutRetries(B builder,
                                                                                                   URI endpoint) {
    return builder.endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(TestSluice.credentials())
        .httpClient(ApacheHttpClient.builder().build())
        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
        .build();
  }
}
