package io.sluice.config;

import java.util.List;
import java.util.Optional;

/**
 * The whole, validated configuration of one Sluice node. Immutable; built once at boot by
 * {@link ConfigLoader}, whose defaults live in {@code conf/sluice.conf}.
 */
public record SluiceConfig(
    String host,
    int port,
    String region,
    String account,
    StoreKind store,
    RedisConfig redis,
    List<Credential> credentials,
    Optional<String> publicEndpoint,
    Optional<byte[]> sseKey,
    boolean adminEnabled,
    int gatewayInstances,
    int maxRequestBytes,
    long requestTimeoutMs,
    long shutdownGraceMs,
    ClusterConfig cluster,
    SqsConfig sqs,
    SnsConfig sns,
    long metricsRefreshMs) {

  /** Which storage engine holds the state. */
  public enum StoreKind { MEMORY, REDIS }

  /** How to reach Redis when {@link StoreKind#REDIS} is chosen. */
  public record RedisConfig(List<String> urls, boolean cluster, String keyPrefix, int maxPoolSize) {}

  /** One accepted access key; {@code account} is the account its requests act in. */
  public record Credential(String accessKeyId, String secretAccessKey, String account) {}

  /**
   * Event-bus clustering across JVMs (Hazelcast). Nodes join the cluster called {@code name}; they
   * find each other through {@code kubernetesServiceDns} when set, else over TCP at {@code members}.
   */
  public record ClusterConfig(boolean enabled, String name, String host, int port, List<String> members,
                              String kubernetesServiceDns) {}

  /** SQS limits that AWS documents as quotas. */
  public record SqsConfig(int maxInflightStandard, int maxInflightFifo, long attributeCacheMs) {}

  /**
   * SNS delivery settings.
   *
   * @param deliveryLeaseMs     how long a node owns a delivery it is making before another node may
   *                            take it over (the recovery time after a node dies)
   * @param sweepIntervalMs     how often each node looks for deliveries that fell due
   * @param allowLoopbackHttp   whether http/https subscriptions may point at loopback addresses
   * @param httpTimeoutMs       how long an HTTP/S delivery waits for the endpoint's answer
   * @param signingKeyFile      PEM PKCS#8 private key to sign messages with (empty: generated and
   *                            kept in the store, so every node signs with the same key)
   * @param signingCertFile     PEM certificate matching {@code signingKeyFile}
   * @param lambdaEndpoints     function ARN (or name) → HTTP URL that receives the Lambda event
   * @param platformWebhooks    platform (GCM, APNS, …) → URL that receives its deliveries
   * @param smsWebhook          URL that receives SMS deliveries (empty: kept in the outbox)
   * @param smtp                SMTP server for email subscriptions
   * @param topicCacheMs        how long a node may use a topic and its subscriptions read from the
   *                            store without reading them again (changes through the node itself or
   *                            another node of the cluster are seen at once)
   */
  public record SnsConfig(long deliveryLeaseMs, long sweepIntervalMs, boolean allowLoopbackHttp, long httpTimeoutMs,
                          Optional<String> signingKeyFile, Optional<String> signingCertFile,
                          java.util.Map<String, String> lambdaEndpoints, java.util.Map<String, String> platformWebhooks,
                          Optional<String> smsWebhook, SmtpConfig smtp, long topicCacheMs) {}

  /** An SMTP server (email subscriptions); empty host: email deliveries are kept in the outbox. */
  public record SmtpConfig(String host, int port, boolean startTls, String username, String password, String from) {}

  /** True when requests must carry a valid signature from one of {@link #credentials()}. */
  public boolean verifiesSignatures() {
    return !credentials.isEmpty();
  }

  /** The number of gateway verticles to deploy. */
  public int effectiveGatewayInstances() {
    return gatewayInstances > 0 ? gatewayInstances : Runtime.getRuntime().availableProcessors();
  }

  /** A copy listening on another port (tests use port 0). */
  public SluiceConfig withPort(int newPort) {
    return new SluiceConfig(host, newPort, region, account, store, redis, credentials,
        publicEndpoint, sseKey, adminEnabled, gatewayInstances, maxRequestBytes, requestTimeoutMs,
        shutdownGraceMs, cluster, sqs, sns, metricsRefreshMs);
  }
}
