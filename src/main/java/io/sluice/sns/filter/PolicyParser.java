package io.sluice.sns.filter;

import static io.sluice.sns.filter.FilterPolicyError.invalidPolicy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sluice.protocol.AwsException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns filter policy JSON into {@link Branch}es, rejecting what AWS rejects with AWS's reasons. As in AWS,
 * the policy is parsed first; nesting (attribute scope), then the key, combination and wildcard limits
 * are checked on the result ("Filter policy constraints"). Keys are counted per branch.
 */
final class PolicyParser {
  /** Policy and message JSON; decimals stay exact so that numbers compare to five decimal places. */
  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private static final int MAX_BYTES = 256 * 1024;
  private static final int MAX_KEYS = 5;
  private static final long MAX_COMBINATIONS = 150;
  private static final long MAX_WILDCARD_POINTS = 100;
  private static final int MAX_WILDCARDS_PER_PATTERN = 3;
  private static final String OR = "$or";
  /** "AND/OR logic": an {@code $or} whose objects use one of these as a key is an ordinary field name. */
  private static final Set<String> KEYWORDS = Set.of("anything-but", "cidr", "equals-ignore-case", "exists",
      "numeric", "prefix", "suffix", "wildcard");

  private long wildcardPoints;
  private int maxDepth;

  private PolicyParser() {}

