package io.sluice.bench;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsAsyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;

/** The load clients of the AWS SDK for Java v2, all built the same way. */
final class SdkClients {
  private SdkClients() {}

  /**
   * {@code builder}'s client of the server on {@code 127.0.0.1:port} as users build it: us-east-1,
   * fixed credentials, the Netty client with {@code connections} connections over {@code protocol} on
   * {@code threads} event loops, no retries (an error counts), calls completed on the Netty thread that
   * read their answer (no hop to another pool).
   */
  static <B extends AwsClientBuilder<B, C> & AwsAsyncClientBuilder<B, C>, C> C build(B builder, int port,
                                                                                     Protocol protocol,
                                                                                     int connections, int threads) {
    return builder
        .endpointOverride(URI.create("http://127.0.0.1:" + port))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
        .httpClient(NettyNioAsyncHttpClient.builder().protocol(protocol).maxConcurrency(connections)
            .eventLoopGroupBuilder(SdkEventLoopGroup.builder().numberOfThreads(threads))
            .maxPendingConnectionAcquires(100_000).connectionAcquisitionTimeout(Duration.ofSeconds(60))
            .readTimeout(Duration.ofSeconds(120)).build())
        .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
        .asyncConfiguration(a -> a.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR,
            Runnable::run))
        .build();
  }
}
