package io.sluice.sns.delivery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.ids.RandomIds;
import io.sluice.protocol.HttpReply;
import io.sluice.protocol.JsonCodec;
import io.sluice.storage.Sealer;
import io.sluice.storage.documents.Document;
import io.sluice.storage.documents.DocumentKind;
import io.sluice.storage.documents.DocumentStore;
import io.sluice.storage.documents.Scope;
import io.vertx.core.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/**
 * Deliveries Sluice cannot hand to a real service (push to a platform without a configured
 * webhook, SMS without a webhook, email without an SMTP server): kept as node-wide documents
 * ({@link Scope#GLOBAL}), each with the account that sent it, and listed, newest last, at
 * {@code GET /_sluice/sns/outbox} (optionally {@code ?protocol=sms}), so tests and developers can see
 * what would have been sent. A signed listing shows only the signer's account's deliveries. The body
 * and details are stored sealed (see {@link Sealer}) and shown opened; documents stored before sealing
 * are shown as they are.
 */
public final class Outbox {
  /** Path of the listing on Sluice's endpoint. */
  public static final String PATH = "/_sluice/sns/outbox";
  private static final DocumentKind<ObjectNode> KIND = DocumentKind.of("sns-outbox", ObjectNode.class);
  private static final String SEALED = "sealed";
  private static final String SEAL_KEY = "sns-outbox";

  private final DocumentStore documents;
  private final InstantSource clock;
  private final Sealer sealer;

  public Outbox(DocumentStore documents, InstantSource clock, Sealer sealer) {
    this.documents = documents;
    this.sealer = sealer;
    this.clock = clock;
  }

  /**
   * Keeps one delivery: the account that sent it, its protocol ({@code sms}, {@code application},
   * {@code email}, …), the endpoint (phone number, endpoint ARN, address) and what would have been sent.
   */
  public Future<Void> add(String account, String protocol, String endpoint, String messageId, String body,
                          Map<String, String> details) {
    Instant now = clock.instant();
    ObjectNode doc = JsonCodec.json().createObjectNode();
    doc.put("account", account);
    doc.put("protocol", protocol);
    doc.put("endpoint", endpoint);
    doc.put("messageId", messageId);
    doc.put("timestamp", now.toString());
    ObjectNode content = JsonCodec.json().createObjectNode();
    content.put("body", body);
    ObjectNode extra = content.putObject("details");
    details.forEach(extra::put);
    doc.put(SEALED, sealer.sealText(content.toString(), SEAL_KEY));
    // Ids sort by time, so the listing is in the order things were sent.
    String id = String.format("%016d-%s", now.toEpochMilli(), RandomIds.uuid());
    return Future.fromCompletionStage(documents.put(KIND, Scope.GLOBAL, id, doc)).mapEmpty();
  }

  /** The kept deliveries, oldest first, of one protocol or (null) of all, of one account or (null) of all. */
  public Future<List<ObjectNode>> list(String protocol, String account) {
    return Future.fromCompletionStage(documents.list(KIND, Scope.GLOBAL, "")).map(all -> all.stream()
        .map(Document::value)
        .filter(node -> protocol == null || protocol.equals(node.path("protocol").asText()))
        .filter(node -> account == null || account.equals(node.path("account").asText()))
        .map(this::opened)
        .toList());
  }

  /** A stored document as listed: its sealed body and details opened in place. */
  private ObjectNode opened(ObjectNode stored) {
    if (!stored.has(SEALED)) {
      return stored;
    }
    ObjectNode out = stored.deepCopy();
    out.remove(SEALED);
    try {
      out.setAll((ObjectNode) JsonCodec.json().readTree(sealer.openText(stored.get(SEALED).asText())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The listing as the HTTP endpoint answers it: {@code {"messages": [...]}}. */
  public Future<HttpReply> listing(String protocol, String account) {
    return list(protocol, account).map(items -> {
      ObjectNode root = JsonCodec.json().createObjectNode();
      ArrayNode messages = root.putArray("messages");
      items.forEach(messages::add);
      return new HttpReply(200, "application/json", Map.of(), root.toString().getBytes(StandardCharsets.UTF_8));
    });
  }
}