  /** The policy's branches: a message passes when it matches every field of any branch. */
  static List<Branch> parse(String json, FilterPolicyScope scope) {
    if (json == null || json.isBlank()) {
      throw invalidPolicy("Filter policy can not be empty");
    }
    if (json.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw invalidPolicy("Filter policy is too long");
    }
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw invalidPolicy(e.getOriginalMessage());
    }
    if (!root.isObject()) {
      throw invalidPolicy("Filter is not an object");
    }
    if (root.isEmpty()) {
      throw invalidPolicy("Filter policy can not be empty");
    }
    PolicyParser parser = new PolicyParser();
    List<Branch> branches = parser.object(root, "", 1);
    if (scope == FilterPolicyScope.MessageAttributes && parser.maxDepth > 1) {
      throw new AwsException(io.sluice.sns.SnsError.InvalidParameter,
          "Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy");
    }
    if (branches.stream().anyMatch(branch -> branch.fields().size() > MAX_KEYS)) {
      throw invalidPolicy("Filter policy can not have more than " + MAX_KEYS + " keys");
    }
    if (combinations(branches) > MAX_COMBINATIONS || parser.wildcardPoints > MAX_WILDCARD_POINTS) {
      throw invalidPolicy("Filter policy is too complex");
    }
    return branches;
  }

  /** "AND/OR logic": the total combination is the sum over the branches. */
  static long combinations(List<Branch> branches) {
    long sum = 0;
    for (Branch branch : branches) {
      sum += branch.combinations();
      if (sum < 0) {
        return Long.MAX_VALUE;
      }
    }
    return sum;
  }

  /** An object's branches: its fields joined, each {@code $or} multiplying the branches out. */
  private List<Branch> object(JsonNode node, String path, int depth) {
    if (node.isEmpty()) {
      throw invalidPolicy("Empty objects are not allowed");
    }
    List<Branch> branches = List.of(Branch.EMPTY);
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String name = entry.getKey();
      JsonNode value = entry.getValue();
      String fieldPath = path.isEmpty() ? name : path + "." + name;
      if (name.equals(OR) && isOrRelationship(value)) {
        List<Branch> alternatives = new ArrayList<>();
        value.forEach(option -> alternatives.addAll(object(option, path, depth)));
        branches = and(branches, alternatives);
      } else if (value.isObject()) {
        branches = and(branches, object(value, fieldPath, depth + 1));
      } else if (value.isArray()) {
        branches = and(branches, List.of(new Branch(List.of(field(fieldPath, depth, value)))));
      } else {
        throw invalidPolicy('"' + name + "\" must be an object or an array");
      }
    }
    return branches;
  }

  /** Every branch of one side joined with every branch of the other. */
  private static List<Branch> and(List<Branch> left, List<Branch> right) {
    // Each branch adds at least one to the total combination, so more than 150 can stop here.
    if ((long) left.size() * right.size() > MAX_COMBINATIONS) {
      throw invalidPolicy("Filter policy is too complex");
    }
    List<Branch> joined = new ArrayList<>();
    for (Branch first : left) {
      for (Branch second : right) {
        joined.add(first.and(second));
      }
    }
    return joined;
  }

  /** "AND/OR logic": an array of at least two objects, none with a keyword as a key. */
  private static boolean isOrRelationship(JsonNode value) {
    if (!value.isArray() || value.size() < 2) {
      return false;
    }
    for (JsonNode branch : value) {
      if (!branch.isObject() || branch.properties().stream().anyMatch(e -> KEYWORDS.contains(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private FieldRule field(String path, int depth, JsonNode matchArray) {
    maxDepth = Math.max(maxDepth, depth);
    if (matchArray.isEmpty()) {
      throw invalidPolicy("Empty arrays are not allowed");
    }
    List<Condition> conditions = new ArrayList<>();
    long points = 0;
    for (JsonNode value : matchArray) {
      Condition condition;
      if (value.isObject()) {
        condition = matchExpression(value);
      } else if (value.isValueNode()) {
        condition = new ExactMatch(value);
      } else {
        throw invalidPolicy("Match value must be String, number, true, false, or null");
      }
      conditions.add(condition);
      points += condition.wildcardPoints();
    }
    // "Filter policy constraints": a field's wildcard complexity is its points times its pattern count.
    wildcardPoints += points * matchArray.size();
    return new FieldRule(path, depth, matchArray.size(), List.copyOf(conditions));
  }

  private static Condition matchExpression(JsonNode expression) {
    if (expression.isEmpty()) {
      throw invalidPolicy("Match expression name not found");
    }
    Map.Entry<String, JsonNode> first = expression.properties().iterator().next();
    String keyword = first.getKey();
    JsonNode operand = first.getValue();
    boolean single = expression.size() == 1;
    StringMatch.Kind kind = StringMatch.Kind.of(keyword);
    if (kind != null) {
      StringMatch match = new StringMatch(kind, text(operand, keyword));
      onlyOneKey(single);
      limitWildcards(match.wildcards());
      return match;
    }
    switch (keyword) {
      case "numeric" -> {
        if (!operand.isArray()) {
          throw invalidPolicy("Value of numeric must be an array.");
        }
        NumericMatch match = numeric(operand);
        if (!single) {
          throw tooManyElements();
        }
        return match;
      }
      case "anything-but" -> {
        return anythingBut(operand, single);
      }
      case "exists" -> {
        if (!operand.isBoolean()) {
          throw invalidPolicy("exists match pattern must be either true or false.");
        }
        onlyOneKey(single);
        return new ExistsMatch(operand.booleanValue());
      }
      case "cidr" -> {
        // AWS words a cidr that is not a string like a bad prefix.
        CidrMatch match = CidrMatch.parse(text(operand, "prefix"));
        onlyOneKey(single);
        return match;
      }
      default -> throw invalidPolicy("Unrecognized match type " + keyword);
    }
  }

  private static AnythingBut anythingBut(JsonNode operand, boolean single) {
    if (operand.isObject()) {
      if (operand.isEmpty()) {
        throw invalidPolicy("Anything-But expression name not found");
      }
      Map.Entry<String, JsonNode> inner = operand.properties().iterator().next();
      StringMatch.Kind kind = StringMatch.Kind.of(inner.getKey());
      // "String value matching" documents prefix, suffix and wildcard inside anything-but, not equals-ignore-case.
      if (kind == null || kind == StringMatch.Kind.EQUALS_IGNORE_CASE) {
        throw invalidPolicy("Unsupported anything-but pattern: " + inner.getKey());
      }
      String text = text(inner.getValue(), inner.getKey());
      if (text.isEmpty()) {
        throw invalidPolicy("Null prefix/suffix not allowed");
      }
      onlyOneKey(operand.size() == 1);
      onlyOneKey(single);
      StringMatch pattern = new StringMatch(kind, text);
      limitWildcards(pattern.wildcards());
      return AnythingBut.pattern(pattern);
    }
    AnythingBut match;
    if (operand.isArray()) {
      match = anythingButList(operand);
    } else if (operand.isTextual()) {
      match = AnythingBut.strings(Set.of(operand.textValue()));
    } else if (operand.isNumber()) {
      match = AnythingBut.numbers(List.of(bound(operand)));
    } else {
      throw invalidPolicy("Value of anything-but must be an array or single string/number value.");
    }
    if (!single) {
      throw tooManyElements();
    }
    return match;
  }

  private static AnythingBut anythingButList(JsonNode list) {
    Set<String> strings = new HashSet<>();
    List<BigDecimal> numbers = new ArrayList<>();
    for (JsonNode value : list) {
      if (value.isTextual()) {
        strings.add(value.textValue());
      } else if (value.isNumber()) {
        numbers.add(bound(value));
      } else {
        throw invalidPolicy("Inside anything but list, start|null|boolean is not supported.");
      }
    }
    if (strings.isEmpty() == numbers.isEmpty()) {
      throw invalidPolicy("Inside anything but list, either all values are number or string, mixed type is not supported");
    }
    return strings.isEmpty() ? AnythingBut.numbers(numbers) : AnythingBut.strings(strings);
  }

  /** {@code ["=", n]}, {@code ["<", n]}, {@code ["<=", n]}, {@code [">", n]}, {@code [">=", n]}, or a range. */
  private static NumericMatch numeric(JsonNode terms) {
    if (terms.isEmpty()) {
      throw invalidPolicy("Invalid member in numeric match: ]");
    }
    if (!terms.get(0).isTextual()) {
      throw invalidPolicy("Invalid member in numeric match: " + tokenText(terms.get(0)));
    }
    String operator = terms.get(0).textValue();
    JsonNode value = terms.get(1);
    switch (operator) {
      case "=" -> {
        requireNumber(value, "equals");
        requireSize(terms, 2);
        return NumericMatch.equalTo(bound(value));
      }
      case "<", "<=" -> {
        requireNumber(value, operator);
        requireSize(terms, 2);
        return new NumericMatch(null, false, bound(value), operator.equals("<"));
      }
      case ">", ">=" -> {
        requireNumber(value, operator);
        boolean lowerOpen = operator.equals(">");
        return terms.size() == 2
            ? new NumericMatch(bound(value), lowerOpen, null, false)
            : range(terms, bound(value), lowerOpen);
      }
      default -> throw invalidPolicy("Unrecognized numeric range operator: " + operator);
    }
  }

  private static NumericMatch range(JsonNode terms, BigDecimal lower, boolean lowerOpen) {
    JsonNode second = terms.get(2);
    if (!second.isTextual()) {
      throw invalidPolicy("Bad value in numeric range: " + tokenText(second));
    }
    String operator = second.textValue();
    if (!operator.equals("<") && !operator.equals("<=")) {
      throw invalidPolicy("Bad numeric range operator: " + operator);
    }
    requireNumber(terms.get(3), operator);
    if (terms.size() > 4) {
      throw invalidPolicy("Too many terms in numeric range expression");
    }
    BigDecimal upper = bound(terms.get(3));
    if (lower.compareTo(upper) >= 0) {
      throw invalidPolicy("Bottom must be less than top");
    }
    return new NumericMatch(lower, lowerOpen, upper, operator.equals("<"));
  }

  private static void requireNumber(JsonNode value, String operator) {
    if (value == null || !value.isNumber()) {
      throw invalidPolicy("Value of " + operator + " must be numeric");
    }
  }

  private static void requireSize(JsonNode terms, int size) {
    if (terms.size() > size) {
      throw tooManyElements();
    }
  }

  /** A number a numeric condition compares with: within SNS's range, rounded to five decimals. */
  private static BigDecimal bound(JsonNode number) {
    BigDecimal value = number.decimalValue();
    if (!Numbers.representable(value)) {
      throw invalidPolicy("Value must be between -1.0E9 and 1.0E9, inclusive");
    }
    return Numbers.comparable(value);
  }

  private static String text(JsonNode operand, String keyword) {
    if (!operand.isTextual()) {
      throw invalidPolicy(keyword + " match pattern must be a string");
    }
    return operand.textValue();
  }

  private static void onlyOneKey(boolean single) {
    if (!single) {
      throw invalidPolicy("Only one key allowed in match expression");
    }
  }

  /** "Filter policy constraints": at most three wildcards in one pattern. */
  private static void limitWildcards(int wildcards) {
    if (wildcards > MAX_WILDCARDS_PER_PATTERN) {
      throw invalidPolicy("Filter policy is too complex");
    }
  }

  private static AwsException tooManyElements() {
    return invalidPolicy("Too many elements in numeric expression");
  }

  /** How AWS's JSON parser shows a token in its messages. */
  private static String tokenText(JsonNode node) {
    return node.isObject() ? "{" : node.isArray() ? "[" : node.asText();
  }
}
