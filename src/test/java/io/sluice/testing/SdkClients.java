package io.sluice.testing;

import java.net.URI;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

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
}
