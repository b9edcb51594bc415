package io.sluice.sns.filter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.protocol.AwsException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A validated SNS subscription filter policy ("Amazon SNS message filtering") and its matcher. Immutable
 * and thread-safe. A policy parsed for the {@link FilterPolicyScope#MessageAttributes} scope matches
 * message attributes; one parsed for {@link FilterPolicyScope#MessageBody} matches a JSON object body.
 */
public final class FilterPolicy {
  private final String json;
  private final FilterPolicyScope scope;
  private final List<Branch> branches;
  private final Set<String> paths;

  private FilterPolicy(String json, FilterPolicyScope scope, List<Branch> branches) {
    this.json = json;
    this.scope = scope;
    this.branches = branches;
    this.paths = branches.stream().flatMap(branch -> branch.fields().stream()).map(FieldRule::path)
        .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * Parses and validates {@code json} as AWS does when a subscription's {@code FilterPolicy} is set.
   *
   * @param scope the subscription's scope; {@code null} means {@link FilterPolicyScope#MessageAttributes}
   * @throws AwsException {@code InvalidParameter}, with the message SetSubscriptionAttributes gives
   *     ({@code Invalid parameter: FilterPolicy: <reason>}; Subscribe puts {@code Attributes Reason: }
   *     after {@code Invalid parameter: })
   */
  public static FilterPolicy parse(String json, FilterPolicyScope scope) {
    FilterPolicyScope effective = scope == null ? FilterPolicyScope.MessageAttributes : scope;
    return new FilterPolicy(json, effective, PolicyParser.parse(json, effective));
  }

  public FilterPolicyScope scope() {
    return scope;
  }

  /** The policy's "total combination" as AWS computes it; a valid policy has at most 150. */
  public long complexity() {
    return PolicyParser.combinations(branches);
  }

  /** The policy as stored: AWS keeps and returns the text it was given, so this is that text. */
  public String json() {
    return json;
  }

  /**
   * Whether a message with these attributes passes an attribute-scope policy. {@code null} means none.
   *
   * @throws IllegalStateException if this policy has the {@link FilterPolicyScope#MessageBody} scope
   */
  public boolean matches(Map<String, MessageAttributeValue> attributes) {
    requireScope(FilterPolicyScope.MessageAttributes);
    return test(new AttributeFields(attributes));
  }

  /**
   * Whether a message body passes a body-scope policy. A body that is not a JSON object never does.
   *
   * @throws IllegalStateException if this policy has the {@link FilterPolicyScope#MessageAttributes} scope
   */
  public boolean matches(JsonNode body) {
    requireScope(FilterPolicyScope.MessageBody);
    return body != null && body.isObject() && test(new BodyFields(body, paths));
  }

  /**
   * Whether a published message passes this policy, whichever its scope: the attributes for the
   * attribute scope, the message text parsed as JSON for the body scope (text that is not a JSON object
   * never passes).
   */
  public boolean matches(Map<String, MessageAttributeValue> attributes, String message) {
    if (scope == FilterPolicyScope.MessageAttributes) {
      return matches(attributes);
    }
    try {
      return message != null && matches(PolicyParser.JSON.readTree(message));
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private boolean test(MessageFields fields) {
    return branches.stream().anyMatch(branch -> branch.test(fields));
  }

  private void requireScope(FilterPolicyScope expected) {
    if (scope != expected) {
      throw new IllegalStateException("This filter policy has the " + scope + " scope");
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FilterPolicy that && json.equals(that.json) && scope == that.scope;
  }

  @Override
  public int hashCode() {
    return json.hashCode() * 31 + scope.hashCode();
  }

  /** The stored policy text, as {@link #json()}. */
  @Override
  public String toString() {
    return json;
  }
}
