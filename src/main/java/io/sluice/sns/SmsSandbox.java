package io.sluice.sns;

import io.sluice.protocol.AwsException;
import io.sluice.sns.store.TopicStore;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * The destination numbers of an account's SMS sandbox in a region (see "Using the Amazon SNS SMS
 * sandbox"): one store document per number, id {@code <region>/<account>/<number>}. A number is
 * added Pending with a one-time password, and becomes Verified with it. The documented limits hold:
 * at most 10 numbers, and a number can be deleted only 24 hours after its verification or last
 * verification attempt (adding it counts as one).
 *
 * <p>Sluice's accounts are not in the sandbox (GetSMSSandboxAccountStatus answers false), so these
 * numbers do not restrict where SMS go; the actions exist for code that manages them.
 */
public final class SmsSandbox {
  static final String KIND = "sns-sms-sandbox";
  public static final int MAX_NUMBERS = 10;
  private static final long DELETE_AFTER_MS = 24L * 60 * 60 * 1000;
  /** The pattern of the API's PhoneNumberString. */
  private static final Pattern NUMBER = Pattern.compile("\\+[0-9]{8,}|[0-9]{0,9}");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** One number as stored. */
  public record SandboxNumber(String phoneNumber, String status, String oneTimePassword, long lastAttemptMillis) {

    public boolean verified() {
      return "Verified".equals(status);
    }
  }

  private final TopicStore store;

  public SmsSandbox(TopicStore store) {
    this.store = store;
  }

  /** A PhoneNumberString; InvalidParameter if it does not have the API's shape. */
  public static String requireNumber(String phoneNumber) {
    if (phoneNumber == null || phoneNumber.length() > 20 || !NUMBER.matcher(phoneNumber).matches()) {
      throw PlatformAttributes.invalid("PhoneNumber", "input incorrectly formatted");
    }
    return phoneNumber;
  }

  /** The account's numbers in the region, in number order. */
  public CompletionStage<List<SandboxNumber>> numbers(String region, String account) {
    return Documents.loadAll(store, KIND, SmsSettings.id(region, account) + "/", SandboxNumber.class);
  }

  /**
   * Adds a number as Pending with a new one-time password, or gives a pending one a new password;
   * empty if the number is verified already (nothing to send). UserError when the sandbox is full.
   */
  public CompletionStage<Optional<SandboxNumber>> add(String region, String account, String phoneNumber, long now) {
    SandboxNumber pending = new SandboxNumber(phoneNumber, "Pending", oneTimePassword(), now);
    return store.listDocuments(KIND, SmsSettings.id(region, account) + "/").thenCompose(ids -> {
      String id = id(region, account, phoneNumber);
      if (!ids.contains(id) && ids.size() >= MAX_NUMBERS) {
        throw AwsException.of(SnsError.UserError, "The SMS sandbox of this account already has %s phone numbers",
            MAX_NUMBERS);
      }
      return store.putDocument(KIND, id, Documents.toJson(pending), true)
          .thenCompose(stored -> store.updateDocument(KIND, id, json -> {
            SandboxNumber current = Documents.fromJson(json, SandboxNumber.class);
            return current.verified() ? json : Documents.toJson(pending);
          }));
    }).thenApply(stored -> stored.map(json -> Documents.fromJson(json, SandboxNumber.class))
        .filter(n -> !n.verified()));
  }

  /**
   * Verifies a number with its one-time password, recording the attempt in the same store step.
   * ResourceNotFound for a number not in the sandbox, VerificationException for a wrong password.
   */
  public CompletionStage<Void> verify(String region, String account, String phoneNumber, String password, long now) {
    AtomicBoolean wrong = new AtomicBoolean();
    return store.updateDocument(KIND, id(region, account, phoneNumber), json -> {
      SandboxNumber current = Documents.fromJson(json, SandboxNumber.class);
      if (current.verified()) {
        wrong.set(false);
        return json;
      }
      boolean matches = current.oneTimePassword().equals(password);
      wrong.set(!matches);
      return Documents.toJson(new SandboxNumber(phoneNumber, matches ? "Verified" : "Pending",
          current.oneTimePassword(), now));
    }).thenApply(updated -> {
      if (updated.isEmpty()) {
        throw notFound();
      }
      if (wrong.get()) {
        throw AwsException.of(SnsError.VerificationException, "Invalid one-time password");
      }
      return null;
    });
  }

  /** Deletes a number; ResourceNotFound if absent, UserError within 24 hours of its last verification attempt. */
  public CompletionStage<Void> delete(String region, String account, String phoneNumber, long now) {
    String id = id(region, account, phoneNumber);
    return store.findDocument(KIND, id).thenCompose(found -> {
      SandboxNumber number = Documents.fromJson(found.orElseThrow(SmsSandbox::notFound), SandboxNumber.class);
      if (now - number.lastAttemptMillis() < DELETE_AFTER_MS) {
        throw AwsException.of(SnsError.UserError, "A phone number can be deleted from the SMS sandbox only 24 hours "
            + "after its verification or last verification attempt");
      }
      return store.deleteDocument(KIND, id);
    }).thenApply(deleted -> null);
  }

  private static AwsException notFound() {
    return AwsException.of(SnsError.ResourceNotFound, "The phone number is not in the SMS sandbox");
  }

  private static String oneTimePassword() {
    return String.format("%06d", RANDOM.nextInt(1_000_000));
  }

  private static String id(String region, String account, String phoneNumber) {
    return SmsSettings.id(region, account) + "/" + phoneNumber;
  }
}
