package io.sluice.sns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.Caller;
import io.sluice.protocol.CommonError;
import io.sluice.protocol.HttpReply;
import io.sluice.protocol.JsonCodec;
import io.sluice.storage.documents.Condition;
import io.sluice.storage.documents.Document;
import io.sluice.storage.documents.DocumentKind;
import io.sluice.storage.documents.DocumentStore;
import io.sluice.storage.documents.Scope;
import io.sluice.storage.documents.Update;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Phone numbers opted out of an account's SMS in a region: one document per number in the scope of
 * the account and region (id: the number, so an account's numbers list in order), kept after an
 * opt-in to enforce AWS's one opt-in per number every 30 days (see OptInPhoneNumber).
 *
 * <p>On AWS a number opts out when its holder replies with a keyword such as STOP; no API action
 * opts out. Sluice simulates the reply: {@code GET /_sluice/sns/sms/reply?phoneNumber=+15550100&message=STOP}
 * (optionally {@code &region=…&account=…}, default the signer's, else the node's) opts the number
 * out when the message is an opt-out keyword, and answers {@code {"optedOut": true|false}}.
 */
public final class OptOuts {
  /** Path of the simulated SMS reply on Sluice's endpoint. */
  public static final String REPLY_PATH = "/_sluice/sns/sms/reply";
  static final DocumentKind<OptOut> KIND = DocumentKind.of("sns-sms-opt-out", OptOut.class);
  private static final long OPT_IN_INTERVAL_MS = 30L * 24 * 60 * 60 * 1000;
  /** The opt-out keywords of "Opting out of receiving SMS messages" in the SNS guide. */
  private static final Set<String> KEYWORDS = Set.of("ARRET", "CANCEL", "END", "OPT-OUT", "OPTOUT", "QUIT", "REMOVE",
      "STOP", "TD", "UNSUBSCRIBE");

  /**
   * One number's state as stored; {@code optInAllowedFromMillis} is when it may next be opted in
   * (0 until its first opt-in).
   */
  public record OptOut(String phoneNumber, boolean optedOut, long optInAllowedFromMillis) {}

  private final DocumentStore documents;

  public OptOuts(DocumentStore documents) {
    this.documents = documents;
  }

  public CompletionStage<Boolean> isOptedOut(String region, String account, String phoneNumber) {
    return documents.find(KIND, Scope.of(region, account), phoneNumber)
        .thenApply(state -> state.map(OptOut::optedOut).orElse(false));
  }

  /** The opted-out numbers of an account in a region, sorted. */
  public CompletionStage<List<String>> optedOut(String region, String account) {
    return documents.list(KIND, Scope.of(region, account), "")
        .thenApply(all -> all.stream().map(Document::value).filter(OptOut::optedOut).map(OptOut::phoneNumber)
            .sorted().toList());
  }

  /**
   * Opts a number in (one store step); nothing to do if it is not opted out. InvalidParameter if it
   * was opted in less than 30 days before {@code now}.
   */
  public CompletionStage<Void> optIn(String region, String account, String phoneNumber, long now) {
    Update optIn = Update.of()
        .set("optedOut", false)
        .set("optInAllowedFromMillis", now + OPT_IN_INTERVAL_MS)
        .when(Condition.equalTo("optedOut", true))
        .when(Condition.atMost("optInAllowedFromMillis", now));
    return documents.update(KIND, Scope.of(region, account), phoneNumber, optIn).thenApply(outcome -> {
      if (outcome.refused() && outcome.document().optedOut()) {
        throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: PhoneNumber Reason: a phone number can "
            + "be opted in only once every 30 days");
      }
      return null;
    });
  }

  /** Opts a number out (one store step), as its holder's STOP reply does on AWS. */
  public CompletionStage<Void> optOut(String region, String account, String phoneNumber) {
    return documents.upsert(KIND, Scope.of(region, account), phoneNumber, new OptOut(phoneNumber, true, 0),
        Update.of().set("optedOut", true)).thenApply(outcome -> null);
  }

  /**
   * The simulated reply resource (see the class comment). A signed request ({@code caller} not null)
   * acts in the signer's account: 403 if it names another.
   */
  public Future<HttpReply> reply(Map<String, String> params, Caller caller, String defaultRegion,
                                 String defaultAccount) {
    Optional<String> number = PhoneNumbers.e164(params.get("phoneNumber"));
    if (number.isEmpty()) {
      return Future.succeededFuture(json(400, false));
    }
    String message = params.getOrDefault("message", "STOP").strip().toUpperCase(Locale.ROOT);
    if (!KEYWORDS.contains(message)) {
      return Future.succeededFuture(json(200, false));
    }
    String region = params.getOrDefault("region", caller != null ? caller.region() : defaultRegion);
    String account = params.getOrDefault("account", caller != null ? caller.account() : defaultAccount);
    if (caller != null && !account.equals(caller.account())) {
      return Future.failedFuture(AwsException.of(CommonError.AccessDenied,
          "Account %s may not change the opt-outs of account %s.", caller.account(), account));
    }
    try {
      Scope.of(region, account);
    } catch (IllegalArgumentException e) {
      return Future.succeededFuture(json(400, false));
    }
    return Future.fromCompletionStage(optOut(region, account, number.get())).map(v -> json(200, true));
  }

  private static HttpReply json(int status, boolean optedOut) {
    ObjectNode body = JsonCodec.json().createObjectNode().put("optedOut", optedOut);
    return new HttpReply(status, "application/json", Map.of(), body.toString().getBytes(StandardCharsets.UTF_8));
  }
}
