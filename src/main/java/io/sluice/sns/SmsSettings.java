package io.sluice.sns;

import io.sluice.sns.store.TopicStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * The SMS settings of an account in a region (SetSMSAttributes): one store document each, changed in
 * one step. Only the attributes that were set are kept and shown; an empty value removes one.
 */
public final class SmsSettings {
  static final String KIND = "sns-sms-attributes";
  private static final Set<String> NAMES = Set.of("MonthlySpendLimit", "DeliveryStatusIAMRole",
      "DeliveryStatusSuccessSamplingRate", "DefaultSenderID", "DefaultSMSType", "UsageReportS3Bucket");
  /** 1–11 letters and digits, at least one letter. */
  private static final Pattern SENDER_ID = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9]{1,11}");
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  private final TopicStore store;

  public SmsSettings(TopicStore store) {
    this.store = store;
  }

  /** The settings of an account in a region. */
  public CompletionStage<Map<String, String>> get(String region, String account) {
    return store.findDocument(KIND, id(region, account)).thenApply(d -> d.map(SmsSettings::decode).orElse(Map.of()));
  }

  /** Applies validated changes in one store step (creating the document first if there is none). */
  public CompletionStage<Void> set(String region, String account, Map<String, String> changes) {
    validate(changes);
    String id = id(region, account);
    return store.putDocument(KIND, id, "{}", true)
        .thenCompose(created -> store.updateDocument(KIND, id, json -> {
          Map<String, String> settings = new TreeMap<>(decode(json));
          changes.forEach((name, value) -> {
            if (value == null || value.isEmpty()) {
              settings.remove(name);
            } else {
              settings.put(name, value);
            }
          });
          return Documents.toJson(settings);
        }))
        .thenApply(updated -> null);
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

  @SuppressWarnings("unchecked")
  private static Map<String, String> decode(String json) {
    return Documents.fromJson(json, TreeMap.class);
  }

  /** Document ids of per-account SMS state: {@code <region>/<account>}. */
  static String id(String region, String account) {
    return region + "/" + account;
  }
}
