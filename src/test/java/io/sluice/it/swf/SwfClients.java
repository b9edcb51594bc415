package io.sluice.it.swf;

import io.sluice.testing.TestSluice;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.swf.SwfAsyncClient;
import software.amazon.awssdk.services.swf.SwfClient;

/**
 * SDK v2 SWF clients for a node, trying each call once; they read for 70 s, as SWF clients must to
 * outlast a poll held 60 s (the SDK's default gives up after 30 s).
 */
public final class SwfClients {
  private static final Duration READ = Duration.ofSeconds(70);

  private SwfClients() {}

  public static SwfClient sync(URI endpoint) {
    return sync(endpoint, c -> {});
  }

  /** A sync client configured further by {@code more} (interceptors, timeouts). */
  public static SwfClient sync(URI endpoint, Consumer<ClientOverrideConfiguration.Builder> more) {
    return SwfClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(TestSluice.credentials())
        .httpClient(ApacheHttpClient.builder().socketTimeout(READ).build())
        .overrideConfiguration(c -> more.accept(c.retryStrategy(r -> r.maxAttempts(1))))
        .build();
  }

  public static SwfAsyncClient async(URI endpoint) {
    return SwfAsyncClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(TestSluice.credentials())
        .httpClient(NettyNioAsyncHttpClient.builder().readTimeout(READ).build())
        .overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(1)))
        .build();
  }
}
