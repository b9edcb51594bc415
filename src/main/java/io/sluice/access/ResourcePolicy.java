package io.sluice.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A resource's access policy (IAM policy JSON, the {@code Policy} attribute of a queue or topic),
 * parsed once and asked whether it allows or denies a principal an action on a resource.
 *
 * <p>Evaluated: {@code Statement} (an object or a list), {@code Effect} (an explicit {@code Deny}
 * wins over any {@code Allow}), {@code Principal}/{@code NotPrincipal} ({@code "*"}, {@code {"AWS":
 * account id | arn:aws:iam::<account>:root | user or role ARN | "*"}}, {@code {"Service": name}}, one
 * or a list), {@code Action}/{@code NotAction} (case-insensitive, with {@code *} and {@code ?}),
 * {@code Resource}/{@code NotResource} (with wildcards; absent means any) and {@code Condition} with
 * the string and ARN operators (and their {@code IfExists} forms) on the keys {@link Principal}
 * carries. A statement with any other condition operator never applies. A document that is not JSON
 * allows and denies nothing.
 */
public final class ResourcePolicy {
  /** What a policy says about a request: allowed, explicitly denied, or not mentioned. */
  public enum Decision { ALLOW, DENY, NONE }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ResourcePolicy EMPTY = new ResourcePolicy(List.of());
  private static final Set<String> EFFECTS = Set.of("Allow", "Deny");

  private final List<Statement> statements;

  private ResourcePolicy(List<Statement> statements) {
    this.statements = statements;
  }

  /** Parses a policy document; null, blank or malformed text gives a policy that says nothing. */
  public static ResourcePolicy parse(String document) {
    if (document == null || document.isBlank()) {
      return EMPTY;
    }
    try {
      JsonNode root = JSON.readTree(document);
      JsonNode statement = root == null ? null : root.get("Statement");
      if (statement == null) {
        return EMPTY;
      }
      List<Statement> parsed = new ArrayList<>();
      for (JsonNode s : statement.isArray() ? statement : List.of(statement)) {
        // A statement with an Effect other than Allow or Deny takes no part (it is not a Deny).
        if (s.isObject() && EFFECTS.contains(s.path("Effect").asText())) {
          parsed.add(Statement.of(s));
        }
      }
      return new ResourcePolicy(List.copyOf(parsed));
    } catch (JsonProcessingException e) {
      return EMPTY;
    }
  }

  /** Whether the policy allows, denies or does not mention {@code action} on {@code resourceArn} by {@code who}. */
  public Decision evaluate(Principal who, String action, String resourceArn) {
    Decision decision = Decision.NONE;
    for (Statement s : statements) {
      if (s.applies(who, action, resourceArn)) {
        if (!s.allow()) {
          return Decision.DENY;
        }
        decision = Decision.ALLOW;
      }
    }
    return decision;
  }

  private record Statement(boolean allow, JsonNode principal, boolean notPrincipal, List<String> actions,
                           boolean notAction, List<String> resources, boolean notResource,
                           List<Condition> conditions) {

    static Statement of(JsonNode s) {
      boolean notPrincipal = !s.has("Principal") && s.has("NotPrincipal");
      boolean notAction = !s.has("Action") && s.has("NotAction");
      boolean notResource = !s.has("Resource") && s.has("NotResource");
      List<String> resources = s.has("Resource") || notResource
          ? texts(s.get(notResource ? "NotResource" : "Resource")) : null;
      return new Statement("Allow".equals(s.path("Effect").asText()),
          s.get(notPrincipal ? "NotPrincipal" : "Principal"), notPrincipal,
          texts(s.get(notAction ? "NotAction" : "Action")), notAction, resources, notResource,
          Condition.all(s.get("Condition")));
    }

    boolean applies(Principal who, String action, String resourceArn) {
      return principal != null && matchesPrincipal(who) != notPrincipal
          && actions.stream().anyMatch(a -> Wildcards.matches(a, action, true)) != notAction
          && (resources == null || resources.stream().anyMatch(r -> Wildcards.matches(r, resourceArn, false))
              != notResource)
          && conditions.stream().allMatch(c -> c.holds(who.conditionKeys()));
    }

    private boolean matchesPrincipal(Principal who) {
      if (principal.isTextual()) {
        return "*".equals(principal.asText());
      }
      for (String aws : texts(principal.get("AWS"))) {
        if (aws.equals("*") || aws.equals(who.account()) || aws.equals("arn:aws:iam::" + who.account() + ":root")
            || aws.equals(who.arn())) {
          return true;
        }
      }
      return texts(principal.get("Service")).stream().anyMatch(who::isService);
    }
  }

  private record Condition(String operator, boolean ifExists, String key, List<String> values) {

    static List<Condition> all(JsonNode block) {
      if (block == null || !block.isObject()) {
        return List.of();
      }
      List<Condition> conditions = new ArrayList<>();
      block.properties().forEach(op -> {
        String name = op.getKey();
        boolean ifExists = name.endsWith("IfExists");
        String operator = ifExists ? name.substring(0, name.length() - "IfExists".length()) : name;
        if (!op.getValue().isObject()) {
          conditions.add(new Condition("", false, "", List.of()));
          return;
        }
        op.getValue().properties().forEach(k -> conditions.add(new Condition(operator, ifExists,
            k.getKey().toLowerCase(Locale.ROOT), texts(k.getValue()))));
      });
      return conditions;
    }

    boolean holds(Map<String, String> context) {
      boolean negated = operator.contains("Not");
      String value = context.get(key);
      if (value == null) {
        // IAM User Guide, "Condition operators": a missing key fails a condition unless it is
        // ...IfExists or a negated operator, which then hold.
        return known() && (ifExists || negated);
      }
      boolean any = values.stream().anyMatch(v -> matches(v, value));
      return known() && any != negated;
    }

    private boolean known() {
      return switch (operator) {
        case "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
             "StringLike", "StringNotLike", "ArnEquals", "ArnNotEquals", "ArnLike", "ArnNotLike" -> true;
        default -> false;
      };
    }

    private boolean matches(String expected, String actual) {
      return switch (operator) {
        case "StringEquals", "StringNotEquals" -> expected.equals(actual);
        case "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase" -> expected.equalsIgnoreCase(actual);
        case "StringLike", "StringNotLike" -> Wildcards.matches(expected, actual, false);
        case "ArnEquals", "ArnNotEquals", "ArnLike", "ArnNotLike" -> Wildcards.matchesArn(expected, actual);
        default -> false;
      };
    }
  }

  private static List<String> texts(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (node.isArray()) {
      List<String> out = new ArrayList<>();
      node.forEach(n -> {
        if (n.isValueNode()) {
          out.add(n.asText());
        }
      });
      return out;
    }
    return node.isValueNode() ? List.of(node.asText()) : List.of();
  }
}
