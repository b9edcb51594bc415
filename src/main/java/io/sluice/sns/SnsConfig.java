package io.sluice.sns;

import io.sluice.config.ConfigSection;
import io.sluice.config.ServiceSection;
import java.util.Map;
import java.util.Optional;

/**
 * SNS's settings (section {@code sluice.sns}, defaults in {@code conf/sns.conf}).
 *
 * @param deliveryLeaseMs     how long a node owns a delivery it is making before another node may
 *                            take it over (the recovery time after a node dies); renewed at every
 *                            attempt, so it must be longer than {@code httpTimeoutMs}
 * @param sweepIntervalMs     how often each node looks for deliveries that fell due
 * @param allowLoopbackHttp   whether http/https subscriptions may point at loopback addresses
 * @param httpTimeoutMs       how long an HTTP/S delivery waits for the endpoint's answer
 * @param signingKeyFile      PEM PKCS#8 private key to sign messages with (empty: generated and
 *                            kept in the store, so every node signs with the same key)
 * @param signingCertFile     PEM certificate matching {@code signingKeyFile}
 * @param platformWebhooks    platform (GCM, APNS, …) → URL that receives its deliveries
 * @param smsWebhook          URL that receives SMS deliveries (empty: kept in the outbox)
 * @param smtp                SMTP server for email subscriptions
 * @param topicCacheMs        how long a node may use a topic and its subscriptions read from the
 *                            store without reading them again (changes through the node itself or
 *                            another node of the cluster are seen at once)
 */
public record SnsConfig(long deliveryLeaseMs, long sweepIntervalMs, boolean allowLoopbackHttp, long httpTimeoutMs,
                        Optional<String> signingKeyFile, Optional<String> signingCertFile,
                        Map<String, String> platformWebhooks,
                        Optional<String> smsWebhook, SmtpConfig smtp, long topicCacheMs) {

  public static final ServiceSection<SnsConfig> SECTION = new ServiceSection<>("sns", SnsConfig.class, SnsConfig::read);

  /** An SMTP server (email subscriptions); empty host: email deliveries are kept in the outbox. */
  public record SmtpConfig(String host, int port, boolean startTls, String username, String password, String from) {}

  static SnsConfig read(ConfigSection c) {
    long lease = c.integer("delivery-lease-ms", 100, 3_600_000);
    long sweep = c.integer("sweep-interval-ms", 10, 600_000);
    boolean loopback = c.bool("allow-loopback-http");
    long httpTimeout = c.integer("http-timeout-ms", 100, 600_000);
    if (lease <= httpTimeout) {
      // An attempt must end within its lease, or another node takes the delivery over meanwhile.
      c.problem(c.describe("delivery-lease-ms") + " (" + lease + ") must be longer than "
          + c.describe("http-timeout-ms") + " (" + httpTimeout + "), so that a delivery's lease outlasts its attempt");
    }
    Optional<String> keyFile = c.optional("signing-key-file");
    Optional<String> certFile = c.optional("signing-cert-file");
    if (keyFile.isPresent() != certFile.isPresent()) {
      c.problem(c.describe("signing-key-file") + " and " + c.describe("signing-cert-file") + ": set both or neither");
    }
    SmtpConfig smtp = new SmtpConfig(c.string("smtp.host").trim(), c.integer("smtp.port", 1, 65535),
        c.bool("smtp.start-tls"), c.string("smtp.username"), c.string("smtp.password"),
        c.string("smtp.from", s -> s.contains("@") ? null : "must be an email address"));
    return new SnsConfig(lease, sweep, loopback, httpTimeout, keyFile, certFile,
        c.pairs("platform-webhooks"), c.optional("sms-webhook"), smtp, c.integer("topic-cache-ms", 0, 60_000));
  }
}
