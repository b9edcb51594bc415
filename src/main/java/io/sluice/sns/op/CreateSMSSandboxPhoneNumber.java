package io.sluice.sns.op;

import io.sluice.ids.RandomIds;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import io.sluice.sns.OptOuts;
import io.sluice.sns.PhoneNumbers;
import io.sluice.sns.PlatformAttributes;
import io.sluice.sns.SmsSandbox;
import io.sluice.sns.SnsError;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import io.sluice.sns.delivery.SmsDelivery;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * CreateSMSSandboxPhoneNumber: adds a destination number to the account's SMS sandbox as Pending
 * and texts it a six-digit one-time password, which goes where every SMS goes (the SMS webhook, or
 * the outbox at {@code GET /_sluice/sns/outbox?protocol=sms}) so a test can read it. Adding a pending
 * number again sends a new password; a verified one is left as it is. OptedOut for an opted-out
 * number, UserError when the sandbox has 10 numbers.
 */
public final class CreateSMSSandboxPhoneNumber
    extends SnsOperation<CreateSMSSandboxPhoneNumber.Request, CreateSMSSandboxPhoneNumber.Response> {
  private static final Set<String> LANGUAGES = Set.of("en-US", "en-GB", "es-419", "es-ES", "de-DE", "fr-CA", "fr-FR",
      "it-IT", "ja-JP", "pt-BR", "kr-KR", "zh-CN", "zh-TW");

  public record Request(String phoneNumber, String languageCode) {}

  public record Response() {}

  private final SmsSandbox sandbox;
  private final OptOuts optOuts;

  public CreateSMSSandboxPhoneNumber(SnsServices sns) {
    super(sns);
    this.sandbox = new SmsSandbox(sns.documents());
    this.optOuts = new OptOuts(sns.documents());
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    String number = SmsSandbox.requireNumber(req.phoneNumber());
    if (req.languageCode() != null && !LANGUAGES.contains(req.languageCode())) {
      throw PlatformAttributes.invalid("LanguageCode", "Unsupported language code " + req.languageCode());
    }
    Optional<String> e164 = PhoneNumbers.e164(number);
    CompletionStage<Boolean> optedOut = e164.isPresent()
        ? optOuts.isOptedOut(ctx.region(), ctx.account(), e164.get()) : CompletableFuture.completedFuture(false);
    return optedOut.thenCompose(out -> {
      if (out) {
        throw AwsException.of(SnsError.OptedOut, "Phone number is opted out");
      }
      return sandbox.add(ctx.region(), ctx.account(), number, now());
    }).thenCompose(pending -> pending.map(p -> sendPassword(ctx, number, p.oneTimePassword()))
        .orElse(CompletableFuture.completedFuture(null)))
        .thenApply(v -> new Response());
  }

  private CompletionStage<Void> sendPassword(RequestContext ctx, String number, String password) {
    SmsDelivery sms = sns.deliveries().protocol("sms", SmsDelivery.class);
    return sms.send(ctx.region(), ctx.account(), number, RandomIds.uuid(),
        "Your Amazon SNS verification code is " + password, Map.of()).toCompletionStage();
  }
}
