package io.sluice.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import io.sluice.config.SluiceConfig.ClusterConfig;
import io.sluice.config.SluiceConfig.Credential;
import io.sluice.config.SluiceConfig.RedisConfig;
import io.sluice.config.SluiceConfig.StoreKind;
import io.sluice.config.SluiceConfig.TlsConfig;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Loads {@code sluice.conf} (the node's defaults) and each service's {@code <service>.conf}, with
 * {@code ${?SLUICE_*}} environment overrides, then an optional file named by {@code SLUICE_CONFIG}
 * over them, and validates the result, the node's settings and every service's section together,
 * reporting every problem at once.
 */
public final class ConfigLoader {
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern USER_NAME = Pattern.compile("[\\w+=,.@-]{1,64}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

  private ConfigLoader() {}

  /**
   * Loads with {@code env} standing in for the process environment (tests pass their own), reading
   * the sections of {@code services}.
   */
  public static SluiceConfig load(Map<String, String> env, List<ServiceSection<?>> services) {
    Config defaults = resource("sluice.conf");
    for (ServiceSection<?> service : services) {
      defaults = defaults.withFallback(resource(service.name() + ".conf"));
    }
    Config merged;
    try {
      Config file = ConfigFactory.empty();
      String path = env.get("SLUICE_CONFIG");
      if (path != null && !path.isBlank()) {
        if (!new File(path).isFile()) {
          throw new ConfigException(List.of("SLUICE_CONFIG names " + path + ", which is not a readable file"));
        }
        file = ConfigFactory.parseFile(new File(path), ConfigParseOptions.defaults().setAllowMissing(false));
      }
      // ${?SLUICE_X} substitutions find the variables as top-level paths of the merged config; the
      // process environment is not consulted directly, so tests can pass an environment of their own.
      merged = file.withFallback(defaults).withFallback(environmentAsConfig(env))
          .resolve(ConfigResolveOptions.noSystem());
    } catch (com.typesafe.config.ConfigException e) {
      // A SLUICE_CONFIG file that is missing or not HOCON: said as the other problems are.
      throw new ConfigException(List.of(e.getMessage()));
    }
    return fromConfig(merged, services);
  }

  private static Config resource(String name) {
    return ConfigFactory.parseResourcesAnySyntax(ConfigLoader.class.getClassLoader(), name,
        ConfigParseOptions.defaults().setAllowMissing(false));
  }

  private static Config environmentAsConfig(Map<String, String> env) {
    Map<String, Object> flat = new java.util.HashMap<>();
    env.forEach((k, v) -> {
      if (k.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        flat.put(k, v);
      }
    });
    return ConfigFactory.parseMap(flat, "environment");
  }

  static SluiceConfig fromConfig(Config merged, List<ServiceSection<?>> services) {
    List<String> problems = new ArrayList<>();
    ConfigSection r = new ConfigSection(merged.getConfig("sluice"), "sluice", problems);

    String host = r.string("host", s -> s.isBlank() ? "must not be empty" : null);
    int port = r.integer("port", 0, 65535);
    String region = r.string("region", s -> REGION.matcher(s).matches() ? null
        : "must look like an AWS region, e.g. us-east-1");
    String account = r.string("account", s -> ACCOUNT.matcher(s).matches() ? null
        : "must be a 12-digit AWS account id");
    String storeName = r.string("store", s -> switch (s.toLowerCase(Locale.ROOT)) {
      case "memory", "redis" -> null;
      default -> "must be memory or redis";
    });
    StoreKind store = "redis".equalsIgnoreCase(storeName) ? StoreKind.REDIS : StoreKind.MEMORY;

    List<String> redisUrls = r.list("redis.url");
    String redisMode = r.string("redis.mode", s -> switch (s.toLowerCase(Locale.ROOT)) {
      case "standalone", "cluster" -> null;
      default -> "must be standalone or cluster";
    });
    boolean redisCluster = "cluster".equalsIgnoreCase(redisMode);
    if (store == StoreKind.REDIS) {
      if (redisUrls.isEmpty()) {
        r.problem("redis.url", "required when store = redis");
      }
      for (String url : redisUrls) {
        if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
          r.problem("redis.url", "'" + url + "' must start with redis:// or rediss://");
        }
      }
      if (!redisCluster && redisUrls.size() > 1) {
        r.problem("redis.url", "several URLs need redis.mode = cluster");
      }
    }
    String keyPrefix = r.string("redis.key-prefix", s -> s.matches("[A-Za-z0-9_.:-]+") ? null
        : "may hold only letters, digits and _ . : -");
    int poolSize = r.integer("redis.max-pool-size", 1, 1024);

    List<Credential> credentials = parseCredentials(r, account);
    Optional<String> publicEndpoint = r.optional("public-endpoint");

    byte[] sseKey = null;
    String sseText = r.string("sse-key");
    if (sseText != null && !sseText.isBlank()) {
      try {
        sseKey = Base64.getDecoder().decode(sseText.trim());
        if (sseKey.length != 32) {
          r.problem("sse-key", "must decode to 32 bytes, got " + sseKey.length);
        }
      } catch (IllegalArgumentException e) {
        r.problem("sse-key", "not valid base64");
      }
    } else if (store == StoreKind.REDIS) {
      r.problem("sse-key", "required when store = redis, so encrypted messages"
          + " stay readable after a restart; generate one with `openssl rand -base64 32`");
    }

    boolean admin = r.bool("admin-enabled");
    int gateways = r.integer("gateway-instances", 0, 256);
    int maxRequestBytes = r.integer("max-request-bytes", 65536, 1 << 30);
    long requestTimeout = r.integer("request-timeout-ms", 1000, 600_000);
    long shutdownGrace = r.integer("shutdown-grace-ms", 0, 600_000);
    long headerTimeout = r.integer("header-timeout-ms", 100, 600_000);
    long idleTimeout = r.integer("idle-timeout-ms", 100, 3_600_000);

    boolean clusterEnabled = r.bool("cluster.enabled");
    String clusterName = r.string("cluster.name", s -> s.matches("[A-Za-z0-9_.-]+") ? null
        : "may hold only letters, digits and _ . -");
    String clusterHost = r.string("cluster.host", s -> s.isBlank() ? "must not be empty" : null);
    int clusterPort = r.integer("cluster.port", 0, 65535);
    List<String> members = r.list("cluster.members");
    String k8sDns = r.string("cluster.kubernetes-service-dns");
    if (clusterEnabled && store == StoreKind.MEMORY) {
      r.problem("cluster.enabled", "nodes share state only through Redis; set store = redis");
    }
    long metricsRefreshMs = r.integer("metrics-refresh-ms", 100, 3_600_000);
    TlsConfig tls = tls(r);
    Map<String, String> lambdaEndpoints = r.pairs("lambda-endpoints");

    Map<String, Object> sections = new LinkedHashMap<>();
    for (ServiceSection<?> service : services) {
      ConfigSection section = new ConfigSection(merged.getConfig("sluice." + service.name()),
          "sluice." + service.name(), problems);
      sections.put(service.name(), service.read().apply(section));
    }

    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new SluiceConfig(host, port, region, account, store,
        new RedisConfig(redisUrls, redisCluster, keyPrefix, poolSize), credentials, publicEndpoint,
        Optional.ofNullable(sseKey), admin, gateways, maxRequestBytes, requestTimeout, shutdownGrace,
        headerTimeout, idleTimeout,
        new ClusterConfig(clusterEnabled, clusterName, clusterHost, clusterPort, members,
            k8sDns == null ? "" : k8sDns.trim()),
        metricsRefreshMs, tls, lambdaEndpoints, Map.copyOf(sections));
  }

  private static TlsConfig tls(ConfigSection r) {
    int port = r.integer("tls.port", -1, 65535);
    Optional<Path> cert = r.optional("tls.cert-file").map(Path::of);
    Optional<Path> key = r.optional("tls.key-file").map(Path::of);
    if (cert.isPresent() != key.isPresent()) {
      r.problem("tls.cert-file", "tls.cert-file and tls.key-file must be given together, or neither");
    }
    for (Optional<Path> file : List.of(cert, key)) {
      if (file.isPresent() && !Files.isReadable(file.get())) {
        r.problem(file == cert ? "tls.cert-file" : "tls.key-file", "cannot read " + file.get());
      }
    }
    Path generated = r.optional("tls.generated-cert-file").map(Path::of)
        .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "sluice-tls-cert.pem"));
    return new TlsConfig(port, cert, key, generated);
  }

  private static List<Credential> parseCredentials(ConfigSection r, String defaultAccount) {
    List<Credential> result = new ArrayList<>();
    for (String item : r.list("credentials")) {
      String[] parts = item.split(":");
      if (parts.length < 2 || parts.length > 4 || parts[0].isBlank() || parts[1].isBlank()) {
        r.problem("credentials", "'" + mask(item)
            + "' must be ACCESS_KEY:SECRET_KEY, ACCESS_KEY:SECRET_KEY:ACCOUNT or ACCESS_KEY:SECRET_KEY:ACCOUNT:USER");
        continue;
      }
      String account = parts.length >= 3 ? parts[2] : defaultAccount;
      if (parts.length >= 3 && !ACCOUNT.matcher(account).matches()) {
        r.problem("credentials", "account of " + parts[0] + " must be 12 digits");
      }
      String user = parts.length == 4 ? parts[3].trim() : "";
      if (parts.length == 4 && !USER_NAME.matcher(user).matches()) {
        r.problem("credentials", "user of " + parts[0] + " must be an IAM user name (1 to 64 of A-Z a-z 0-9 _+=,.@-)");
      }
      result.add(new Credential(parts[0].trim(), parts[1].trim(), account, user));
    }
    return List.copyOf(result);
  }

  private static String mask(String item) {
    int colon = item.indexOf(':');
    return colon < 0 ? item : item.substring(0, colon) + ":***";
  }
}
