package io.sluice.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole, validated configuration of one Sluice node. Immutable; built once at boot by
 * {@link ConfigLoader}, whose defaults live in {@code conf/sluice.conf} (the node's) and
 * {@code conf/<service>.conf} (each service's section, read into its own record: see
 * {@link #service}). {@code lambdaEndpoints} maps Lambda functions (ARN, unqualified ARN or name)
 * to the HTTP URLs that stand for them, for every service that invokes functions (SNS, Firehose).
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
    long headerTimeoutMs,
    long idleTimeoutMs,
    ClusterConfig cluster,
    long metricsRefreshMs,
    TlsConfig tls,
    Map<String, String> lambdaEndpoints,
    Map<String, Object> services) {

  /** Which storage engine holds the state. */
  public enum StoreKind { MEMORY, REDIS }

  /** How to reach Redis when {@link StoreKind#REDIS} is chosen. */
  public record RedisConfig(List<String> urls, boolean cluster, String keyPrefix, int maxPoolSize) {}

  /**
   * One accepted access key; {@code account} is the account its requests act in, {@code user} the
   * IAM user name it belongs to (STS GetCallerIdentity), empty for the account's root.
   */
  public record Credential(String accessKeyId, String secretAccessKey, String account, String user) {

    /** A key of the account's root user. */
    public Credential(String accessKeyId, String secretAccessKey, String account) {
      this(accessKeyId, secretAccessKey, account, "");
    }
  }

  /**
   * Event-bus clustering across JVMs (Hazelcast). Nodes join the cluster called {@code name}; they
   * find each other through {@code kubernetesServiceDns} when set, else over TCP at {@code members}.
   */
  public record ClusterConfig(boolean enabled, String name, String host, int port, List<String> members,
                              String kubernetesServiceDns) {}

  /**
   * The TLS port: off when {@code port} is negative, any free port when 0. The certificate and key
   * are read from {@code certFile} and {@code keyFile} (PEM) when given, else generated at start and
   * the certificate written to {@code generatedCertFile}.
   */
  public record TlsConfig(int port, Optional<Path> certFile, Optional<Path> keyFile, Path generatedCertFile) {

    /** True when the node listens for TLS. */
    public boolean enabled() {
      return port >= 0;
    }
  }

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
        shutdownGraceMs, headerTimeoutMs, idleTimeoutMs, cluster, metricsRefreshMs, tls, lambdaEndpoints, services);
  }

  /** A service's settings, as its {@link ServiceSection} read them. */
  public <C> C service(ServiceSection<C> section) {
    Object settings = services.get(section.name());
    if (settings == null) {
      throw new IllegalStateException("the configuration was loaded without the section " + section.name());
    }
    return section.type().cast(settings);
  }
}
