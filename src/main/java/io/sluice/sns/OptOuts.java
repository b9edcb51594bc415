package io.sluice.sns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.HttpReply;
import io.sluice.protocol.JsonCodec;
import io.sluice.sns.store.TopicStore;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Phone numbers opted out of an account's SMS in a region: one store document per number (id
 * {@code <region>/<account>/<number>}, so an account's numbers list in order), kept after an opt-in
 * to enforce AWS's one opt-in per number every 30 days (see OptInPhoneNumber).
 *
 * <p>On AWS a number opts out when its holder replies with a keyword such as STOP; no API action
 * opts out. Sluice simulates the reply: {@code GET /_sluice/sns/sms/reply?phoneNumber=+15550100&message=STOP}
 * (optionally {@code &region=…&account=…}, default the node's) opts the number out when the message
 * is an opt-out keyword, and answers {@code {"optedOut": true|false}}.
 */
public final class OptOuts {
  /** Path of the simulated SMS reply on Sluice's endpoint. */
  public static final String REPLY_PATH = "/_sluice/sns/sms/reply";
  static final String KIND = "sns-sms-opt-out";
  private static final long OPT_IN_INTERVAL_MS = 30L * 24 * 60 * 60 * 1000;
  /** The opt-out keywords of "Opting out of receiving SMS messages" in the SNS guide. */
  private static final Set<String> KEYWORDS = Set.of("ARRET", "CANCEL", "END", "OPT-OUT", "OPTOUT", "QUIT", "REMOVE",
      "STOP", "TD", "UNSUBSCRIBE");

  /** One number's state as stored; {@code optedInMillis} is 0 before the first opt-in. */
  public record OptOut(String phoneNumber, boolean optedOut, long optedInMillis) {}

  private final TopicStore store;

  public OptOuts(TopicStore store) {
    this.store = store;
  }

  public CompletionStage<Boolean> isOptedOut(String region, String account, String phoneNumber) {
    return store.findDocument(KIND, id(region, account, phoneNumber))
        .thenApply(d -> d.map(json -> Documents.fromJson(json, OptOut.class).optedOut()).orElse(false));
  }

  /** The opted-out numbers of an account in a region, sorted. */
  public CompletionStage<List<String>> optedOut(String region, String account) {
    return Documents.loadAll(store, KIND, SmsSettings.id(region, account) + "/", OptOut.class)
        .thenApply(all -> all.stream().filter(OptOut::optedOut).map(OptOut::phoneNumber).sorted().toList());
  }

  /**
   * Opts a number in (one store step); nothing to do if it is not opted out. InvalidParameter if it
   * was opted in less than 30 days before {@code now}.
   */
  public CompletionStage<Void> optIn(String region, String account, String phoneNumber, long now) {
    return store.updateDocument(KIND, id(region, account, phoneNumber), json -> {
      OptOut state = Documents.fromJson(json, OptOut.class);
      if (!state.optedOut()) {
        return json;
      }
      if (state.optedInMillis() > 0 && now - state.optedInMillis() < OPT_IN_INTERVAL_MS) {
        throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: PhoneNumber Reason: a phone number can "
            + "be opted in only once every 30 days");
      }
      return Documents.toJson(new OptOut(state.phoneNumber(), false, now));
    }).thenApply(updated -> null);
  }

  /** Opts a number out, as its holder's STOP reply does on AWS. */
  public CompletionStage<Void> optOut(String region, String account, String phoneNumber) {
    String id = id(region, account, phoneNumber);
    return store.putDocument(KIND, id, Documents.toJson(new OptOut(phoneNumber, true, 0)), true)
        .thenCompose(stored -> store.updateDocument(KIND, id, json -> {
          OptOut state = Documents.fromJson(json, OptOut.class);
          return Documents.toJson(new OptOut(state.phoneNumber(), true, state.optedInMillis()));
        }))
        .thenApply(updated -> null);
  }

  /** The simulated reply resource (see the class comment). */
  public Future<HttpReply> reply(Map<String, String> params, String defaultRegion, String defaultAccount) {
    Optional<String> number = PhoneNumbers.e164(params.get("phoneNumber"));
    if (number.isEmpty()) {
      return Future.succeededFuture(json(400, false));
    }
    String message = params.getOrDefault("message", "STOP").strip().toUpperCase(Locale.ROOT);
    if (!KEYWORDS.contains(message)) {
      return Future.succeededFuture(json(200, false));
    }
    return Future.fromCompletionStage(optOut(params.getOrDefault("region", defaultRegion),
        params.getOrDefault("account", defaultAccount), number.get())).map(v -> json(200, true));
  }

  private static HttpReply json(int status, boolean optedOut) {
    ObjectNode body = JsonCodec.json().createObjectNode().put("optedOut", optedOut);
    return new HttpReply(status, "application/json", Map.of(), body.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static String id(String region, String account, String phoneNumber) {
    return SmsSettings.id(region, account) + "/" + phoneNumber;
  }
}
