package io.sluice.sns;

import io.sluice.protocol.AwsException;
import io.sluice.storage.documents.Condition;
import io.sluice.storage.documents.Document;
import io.sluice.storage.documents.DocumentKind;
import io.sluice.storage.documents.DocumentStore;
import io.sluice.storage.documents.Scope;
import io.sluice.storage.documents.Update;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * The destination numbers of an account's SMS sandbox in a region (see "Using the Amazon SNS SMS
 * sandbox"): one document per number in the scope of the account and region, id: the number. A number is
 * added Pending with a one-time password, and becomes Verified with it. The documented limits hold:
 * at most 10 numbers, and a number can be deleted only 24 hours after its verification or last
 * verification attempt (adding it counts as one).
 *
 * <p>Sluice's accounts are not in the sandbox (GetSMSSandboxAccountStatus answers false), so these
 * numbers do not restrict where SMS go; the actions exist for code that manages them.
 */
public final class SmsSandbox {
  public static final int MAX_NUMBERS = 10;
  static final DocumentKind<SandboxNumber> KIND = DocumentKind.of("sns-sms-sandbox", SandboxNumber.class);
  private static final String PENDING = "Pending";
  private static final String VERIFIED = "Verified";
  private static final long DELETE_AFTER_MS = 24L * 60 * 60 * 1000;
  /** The pattern of the API's PhoneNumberString. */
  private static final Pattern NUMBER = Pattern.compile("\\+[0-9]{8,}|[0-9]{0,9}");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** One number as stored. */
  public record SandboxNumber(String phoneNumber, String status, String oneTimePassword, long lastAttemptMillis) {

    public boolean verified() {
      return VERIFIED.equals(status);
    }
  }

  private final DocumentStore documents;

  public SmsSandbox(DocumentStore documents) {
    this.documents = documents;
  }

  /** A PhoneNumberString; InvalidParameter if it does not have the API's shape. */
  public static String requireNumber(String phoneNumber) {
    if (phoneNumber == null || phoneNumber.isEmpty() || phoneNumber.length() > 20
        || !NUMBER.matcher(phoneNumber).matches()) {
      throw PlatformAttributes.invalid("PhoneNumber", "input incorrectly formatted");
    }
    return phoneNumber;
  }

  /** The account's numbers in the region, in number order. */
  public CompletionStage<List<SandboxNumber>> numbers(String region, String account) {
    return documents.list(KIND, Scope.of(region, account), "")
        .thenApply(all -> all.stream().map(Document::value).toList());
  }

  /**
   * Adds a number as Pending with a new one-time password, or gives a pending one a new password, in
   * one store step that also keeps the limit of numbers; empty if the number is verified already
   * (nothing to send). UserError when the sandbox is full.
   */
  public CompletionStage<Optional<SandboxNumber>> add(String region, String account, String phoneNumber, long now) {
    SandboxNumber pending = new SandboxNumber(phoneNumber, PENDING, oneTimePassword(), now);
    Update renew = Update.of()
        .set("oneTimePassword", pending.oneTimePassword())
        .set("lastAttemptMillis", now)
        .when(Condition.equalTo("status", PENDING));
    return documents.upsert(KIND, Scope.of(region, account), phoneNumber, pending, renew, MAX_NUMBERS)
        .thenApply(outcome -> {
          if (outcome.full()) {
            throw AwsException.of(SnsError.UserError, "The SMS sandbox of this account already has %s phone numbers",
                MAX_NUMBERS);
          }
          return outcome.applied() ? Optional.of(outcome.document()) : Optional.empty();
        });
  }

  /**
   * Verifies a number with its one-time password, recording the attempt: one store step verifies it
   * if it is pending with that password; if it is pending with another, a second step records the
   * failed attempt. ResourceNotFound for a number not in the sandbox, VerificationException for a
   * wrong password.
   */
  public CompletionStage<Void> verify(String region, String account, String phoneNumber, String password, long now) {
    Scope scope = Scope.of(region, account);
    Update verify = Update.of()
        .set("status", VERIFIED)
        .set("lastAttemptMillis", now)
        .when(Condition.equalTo("status", PENDING))
        .when(Condition.equalTo("oneTimePassword", password));
    return documents.update(KIND, scope, phoneNumber, verify).thenCompose(outcome -> {
      if (outcome.missing()) {
        throw notFound();
      }
      if (outcome.applied() || outcome.document().verified()) {
        return CompletableFuture.<Void>completedFuture(null);
      }
      Update failedAttempt = Update.of().set("lastAttemptMillis", now).when(Condition.equalTo("status", PENDING));
      return documents.update(KIND, scope, phoneNumber, failedAttempt).thenApply(recorded -> {
        throw AwsException.of(SnsError.VerificationException, "Invalid one-time password");
      });
    });
  }

  /**
   * Deletes a number in one store step; ResourceNotFound if absent, UserError within 24 hours of its
   * last verification attempt.
   */
  public CompletionStage<Void> delete(String region, String account, String phoneNumber, long now) {
    return documents.deleteIf(KIND, Scope.of(region, account), phoneNumber,
        List.of(Condition.atMost("lastAttemptMillis", now - DELETE_AFTER_MS))).thenApply(outcome -> {
          if (outcome.missing()) {
            throw notFound();
          }
          if (outcome.refused()) {
            throw AwsException.of(SnsError.UserError, "A phone number can be deleted from the SMS sandbox only 24 "
                + "hours after its verification or last verification attempt");
          }
          return null;
        });
  }

  private static AwsException notFound() {
    return AwsException.of(SnsError.ResourceNotFound, "The phone number is not in the SMS sandbox");
  }

  private static String oneTimePassword() {
    return String.format("%06d", RANDOM.nextInt(1_000_000));
  }
}
