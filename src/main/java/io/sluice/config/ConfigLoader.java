package io.sluice.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import io.sluice.config.SluiceConfig.ClusterConfig;
import io.sluice.config.SluiceConfig.Credential;
import io.sluice.config.SluiceConfig.RedisConfig;
import io.sluice.config.SluiceConfig.SmtpConfig;
import io.sluice.config.SluiceConfig.SnsConfig;
import io.sluice.config.SluiceConfig.SqsConfig;
import io.sluice.config.SluiceConfig.StoreKind;
import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Loads {@code sluice.conf} (defaults, with {@code ${?SLUICE_*}} environment overrides), an optional
 * file named by {@code SLUICE_CONFIG}, and validates the result, reporting every problem at once.
 */
public final class ConfigLoader {
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

  private ConfigLoader() {}

  /** Loads from the process environment. */
  public static SluiceConfig load() {
    return load(System.getenv());
  }

  /** Loads with {@code env} standing in for the process environment (tests pass their own). */
  public static SluiceConfig load(Map<String, String> env) {
    Config defaults = ConfigFactory.parseResourcesAnySyntax(ConfigLoader.class.getClassLoader(),
        "sluice.conf", ConfigParseOptions.defaults().setAllowMissing(false));
    Config file = ConfigFactory.empty();
    String path = env.get("SLUICE_CONFIG");
    if (path != null && !path.isBlank()) {
      file = ConfigFactory.parseFile(new File(path), ConfigParseOptions.defaults().setAllowMissing(false));
    }
    // ${?SLUICE_X} substitutions find the variables as top-level paths of the merged config; the
    // process environment is not consulted directly, so tests can pass an environment of their own.
    Config merged = file.withFallback(defaults).withFallback(environmentAsConfig(env))
        .resolve(ConfigResolveOptions.noSystem());
    return fromConfig(merged.getConfig("sluice"));
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

  static SluiceConfig fromConfig(Config c) {
    List<String> problems = new ArrayList<>();
    Reader r = new Reader(c, problems);

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

    List<String> redisUrls = splitList(r.string("redis.url", s -> null));
    String redisMode = r.string("redis.mode", s -> switch (s.toLowerCase(Locale.ROOT)) {
      case "standalone", "cluster" -> null;
      default -> "must be standalone or cluster";
    });
    boolean redisCluster = "cluster".equalsIgnoreCase(redisMode);
    if (store == StoreKind.REDIS) {
      if (redisUrls.isEmpty()) {
        problems.add("redis.url (SLUICE_REDIS_URL): required when store = redis");
      }
      for (String url : redisUrls) {
        if (!url.startsWith("redis://") && !url.startsWith("rediss://")) {
          problems.add("redis.url (SLUICE_REDIS_URL): '" + url + "' must start with redis:// or rediss://");
        }
      }
      if (!redisCluster && redisUrls.size() > 1) {
        problems.add("redis.url (SLUICE_REDIS_URL): several URLs need redis.mode = cluster");
      }
    }
    String keyPrefix = r.string("redis.key-prefix", s -> s.matches("[A-Za-z0-9_.:-]+") ? null
        : "may hold only letters, digits and _ . : -");
    int poolSize = r.integer("redis.max-pool-size", 1, 1024);

    List<Credential> credentials = parseCredentials(r.string("credentials", s -> null), account, problems);
    String publicEndpoint = r.string("public-endpoint", s -> null);

    byte[] sseKey = null;
    String sseText = r.string("sse-key", s -> null);
    if (sseText != null && !sseText.isBlank()) {
      try {
        sseKey = Base64.getDecoder().decode(sseText.trim());
        if (sseKey.length != 32) {
          problems.add("sse-key (SLUICE_SSE_KEY): must decode to 32 bytes, got " + sseKey.length);
        }
      } catch (IllegalArgumentException e) {
        problems.add("sse-key (SLUICE_SSE_KEY): not valid base64");
      }
    } else if (store == StoreKind.REDIS) {
      problems.add("sse-key (SLUICE_SSE_KEY): required when store = redis, so encrypted messages"
          + " stay readable after a restart; generate one with `openssl rand -base64 32`");
    }

    boolean admin = r.bool("admin-enabled");
    int gateways = r.integer("gateway-instances", 0, 256);
    int maxRequestBytes = r.integer("max-request-bytes", 65536, 1 << 30);
    long requestTimeout = r.integer("request-timeout-ms", 1000, 600_000);
    long shutdownGrace = r.integer("shutdown-grace-ms", 0, 600_000);

    boolean clusterEnabled = r.bool("cluster.enabled");
    String clusterName = r.string("cluster.name", s -> s.matches("[A-Za-z0-9_.-]+") ? null
        : "may hold only letters, digits and _ . -");
    String clusterHost = r.string("cluster.host", s -> s.isBlank() ? "must not be empty" : null);
    int clusterPort = r.integer("cluster.port", 0, 65535);
    List<String> members = splitList(r.string("cluster.members", s -> null));
    String k8sDns = r.string("cluster.kubernetes-service-dns", s -> null);
    if (clusterEnabled && store == StoreKind.MEMORY) {
      problems.add("cluster.enabled (SLUICE_CLUSTER_ENABLED): nodes share state only through"
          + " Redis; set store = redis");
    }

    int maxInflightStd = r.integer("sqs.max-inflight-standard", 1, 10_000_000);
    int maxInflightFifo = r.integer("sqs.max-inflight-fifo", 1, 10_000_000);
    long cacheMs = r.integer("sqs.attribute-cache-ms", 0, 60_000);
    long metricsRefreshMs = r.integer("metrics-refresh-ms", 100, 3_600_000);
    SnsConfig sns = snsConfig(r, problems);

    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new SluiceConfig(host, port, region, account, store,
        new RedisConfig(redisUrls, redisCluster, keyPrefix, poolSize), credentials,
        publicEndpoint == null || publicEndpoint.isBlank() ? Optional.empty() : Optional.of(publicEndpoint.trim()),
        Optional.ofNullable(sseKey), admin, gateways, maxRequestBytes, requestTimeout, shutdownGrace,
        new ClusterConfig(clusterEnabled, clusterName, clusterHost, clusterPort, members,
            k8sDns == null ? "" : k8sDns.trim()),
        new SqsConfig(maxInflightStd, maxInflightFifo, cacheMs), sns, metricsRefreshMs);
  }

  private static SnsConfig snsConfig(Reader r, List<String> problems) {
    long lease = r.integer("sns.delivery-lease-ms", 100, 3_600_000);
    long sweep = r.integer("sns.sweep-interval-ms", 10, 600_000);
    boolean loopback = r.bool("sns.allow-loopback-http");
    long httpTimeout = r.integer("sns.http-timeout-ms", 100, 600_000);
    String keyFile = r.string("sns.signing-key-file", s -> null);
    String certFile = r.string("sns.signing-cert-file", s -> null);
    if (keyFile.isBlank() != certFile.isBlank()) {
      problems.add("sns.signing-key-file and sns.signing-cert-file (SLUICE_SNS_SIGNING_KEY_FILE,"
          + " SLUICE_SNS_SIGNING_CERT_FILE): set both or neither");
    }
    java.util.Map<String, String> lambdas = pairs(r.string("sns.lambda-endpoints", s -> null),
        "sns.lambda-endpoints (SLUICE_SNS_LAMBDA_ENDPOINTS)", problems);
    java.util.Map<String, String> webhooks = pairs(r.string("sns.platform-webhooks", s -> null),
        "sns.platform-webhooks (SLUICE_SNS_PLATFORM_WEBHOOKS)", problems);
    String sms = r.string("sns.sms-webhook", s -> null);
    SmtpConfig smtp = new SmtpConfig(r.string("sns.smtp.host", s -> null).trim(),
        r.integer("sns.smtp.port", 1, 65535), r.bool("sns.smtp.start-tls"),
        r.string("sns.smtp.username", s -> null), r.string("sns.smtp.password", s -> null),
        r.string("sns.smtp.from", s -> s.contains("@") ? null : "must be an email address"));
    return new SnsConfig(lease, sweep, loopback, httpTimeout, blankToEmpty(keyFile), blankToEmpty(certFile),
        lambdas, webhooks, blankToEmpty(sms), smtp, r.integer("sns.topic-cache-ms", 0, 60_000));
  }

  private static Optional<String> blankToEmpty(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
  }

  /** {@code key=value} items separated by commas or whitespace; values may contain {@code =}. */
  private static java.util.Map<String, String> pairs(String text, String setting, List<String> problems) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String item : (text == null ? "" : text).split("[,\\s]+")) {
      if (item.isBlank()) {
        continue;
      }
      int eq = item.indexOf('=');
      if (eq <= 0 || eq == item.length() - 1) {
        problems.add(setting + ": '" + item + "' must be KEY=URL");
        continue;
      }
      out.put(item.substring(0, eq), item.substring(eq + 1));
    }
    return java.util.Map.copyOf(out);
  }

  private static List<Credential> parseCredentials(String text, String defaultAccount, List<String> problems) {
    List<Credential> result = new ArrayList<>();
    for (String item : splitList(text)) {
      String[] parts = item.split(":");
      if (parts.length < 2 || parts.length > 3 || parts[0].isBlank() || parts[1].isBlank()) {
        problems.add("credentials (SLUICE_CREDENTIALS): '" + mask(item)
            + "' must be ACCESS_KEY:SECRET_KEY or ACCESS_KEY:SECRET_KEY:ACCOUNT");
        continue;
      }
      String account = parts.length == 3 ? parts[2] : defaultAccount;
      if (parts.length == 3 && !ACCOUNT.matcher(account).matches()) {
        problems.add("credentials (SLUICE_CREDENTIALS): account of " + parts[0] + " must be 12 digits");
      }
      result.add(new Credential(parts[0].trim(), parts[1].trim(), account));
    }
    return List.copyOf(result);
  }

  private static String mask(String item) {
    int colon = item.indexOf(':');
    return colon < 0 ? item : item.substring(0, colon) + ":***";
  }

  private static List<String> splitList(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** Reads typed values, recording a problem instead of throwing. */
  private record Reader(Config c, List<String> problems) {
    String string(String path, Function<String, String> check) {
      try {
        String v = c.getString(path);
        String problem = check.apply(v);
        if (problem != null) {
          problems.add(path + envHint(path) + ": '" + v + "' " + problem);
        }
        return v;
      } catch (RuntimeException e) {
        problems.add(path + envHint(path) + ": " + e.getMessage());
        return null;
      }
    }

    int integer(String path, int min, int max) {
      try {
        int v = c.getInt(path);
        if (v < min || v > max) {
          problems.add(path + envHint(path) + ": " + v + " is outside " + min + ".." + max);
        }
        return v;
      } catch (RuntimeException e) {
        problems.add(path + envHint(path) + ": " + e.getMessage());
        return min;
      }
    }

    boolean bool(String path) {
      try {
        return c.getBoolean(path);
      } catch (RuntimeException e) {
        problems.add(path + envHint(path) + ": " + e.getMessage());
        return false;
      }
    }

    private static String envHint(String path) {
      return " (SLUICE_" + path.replace('.', '_').replace('-', '_')
          .toUpperCase(Locale.ROOT) + ")";
    }
  }
}
