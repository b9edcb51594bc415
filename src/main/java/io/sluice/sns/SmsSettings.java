package io.sluice.sns;

import com.fasterxml.jackson.core.type.TypeReference;
import io.sluice.storage.documents.DocumentKind;
import io.sluice.storage.documents.DocumentStore;
import io.sluice.storage.documents.Scope;
import io.sluice.storage.documents.Update;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * The SMS settings of an account in a region (SetSMSAttributes): one document in the scope of the
 * account and region, its fields the attributes, changed field by field in one store step. Only the
 * attributes that were set are kept and shown; an empty value removes one.
 */
public final class SmsSettings {
  static final DocumentKind<TreeMap<String, String>> KIND =
      DocumentKind.of("sns-sms-attributes", new TypeReference<TreeMap<String, String>>() {});
  /** The id of the one document in each scope. */
  private static final String ID = "settings";
  private static final Set<String> NAMES = Set.of("MonthlySpendLimit", "DeliveryStatusIAMRole",
      "DeliveryStatusSuccessSamplingRate", "DefaultSenderID", "DefaultSMSType", "UsageReportS3Bucket");
  /** 1–11 letters and digits, at least one letter. */
  private static final Pattern SENDER_ID = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9]{1,11}");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  private final DocumentStore documents;

  public SmsSettings(DocumentStore documents) {
    this.documents = documents;
  }

  /** The settings of an account in a region, sorted by name. */
  public CompletionStage<Map<String, String>> get(String region, String account) {
    return documents.find(KIND, Scope.of(region, account), ID)
        .thenApply(settings -> settings.<Map<String, String>>map(s -> s).orElse(Map.of()));
  }

  /** Applies validated changes in one store step (creating the document if there is none). */
  public CompletionStage<Void> set(String region, String account, Map<String, String> changes) {
    validate(changes);
    Update update = Update.of();
    for (Map.Entry<String, String> change : changes.entrySet()) {
      String value = change.getValue();
      update = value == null || value.isEmpty() ? update.remove(change.getKey()) : update.set(change.getKey(), value);
    }
    return documents.upsert(KIND, Scope.of(region, account), ID, new TreeMap<>(), update).thenApply(outcome -> null);
  }

  /** InvalidParameter for the first unknown name or bad value. */
  static void validate(Map<String, String> changes) {
    changes.forEach((name, raw) -> {
      String value = raw == null ? "" : raw;
      if (!NAMES.contains(name)) {
        throw PlatformAttributes.invalid(name, "Unknown SMS attribute");
      }
      if (value.isEmpty()) {
        return;
      }
      boolean valid = switch (name) {
        case "MonthlySpendLimit" -> value.matches("\\d{1,9}");
        case "DeliveryStatusSuccessSamplingRate" -> value.matches("\\d{1,3}") && Integer.parseInt(value) <= 100;
        case "DefaultSenderID" -> SENDER_ID.matcher(value).matches();
        case "DefaultSMSType" -> value.equals("Promotional") || value.equals("Transactional");
        case "DeliveryStatusIAMRole" -> SnsArns.isRoleArn(value);
        default -> BUCKET.matcher(value).matches();
      };
      if (!valid) {
        throw PlatformAttributes.invalid(name, "Invalid value " + value);
      }
    });
  }

  /** The asked-for settings, or all when {@code names} is empty. */
  public static Map<String, String> select(Map<String, String> settings, List<String> names) {
    if (names == null || names.isEmpty()) {
      return settings;
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : names) {
      String value = settings.get(name);
      if (value != null) {
        out.put(name, value);
      }
    }
    return out;
  }
}
