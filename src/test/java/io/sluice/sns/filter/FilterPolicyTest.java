package io.sluice.sns.filter;

import static io.sluice.sns.filter.FilterPolicyScope.MessageAttributes;
import static io.sluice.sns.filter.FilterPolicyScope.MessageBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sluice.protocol.AwsException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SNS subscription filter policies, table by table: the examples of the AWS SNS Developer Guide
 * ("String value matching", "Numeric value matching", "Key matching", "AND/OR logic", "Example filter
 * policies", "Filter policy constraints") and the error messages AWS answers with. Policies, bodies and
 * array attributes are written with single quotes for readability.
 */
class FilterPolicyTest {
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
  private static final String INVALID = "Invalid parameter: FilterPolicy: ";

  // Policies from "String value matching", "Numeric value matching" and "Key matching".
  private static final String RUGBY_OR_TENNIS = "{'customer_interests': ['rugby', 'tennis']}";
  private static final String ANYTHING_BUT_RUGBY_TENNIS = "{'customer_interests': [{'anything-but': ['rugby', 'tennis']}]}";
  private static final String ANYTHING_BUT_ORDER_PREFIX = "{'event': [{'anything-but': {'prefix': 'order-'}}]}";
  private static final String ANYTHING_BUT_BALL_WILDCARD = "{'customer_interests': [{'anything-but': {'wildcard': '*ball'}}]}";
  private static final String ANYTHING_BUT_BALL_SUFFIX = "{'customer_interests': [{'anything-but': {'suffix': 'ball'}}]}";
  private static final String TENNIS_ANY_CASE = "{'customer_interests': [{'equals-ignore-case': 'tennis'}]}";
  private static final String SUBNET = "{'source_ip': [{'cidr': '10.0.0.0/24'}]}";
  private static final String PREFIX_BAS = "{'customer_interests': [{'prefix': 'bas'}]}";
  private static final String SUFFIX_BALL = "{'customer_interests': [{'suffix': 'ball'}]}";
  private static final String WILDCARD_BALL = "{'customer_interests': [{'wildcard': '*ball'}]}";
  private static final String PRICE_EQUALS = "{'price_usd': [{'numeric': ['=', 301.5]}]}";
  private static final String PRICE_NOT_100_OR_500 = "{'price': [{'anything-but': [100, 500]}]}";
  private static final String NEGATIVE_PRICE = "{'price_usd': [{'numeric': ['<', 0]}]}";
  private static final String PRICE_UP_TO_150 = "{'price_usd': [{'numeric': ['>', 0, '<=', 150]}]}";
  private static final String STORE_EXISTS = "{'store': [{'exists': true}]}";
  private static final String STORE_ABSENT = "{'store': [{'exists': false}]}";
  // Policies from "AND/OR logic".
  private static final String RUGBY_AND_PRICE = "{'customer_interests': ['rugby'], 'price_usd': [{'numeric': ['>', 100]}]}";
  private static final String THREE_SPORTS = "{'customer_interests': ['rugby', 'football', 'baseball']}";
  private static final String SOURCE_AND_METRIC_OR_NAMESPACE = "{'source': ['aws.cloudwatch'], "
      + "'$or': [{'metricName': ['CPUUtilization']}, {'namespace': ['AWS/EC2']}]}";
  private static final String NESTED_OR = "{'$or': [{'metricName': ['CPUUtilization', 'ReadLatency']}, "
      + "{'namespace': ['AWS/EC2', 'AWS/ES']}], 'detail': {'scope': ['Service'], "
      + "'$or': [{'source': ['aws.cloudwatch']}, {'type': ['CloudWatch Alarm State Change']}]}}";
  // Policies from "Example filter policies".
  private static final String ACCEPTS_EXAMPLE = "{'store': ['example_corp'], 'event': [{'anything-but': 'order_cancelled'}], "
      + "'customer_interests': ['rugby', 'football', 'baseball'], 'price_usd': [{'numeric': ['>=', 100]}]}";
  private static final String REJECTS_EXAMPLE = "{'store': ['example_corp'], 'event': ['order_cancelled'], "
      + "'encrypted': [false], 'customer_interests': ['basketball', 'baseball']}";

  /** Single quotes to double quotes, so that tables stay readable. */
  private static String j(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  /**
   * A row for both scopes: {@code message} is the JSON body, and its top-level members are also published
   * as attributes (a string as String, a number as Number, an array as String.Array).
   */
  private static Arguments example(String example, String policy, String message, boolean matches) {
    return Arguments.of(example, j(policy), j(message), matches);
  }

  /** A row for the attribute scope only; the attributes are (name, data type, value) triples. */
  private static Arguments attributes(String example, String policy, boolean matches, String... nameTypeValue) {
    Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
    for (int i = 0; i < nameTypeValue.length; i += 3) {
      String value = nameTypeValue[i + 2] == null ? null : j(nameTypeValue[i + 2]);
      attributes.put(nameTypeValue[i], new MessageAttributeValue(nameTypeValue[i + 1], value));
    }
    return Arguments.of(example, j(policy), attributes, matches);
  }

  private static Arguments rejected(String example, FilterPolicyScope scope, String policy, String reason) {
    return Arguments.of(example, scope, j(policy), INVALID + reason);
  }

  /** The message's top-level members as typed SNS message attributes. */
  private static Map<String, MessageAttributeValue> asAttributes(JsonNode message) {
    Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
    message.properties().forEach(member -> {
      JsonNode value = member.getValue();
      MessageAttributeValue attribute = value.isTextual() ? MessageAttributeValue.string(value.textValue())
          : value.isNumber() ? MessageAttributeValue.number(value.asText())
          : value.isArray() ? MessageAttributeValue.stringArray(value.toString())
          : null;
      if (attribute == null) {
        throw new IllegalArgumentException("No SNS attribute type for " + value);
      }
      attributes.put(member.getKey(), attribute);
    });
    return attributes;
  }

  // ---- both scopes ----------------------------------------------------------------------------------

  static Stream<Arguments> documentedExamples() {
    String anythingButOrExists = "{'ci': [{'anything-but': ['rugby']}, {'exists': false}]}";
    String nullOrAnythingBut = "{'attr1': [null, {'anything-but': 'whatever'}]}";
    String exampleMessage = "{'customer_interests': ['soccer', 'rugby', 'hockey'], 'store': 'example_corp', "
        + "'event': 'order_placed', 'price_usd': 210.75}";
    return Stream.of(
        example("exact: rugby", RUGBY_OR_TENNIS, "{'customer_interests': 'rugby'}", true),
        example("exact: tennis", RUGBY_OR_TENNIS, "{'customer_interests': 'tennis'}", true),
        example("exact: array of rugby, tennis", RUGBY_OR_TENNIS, "{'customer_interests': ['rugby', 'tennis']}", true),
        example("exact: baseball", RUGBY_OR_TENNIS, "{'customer_interests': 'baseball'}", false),
        example("exact: array of baseball", RUGBY_OR_TENNIS, "{'customer_interests': ['baseball']}", false),
        example("exact: is case-sensitive", RUGBY_OR_TENNIS, "{'customer_interests': 'Rugby'}", false),
        example("anything-but list: baseball", ANYTHING_BUT_RUGBY_TENNIS, "{'customer_interests': 'baseball'}", true),
        example("anything-but list: football", ANYTHING_BUT_RUGBY_TENNIS, "{'customer_interests': 'football'}", true),
        example("anything-but list: array with one value not listed", ANYTHING_BUT_RUGBY_TENNIS,
            "{'customer_interests': ['rugby', 'baseball']}", true),
        example("anything-but list: rugby", ANYTHING_BUT_RUGBY_TENNIS, "{'customer_interests': 'rugby'}", false),
        example("anything-but list: array of listed values only", ANYTHING_BUT_RUGBY_TENNIS,
            "{'customer_interests': ['rugby']}", false),
        example("anything-but list: absent", ANYTHING_BUT_RUGBY_TENNIS, "{'other': 'x'}", false),
        example("anything-but prefix: data-entry", ANYTHING_BUT_ORDER_PREFIX, "{'event': 'data-entry'}", true),
        example("anything-but prefix: order_number", ANYTHING_BUT_ORDER_PREFIX, "{'event': 'order_number'}", true),
        example("anything-but prefix: order-cancelled", ANYTHING_BUT_ORDER_PREFIX, "{'event': 'order-cancelled'}",
            false),
        example("anything-but wildcard: hockey, rugby, soccer", ANYTHING_BUT_BALL_WILDCARD,
            "{'customer_interests': ['hockey', 'rugby', 'soccer']}", true),
        example("anything-but wildcard: baseball, basketball", ANYTHING_BUT_BALL_WILDCARD,
            "{'customer_interests': ['baseball', 'basketball']}", false),
        example("anything-but suffix: hockey, rugby, soccer", ANYTHING_BUT_BALL_SUFFIX,
            "{'customer_interests': ['hockey', 'rugby', 'soccer']}", true),
        example("anything-but suffix: baseball, basketball", ANYTHING_BUT_BALL_SUFFIX,
            "{'customer_interests': ['baseball', 'basketball']}", false),
        example("anything-but with exists false: absent", anythingButOrExists, "{'other': 'x'}", true),
        example("anything-but with exists false: tennis", anythingButOrExists, "{'ci': 'tennis'}", true),
        example("anything-but with exists false: rugby", anythingButOrExists, "{'ci': 'rugby'}", false),
        example("equals-ignore-case: TENNIS", TENNIS_ANY_CASE, "{'customer_interests': 'TENNIS'}", true),
        example("equals-ignore-case: Tennis", TENNIS_ANY_CASE, "{'customer_interests': 'Tennis'}", true),
        example("equals-ignore-case: teNnis", TENNIS_ANY_CASE, "{'customer_interests': 'teNnis'}", true),
        example("equals-ignore-case: tennis court", TENNIS_ANY_CASE, "{'customer_interests': 'tennis court'}", false),
        example("cidr: 10.0.0.0", SUBNET, "{'source_ip': '10.0.0.0'}", true),
        example("cidr: 10.0.0.255", SUBNET, "{'source_ip': '10.0.0.255'}", true),
        example("cidr: 10.1.1.0", SUBNET, "{'source_ip': '10.1.1.0'}", false),
        example("cidr: not an address", SUBNET, "{'source_ip': 'ten.0.0.1'}", false),
        example("prefix: baseball", PREFIX_BAS, "{'customer_interests': 'baseball'}", true),
        example("prefix: basketball", PREFIX_BAS, "{'customer_interests': 'basketball'}", true),
        example("prefix: rugby", PREFIX_BAS, "{'customer_interests': 'rugby'}", false),
        example("suffix: baseball", SUFFIX_BALL, "{'customer_interests': 'baseball'}", true),
        example("suffix: basketball", SUFFIX_BALL, "{'customer_interests': 'basketball'}", true),
        example("suffix: rugby", SUFFIX_BALL, "{'customer_interests': 'rugby'}", false),
        example("wildcard: baseball, basketball", WILDCARD_BALL, "{'customer_interests': ['baseball', 'basketball']}",
            true),
        example("wildcard: rugby", WILDCARD_BALL, "{'customer_interests': 'rugby'}", false),
        example("wildcard: escaped star is literal", "{'file': [{'wildcard': 'a\\\\*b*'}]}", "{'file': 'a*bcd'}", true),
        example("wildcard: escaped star is not a wildcard", "{'file': [{'wildcard': 'a\\\\*b*'}]}",
            "{'file': 'axbcd'}", false),
        example("numeric =: 301.5", PRICE_EQUALS, "{'price_usd': 301.5}", true),
        example("numeric =: 3.015e2", PRICE_EQUALS, "{'price_usd': 3.015e2}", true),
        example("numeric =: 301.49", PRICE_EQUALS, "{'price_usd': 301.49}", false),
        example("numeric =: a string is not a number", PRICE_EQUALS, "{'price_usd': '301.5'}", false),
        example("numeric anything-but: 101", PRICE_NOT_100_OR_500, "{'price': 101}", true),
        example("numeric anything-but: 100.1", PRICE_NOT_100_OR_500, "{'price': 100.1}", true),
        example("numeric anything-but: [100, 50]", PRICE_NOT_100_OR_500, "{'price': [100, 50]}", true),
        example("numeric anything-but: 100", PRICE_NOT_100_OR_500, "{'price': 100}", false),
        example("numeric <: -0.5", NEGATIVE_PRICE, "{'price_usd': -0.5}", true),
        example("numeric <: 0", NEGATIVE_PRICE, "{'price_usd': 0}", false),
        example("numeric range: 150 is included", PRICE_UP_TO_150, "{'price_usd': 150}", true),
        example("numeric range: 0.01", PRICE_UP_TO_150, "{'price_usd': 0.01}", true),
        example("numeric range: 0 is excluded", PRICE_UP_TO_150, "{'price_usd': 0}", false),
        example("numeric range: 150.5", PRICE_UP_TO_150, "{'price_usd': 150.5}", false),
        example("numbers: equal to five decimals", "{'n': [{'numeric': ['=', 5.000001]}]}", "{'n': 5.000004}", true),
        example("numbers: different at the fifth decimal", "{'n': [{'numeric': ['=', 5]}]}", "{'n': 5.00001}", false),
        example("numbers: out of range never compares", "{'n': [{'numeric': ['>', 0]}]}", "{'n': 2000000000}", false),
        example("numbers: out-of-range literal matches literally", "{'account': [123456789012]}",
            "{'account': 123456789012}", true),
        example("exists true: store present", STORE_EXISTS,
            "{'store': 'fans', 'customer_interests': ['baseball', 'basketball']}", true),
        example("exists true: store absent", STORE_EXISTS, "{'customer_interests': ['baseball', 'basketball']}", false),
        example("exists false: store present", STORE_ABSENT,
            "{'store': 'fans', 'customer_interests': ['baseball', 'basketball']}", false),
        example("exists false: store absent", STORE_ABSENT, "{'customer_interests': ['baseball', 'basketball']}", true),
        example("AND: rugby and 150", RUGBY_AND_PRICE, "{'customer_interests': 'rugby', 'price_usd': 150}", true),
        example("AND: rugby and 100", RUGBY_AND_PRICE, "{'customer_interests': 'rugby', 'price_usd': 100}", false),
        example("AND: football and 150", RUGBY_AND_PRICE, "{'customer_interests': 'football', 'price_usd': 150}",
            false),
        example("AND: rugby without a price", RUGBY_AND_PRICE, "{'customer_interests': 'rugby'}", false),
        example("OR values: football", THREE_SPORTS, "{'customer_interests': 'football'}", true),
        example("OR values: hockey", THREE_SPORTS, "{'customer_interests': 'hockey'}", false),
        example("$or: source and metricName", SOURCE_AND_METRIC_OR_NAMESPACE,
            "{'source': 'aws.cloudwatch', 'metricName': 'CPUUtilization'}", true),
        example("$or: source and namespace", SOURCE_AND_METRIC_OR_NAMESPACE,
            "{'source': 'aws.cloudwatch', 'namespace': 'AWS/EC2'}", true),
        example("$or: source alone", SOURCE_AND_METRIC_OR_NAMESPACE, "{'source': 'aws.cloudwatch'}", false),
        example("$or: metricName without source", SOURCE_AND_METRIC_OR_NAMESPACE, "{'metricName': 'CPUUtilization'}",
            false),
        example("$or of match expressions is a field named $or", "{'$or': [{'prefix': 'abc'}, {'suffix': 'xyz'}]}",
            "{'$or': 'wxyz'}", true),
        example("example: policy that accepts the example message", ACCEPTS_EXAMPLE, exampleMessage, true),
        example("example: policy that rejects the example message", REJECTS_EXAMPLE, exampleMessage, false),
        example("types: number literal vs number 5.0", "{'n': [5]}", "{'n': 5.0}", true),
        example("types: number literal vs string 5", "{'n': [5]}", "{'n': '5'}", false),
        example("types: string literal vs number 5", "{'n': ['5']}", "{'n': 5}", false),
        example("types: string literal vs string 5", "{'n': ['5']}", "{'n': '5'}", true),
        example("types: numeric = vs string 5", "{'n': [{'numeric': ['=', 5]}]}", "{'n': '5'}", false),
        example("types: array element number", "{'tags': [1, true, null]}", "{'tags': [1]}", true),
        example("types: array element true", "{'tags': [1, true, null]}", "{'tags': [true]}", true),
        example("types: array element null", "{'tags': [1, true, null]}", "{'tags': [null]}", true),
        example("types: array element string '1'", "{'tags': [1, true, null]}", "{'tags': ['1']}", false),
        example("types: array elements against a numeric range", "{'sizes': [{'numeric': ['>=', 10]}]}",
            "{'sizes': [1, 20]}", true),
        example("types: anything-but a string accepts a number", "{'a': [{'anything-but': 'x'}]}", "{'a': 5}", true),
        example("null does not match an absent field", nullOrAnythingBut, "{'other': 'x'}", false),
        example("null or anything-but: other value", nullOrAnythingBut, "{'attr1': 'x'}", true),
        example("null or anything-but: excluded value", nullOrAnythingBut, "{'attr1': 'whatever'}", false),
        example("cidr: IPv6 inside", "{'ip': [{'cidr': '2001:db8::/32'}]}", "{'ip': '2001:db8::1'}", true),
        example("cidr: IPv6 outside", "{'ip': [{'cidr': '2001:db8::/32'}]}", "{'ip': '2001:db9::1'}", false),
        example("cidr: IPv4 value for an IPv6 block", "{'ip': [{'cidr': '2001:db8::/32'}]}", "{'ip': '10.0.0.1'}",
            false),
        example("cidr: range starts at the written address", "{'ip': [{'cidr': '10.0.0.5/24'}]}",
            "{'ip': '10.0.0.4'}", false),
        example("cidr: range ends at the block's end", "{'ip': [{'cidr': '10.0.0.5/24'}]}", "{'ip': '10.0.0.255'}",
            true),
        example("exact: IP literals compare as addresses", "{'ip': ['::1']}", "{'ip': '0:0:0:0:0:0:0:1'}", true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("documentedExamples")
  void documentedExampleMatchesInBothScopes(String example, String policy, String message, boolean expected)
      throws Exception {
    // Given the policy for each scope
    FilterPolicy onAttributes = FilterPolicy.parse(policy, MessageAttributes);
    FilterPolicy onBody = FilterPolicy.parse(policy, MessageBody);
    // When the message's values come as attributes, or as its JSON body
    JsonNode body = JSON.readTree(message);
    // Then the message passes, or not, as AWS documents, in both scopes
    assertEquals(expected, onAttributes.matches(asAttributes(body)), "attribute scope");
    assertEquals(expected, onBody.matches(body), "body scope");
    assertEquals(expected, onBody.matches(Map.of(), message), "body scope, message text");
  }

  // ---- attribute scope only -------------------------------------------------------------------------

  static Stream<Arguments> attributeTypeCases() {
    return Stream.of(
        attributes("Binary exists", "{'blob': [{'exists': true}]}", true, "blob", "Binary", null),
        attributes("Binary is not absent", "{'blob': [{'exists': false}]}", false, "blob", "Binary", null),
        attributes("Binary has no value to match", "{'blob': [{'anything-but': 'x'}]}", false, "blob", "Binary", null),
        attributes("custom Number.float type", "{'n': [{'numeric': ['>', 1]}]}", true, "n", "Number.float", "2"),
        attributes("custom String.label type", "{'s': ['a']}", true, "s", "String.label", "a"),
        attributes("Number.Array from the numeric examples", PRICE_NOT_100_OR_500, true,
            "price", "Number.Array", "[100, 50]"),
        attributes("String.Array that is not JSON", RUGBY_OR_TENNIS, false,
            "customer_interests", "String.Array", "rugby"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attributeTypeCases")
  void attributeDataTypesDecideWhatCanMatch(String example, String policy,
      Map<String, MessageAttributeValue> attributes, boolean expected) {
    // Given an attribute-scope policy
    FilterPolicy filter = FilterPolicy.parse(policy, MessageAttributes);
    // When a message with these typed attributes is published, Then the data types decide the outcome
    assertEquals(expected, filter.matches(attributes));
  }

  // ---- body scope only ------------------------------------------------------------------------------

  static Stream<Arguments> bodyOnlyCases() {
    String records = "{'Records': {'s3': {'object': {'key': [{'prefix': 'auto-'}]}}, "
        + "'eventName': [{'prefix': 'ObjectCreated:'}]}}";
    String nestedWithAbsence = "{'object': {'key': [{'prefix': 'auto-'}, 'hardcodedvalue'], "
        + "'nested_key': [{'exists': false}]}, 'test': [{'exists': false}]}";
    String deepDotted = "{'object.nested.test': ['string.value']}";
    String routeToQueue1 = "{'headers': {'route-to': ['queue1']}}";
    return Stream.of(
        example("exists: only leaves count, an object is absent", STORE_EXISTS, "{'store': {'name': 'fans'}}", false),
        example("exists: a null leaf is present", STORE_EXISTS, "{'store': null}", true),
        example("exists: an empty array is absent", STORE_ABSENT, "{'store': []}", true),
        example("nested $or: metricName, scope and source", NESTED_OR,
            "{'metricName': 'CPUUtilization', 'detail': {'scope': 'Service', 'source': 'aws.cloudwatch'}}", true),
        example("nested $or: namespace, scope and source", NESTED_OR,
            "{'namespace': 'AWS/EC2', 'detail': {'scope': 'Service', 'source': 'aws.cloudwatch'}}", true),
        example("nested $or: metricName, scope and type", NESTED_OR,
            "{'metricName': 'ReadLatency', 'detail': {'scope': 'Service', 'type': 'CloudWatch Alarm State Change'}}",
            true),
        example("nested $or: wrong scope", NESTED_OR, "{'metricName': 'CPUUtilization', "
            + "'detail': {'scope': 'aws.cloudwatch', 'type': 'CloudWatch Alarm State Change'}}", false),
        example("nested $or: wrong type", NESTED_OR,
            "{'metricName': 'CPUUtilization', 'detail': {'scope': 'Service', 'type': 'CPUUtilization'}}", false),
        example("nested $or: scope missing", NESTED_OR,
            "{'metricName': 'CPUUtilization', 'detail': {'type': 'CloudWatch Alarm State Change'}}", false),
        example("nested $or: neither source nor type", NESTED_OR,
            "{'metricName': 'CPUUtilization', 'detail': {'scope': 'Service'}}", false),
        example("nested $or: scope at the wrong level", NESTED_OR,
            "{'metricName': 'CPUUtilization', 'scope': 'Service'}", false),
        example("nested $or: wrong metricName", NESTED_OR,
            "{'metricName': 'AWS/EC2', 'detail': {'scope': 'Service', 'source': 'aws.cloudwatch'}}", false),
        example("nested: prefix", nestedWithAbsence, "{'object': {'key': 'auto-test'}}", true),
        example("nested: literal", nestedWithAbsence, "{'object': {'key': 'hardcodedvalue'}}", true),
        example("nested: wrong prefix", nestedWithAbsence, "{'object': {'key': 'test-auto'}}", false),
        example("nested: top-level key that must be absent", nestedWithAbsence,
            "{'object': {'key': 'auto-test'}, 'test': 'just-exists'}", false),
        example("nested: nested key that must be absent", nestedWithAbsence,
            "{'object': {'key': 'auto-test', 'nested_key': 'just-exists'}}", false),
        example("nested: key missing", nestedWithAbsence, "{'object': {'test': 'auto-test'}}", false),
        example("nested: object missing", nestedWithAbsence, "{'test': 'auto-test'}", false),
        example("dotted key: nested body", "{'object.nested': ['string.value']}",
            "{'object': {'nested': 'string.value'}}", true),
        example("dotted key: dotted body key", "{'object.nested': ['string.value']}",
            "{'object.nested': 'string.value'}", true),
        example("dotted key: other value", "{'object.nested': ['string.value']}",
            "{'object': {'nested': 'test-auto'}}", false),
        example("dotted key: three levels nested", deepDotted, "{'object': {'nested': {'test': 'string.value'}}}", true),
        example("dotted key: three levels dotted", deepDotted, "{'object.nested.test': 'string.value'}", true),
        example("dotted key: dotted then nested", deepDotted, "{'object.nested': {'test': 'string.value'}}", true),
        example("dotted key: nested then dotted", deepDotted, "{'object': {'nested.test': 'string.value'}}", true),
        example("arrays: another queue", routeToQueue1, "{'headers': {'route-to': ['queue3']}}", false),
        example("arrays: this queue", routeToQueue1, "{'headers': {'route-to': ['queue1']}}", true),
        example("arrays: both queues", routeToQueue1, "{'headers': {'route-to': ['queue1', 'queue2']}}", true),
        example("arrays of objects: auto insurance created", records,
            "{'Records': [{'eventName': 'ObjectCreated:Put', 's3': {'object': {'key': 'auto-insurance-2314.xml'}}}]}",
            true),
        example("arrays of objects: auto insurance removed", records,
            "{'Records': [{'eventName': 'ObjectRemoved:Delete', 's3': {'object': {'key': 'auto-insurance.xml'}}}]}",
            false),
        example("arrays of objects: home insurance created", records,
            "{'Records': [{'eventName': 'ObjectCreated:Put', 's3': {'object': {'key': 'home-insurance-2314.xml'}}}]}",
            false),
        example("arrays of objects: arrays of arrays", records,
            "{'Records': [{'eventName': 'ObjectCreated:Put', 's3': {'object': [[{'key': 'auto-insurance.xml'}]]}}, "
                + "{'eventName': 'ObjectRemoved:Delete', 's3': {'object': {'key': 'home-insurance.xml'}}}]}", true),
        example("types: false matches false", "{'encrypted': [false]}", "{'encrypted': false}", true),
        example("types: false does not match 'false'", "{'encrypted': [false]}", "{'encrypted': 'false'}", false),
        example("types: null matches null", "{'a': [null]}", "{'a': null}", true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bodyOnlyCases")
  void bodyPolicyMatchesNestedJson(String example, String policy, String message, boolean expected)
      throws Exception {
    // Given a body-scope policy
    FilterPolicy filter = FilterPolicy.parse(policy, MessageBody);
    // When a message with this JSON body is published, Then it passes, or not, as AWS does
    assertEquals(expected, filter.matches(JSON.readTree(message)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Regular string message", "\"a JSON string\"", "[{\"store\": \"fans\"}]", "42", "", "{"})
  void bodyThatIsNotAJsonObjectNeverMatches(String message) {
    // Given a body-scope policy any object without a store would pass
    FilterPolicy filter = FilterPolicy.parse(j(STORE_ABSENT), MessageBody);
    // When the message is not a JSON object, Then it never passes
    assertFalse(filter.matches(Map.of(), message));
  }

  // ---- validation -----------------------------------------------------------------------------------

  static Stream<Arguments> invalidPolicies() {
    String tooManyValues = "{'key': [" + values("v", 151) + "]}";
    String twoKeysTooMany = "{'key1': [" + values("a", 100) + "], 'key2': [" + values("b", 51) + "]}";
    String orFlat152 = "{'source': ['aws.cloudwatch', 'aws.events', 'aws.test', 'aws.test2'], "
        + "'$or': [{'metricName': ['CPUUtilization', 'ReadLatency', 't1', 't2', 't3', 't4']}, "
        + "{'metricType': ['MetricType', 'TestType', 'TestType2', 'TestType3'], "
        + "'$or': [{'metricId': [1234, 4321, 5678, 9012]}, {'spaceId': [1, 2, 3, 4]}]}]}";
    String orNested160 = "{'$or': [{'metricName': ['CPUUtilization', 'ReadLatency', 'TestValue']}, "
        + "{'namespace': ['AWS/EC2', 'AWS/ES']}], 'detail': {'scope': ['Service', 'Test'], "
        + "'$or': [{'source': ['aws.cloudwatch']}, {'type': ['CloudWatch Alarm State Change', 'TestValue', 'TestValue2']}]}}";
    String nested216 = "{'key_a': {'key_b': {'key_c': ['value_one', 'value_two', 'value_three', 'value_four']}}, "
        + "'key_d': {'key_e': ['value_one', 'value_two', 'value_three']}, "
        + "'key_f': ['value_one', 'value_two', 'value_three']}";
    String elevenAnythingButs = "{'key': [" + IntStream.range(0, 11)
        .mapToObj(i -> "{'anything-but': 'v" + i + "'}").collect(Collectors.joining(", ")) + "]}";
    return Stream.of(
        rejected("empty object", MessageAttributes, "{}", "Filter policy can not be empty"),
        rejected("blank text", MessageAttributes, " ", "Filter policy can not be empty"),
        rejected("not an object", MessageAttributes, "['a']", "Filter is not an object"),
        rejected("array in a match array", MessageAttributes, "{'key': [['value']]}",
            "Match value must be String, number, true, false, or null"),
        rejected("unknown operator", MessageAttributes, "{'key': [{'wrong-operator': true}]}",
            "Unrecognized match type wrong-operator"),
        rejected("two operators", MessageAttributes, "{'key': [{'suffix': 'value', 'prefix': 'value2'}]}",
            "Only one key allowed in match expression"),
        rejected("suffix number", MessageAttributes, "{'key': [{'suffix': 100}]}", "suffix match pattern must be a string"),
        rejected("suffix null", MessageAttributes, "{'key': [{'suffix': null}]}", "suffix match pattern must be a string"),
        rejected("suffix empty list", MessageAttributes, "{'key': [{'suffix': []}]}",
            "suffix match pattern must be a string"),
        rejected("suffix list", MessageAttributes, "{'key': [{'suffix': ['test', 'test2']}]}",
            "suffix match pattern must be a string"),
        rejected("prefix number", MessageAttributes, "{'key': [{'prefix': 1}]}", "prefix match pattern must be a string"),
        rejected("equals-ignore-case number", MessageAttributes, "{'key': [{'equals-ignore-case': 5}]}",
            "equals-ignore-case match pattern must be a string"),
        rejected("operator outside an array", MessageAttributes, "{'key': {'suffix': 'value'}}",
            "\"suffix\" must be an object or an array"),
        rejected("two operators outside an array", MessageAttributes, "{'key': {'suffix': 'value', 'prefix': 'value'}}",
            "\"suffix\" must be an object or an array"),
        rejected("not an operator outside an array", MessageAttributes, "{'key': {'not-an-operator': 'value'}}",
            "\"not-an-operator\" must be an object or an array"),
        rejected("scalar instead of an array", MessageBody, "{'key_a': 'value_one'}",
            "\"key_a\" must be an object or an array"),
        rejected("empty match array", MessageAttributes, "{'key': []}", "Empty arrays are not allowed"),
        rejected("empty nested object", MessageBody, "{'a': {}}", "Empty objects are not allowed"),
        rejected("empty match expression", MessageAttributes, "{'key': [{}]}", "Match expression name not found"),
        rejected("numeric empty", MessageAttributes, "{'key': [{'numeric': []}]}", "Invalid member in numeric match: ]"),
        rejected("numeric not an array", MessageAttributes, "{'key': [{'numeric': 5}]}",
            "Value of numeric must be an array."),
        rejected("numeric unknown operator", MessageAttributes, "{'key': [{'numeric': ['operator']}]}",
            "Unrecognized numeric range operator: operator"),
        rejected("numeric value first", MessageAttributes, "{'key': [{'numeric': [1, '<=']}]}",
            "Invalid member in numeric match: 1"),
        rejected("numeric = string", MessageAttributes, "{'key': [{'numeric': ['=', '000']}]}",
            "Value of equals must be numeric"),
        rejected("numeric missing value", MessageAttributes, "{'key': [{'numeric': ['>=']}]}",
            "Value of >= must be numeric"),
        rejected("numeric upper bound first", MessageAttributes, "{'key': [{'numeric': ['<', 100, '>', 10]}]}",
            "Too many elements in numeric expression"),
        rejected("numeric = with two values", MessageAttributes, "{'key': [{'numeric': ['=', 1, 2]}]}",
            "Too many elements in numeric expression"),
        rejected("numeric two lower bounds", MessageAttributes, "{'key': [{'numeric': ['>=', 1, '>', 2]}]}",
            "Bad numeric range operator: >"),
        rejected("numeric bottom above top", MessageAttributes, "{'key': [{'numeric': ['>', 3, '<', 1]}]}",
            "Bottom must be less than top"),
        rejected("numeric range missing top", MessageAttributes, "{'key': [{'numeric': ['>', 20, '<=']}]}",
            "Value of <= must be numeric"),
        rejected("numeric range missing operator", MessageAttributes, "{'key': [{'numeric': ['>', 20, 30]}]}",
            "Bad value in numeric range: 30"),
        rejected("numeric range unknown operator", MessageAttributes, "{'key': [{'numeric': ['>', 20, 'test']}]}",
            "Bad numeric range operator: test"),
        rejected("numeric range string bottom", MessageAttributes, "{'key': [{'numeric': ['>', '20', '<', '30']}]}",
            "Value of > must be numeric"),
        rejected("numeric range string top", MessageAttributes, "{'key': [{'numeric': ['>', 20, '<', '30']}]}",
            "Value of < must be numeric"),
        rejected("numeric range too many terms", MessageAttributes,
            "{'key': [{'numeric': ['>', 20, '<', 30, '<', 50]}]}", "Too many terms in numeric range expression"),
        rejected("numeric with a second key", MessageAttributes, "{'key': [{'numeric': ['>', 1], 'x': 1}]}",
            "Too many elements in numeric expression"),
        rejected("numeric out of range", MessageAttributes, "{'key': [{'numeric': ['>', 1E10]}]}",
            "Value must be between -1.0E9 and 1.0E9, inclusive"),
        rejected("exists null", MessageAttributes, "{'key': [{'exists': null}]}",
            "exists match pattern must be either true or false."),
        rejected("exists string", MessageAttributes, "{'key': [{'exists': 'no'}]}",
            "exists match pattern must be either true or false."),
        rejected("anything-but unknown pattern", MessageAttributes, "{'key': [{'anything-but': {'wrong-operator': null}}]}",
            "Unsupported anything-but pattern: wrong-operator"),
        rejected("anything-but exists", MessageAttributes, "{'key': [{'anything-but': {'exists': false}}]}",
            "Unsupported anything-but pattern: exists"),
        rejected("anything-but equals-ignore-case (not documented for SNS)", MessageAttributes,
            "{'key': [{'anything-but': {'equals-ignore-case': 'x'}}]}",
            "Unsupported anything-but pattern: equals-ignore-case"),
        rejected("anything-but prefix not a string", MessageAttributes, "{'key': [{'anything-but': {'prefix': false}}]}",
            "prefix match pattern must be a string"),
        rejected("anything-but empty prefix", MessageAttributes, "{'key': [{'anything-but': {'prefix': ''}}]}",
            "Null prefix/suffix not allowed"),
        rejected("anything-but mixed list", MessageAttributes, "{'key': [{'anything-but': ['a', 1]}]}",
            "Inside anything but list, either all values are number or string, mixed type is not supported"),
        rejected("anything-but empty list", MessageAttributes, "{'key': [{'anything-but': []}]}",
            "Inside anything but list, either all values are number or string, mixed type is not supported"),
        rejected("anything-but boolean in list", MessageAttributes, "{'key': [{'anything-but': [true]}]}",
            "Inside anything but list, start|null|boolean is not supported."),
        rejected("anything-but boolean", MessageAttributes, "{'key': [{'anything-but': true}]}",
            "Value of anything-but must be an array or single string/number value."),
        rejected("anything-but number out of range", MessageAttributes, "{'key': [{'anything-but': [5E9]}]}",
            "Value must be between -1.0E9 and 1.0E9, inclusive"),
        rejected("cidr without mask", MessageAttributes, "{'ip': [{'cidr': '10.0.0.0'}]}",
            "Malformed CIDR, one '/' required"),
        rejected("cidr mask not a number", MessageAttributes, "{'ip': [{'cidr': '10.0.0.0/x'}]}",
            "Malformed CIDR, mask bits must be an integer"),
        rejected("cidr negative mask", MessageAttributes, "{'ip': [{'cidr': '10.0.0.0/-1'}]}",
            "Malformed CIDR, mask bits must not be negative"),
        rejected("cidr full IPv4 mask", MessageAttributes, "{'ip': [{'cidr': '10.0.0.0/32'}]}",
            "IPv4 mask bits must be < 32"),
        rejected("cidr full IPv6 mask", MessageAttributes, "{'ip': [{'cidr': '::1/128'}]}",
            "IPv6 mask bits must be < 128"),
        rejected("cidr not an address", MessageAttributes, "{'ip': [{'cidr': 'foo/8'}]}", "Nonstandard IP address: foo"),
        rejected("cidr not a string", MessageAttributes, "{'ip': [{'cidr': 5}]}", "prefix match pattern must be a string"),
        rejected("wildcard consecutive stars", MessageAttributes, "{'f': [{'wildcard': 'a**b'}]}",
            "Consecutive wildcard characters at pos 1"),
        rejected("wildcard bad escape", MessageAttributes, "{'f': [{'wildcard': 'a\\\\b'}]}",
            "Invalid escape character at pos 1"),
        rejected("wildcard more than three stars", MessageAttributes, "{'f': [{'wildcard': '*a*b*c*'}]}",
            "Filter policy is too complex"),
        rejected("wildcard complexity over 100 points", MessageAttributes, elevenAnythingButs,
            "Filter policy is too complex"),
        rejected("$or of match expressions is a field", MessageAttributes, "{'$or': [{'numeric': 123}, {'prefix': 'abc'}]}",
            "Value of numeric must be an array."),
        rejected("$or with one object is a field", MessageAttributes, "{'$or': [{'metricName': ['CPUUtilization']}]}",
            "Unrecognized match type metricName"),
        rejected("151 values", MessageAttributes, tooManyValues, "Filter policy is too complex"),
        rejected("100 x 51 values", MessageAttributes, twoKeysTooMany, "Filter policy is too complex"),
        rejected("$or adding up to 152", MessageAttributes, orFlat152, "Filter policy is too complex"),
        rejected("nested $or adding up to 160", MessageBody, orNested160, "Filter policy is too complex"),
        rejected("nesting levels multiply: 216", MessageBody, nested216, "Filter policy is too complex"),
        rejected("six keys", MessageAttributes, "{'k1': ['1'], 'k2': ['2'], 'k3': ['3'], 'k4': ['4'], 'k5': ['5'], "
            + "'k6': ['6']}", "Filter policy can not have more than 5 keys"),
        rejected("six leaf keys in a body policy", MessageBody, "{'a': {'k1': ['1'], 'k2': ['2'], 'k3': ['3']}, "
            + "'b': {'k4': ['4'], 'k5': ['5'], 'k6': ['6']}}", "Filter policy can not have more than 5 keys"));
  }

  private static String values(String prefix, int count) {
    return IntStream.range(0, count).mapToObj(i -> "'" + prefix + i + "'").collect(Collectors.joining(", "));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPolicies")
  void invalidPolicyIsRejectedWithAwsReason(String example, FilterPolicyScope scope, String policy, String message) {
    // Given a policy AWS rejects, When it is set, Then it fails with InvalidParameter and AWS's reason
    AwsException error = assertThrows(AwsException.class, () -> FilterPolicy.parse(policy, scope));
    assertEquals("InvalidParameter", error.error().code());
    assertEquals(400, error.error().httpStatus());
    assertEquals(message, error.getMessage());
  }

  @Test
  void nestedPolicyIsRejectedForTheAttributeScopeOnly() {
    // Given a nested policy
    String nested = j("{'object': {'key': [{'prefix': 'auto-'}]}}");
    // When it is set for the attribute scope, Then AWS's own wording rejects it
    AwsException error = assertThrows(AwsException.class, () -> FilterPolicy.parse(nested, MessageAttributes));
    assertEquals("InvalidParameter", error.error().code());
    assertEquals("Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy",
        error.getMessage());
    // When it is set for the body scope, Then it is accepted
    assertEquals(MessageBody, FilterPolicy.parse(nested, MessageBody).scope());
  }

  @Test
  void malformedJsonIsAnInvalidParameter() {
    // Given text that is not JSON, When it is set, Then the JSON parser's reason follows AWS's prefix
    AwsException error = assertThrows(AwsException.class, () -> FilterPolicy.parse("{\"a\": [", MessageAttributes));
    assertEquals("InvalidParameter", error.error().code());
    assertTrue(error.getMessage().startsWith(INVALID), error.getMessage());
  }

  @Test
  void policyOverTwoHundredFiftySixKilobytesIsRejected() {
    // Given a policy one byte over 256 KB
    String prefix = "{\"key\": [\"";
    String suffix = "\"]}";
    String policy = prefix + "x".repeat(256 * 1024 + 1 - prefix.length() - suffix.length()) + suffix;
    // When it is set, Then it is rejected; one byte less is accepted
    AwsException error = assertThrows(AwsException.class, () -> FilterPolicy.parse(policy, MessageAttributes));
    assertEquals(INVALID + "Filter policy is too long", error.getMessage());
    FilterPolicy.parse(policy.replaceFirst("xx", "x"), MessageAttributes);
  }

  // ---- complexity -----------------------------------------------------------------------------------

  static Stream<Arguments> complexities() {
    return Stream.of(
        Arguments.of("constraints: attribute example", MessageAttributes,
            j("{'key_a': ['value_one', 'value_two', 'value_three'], 'key_b': ['value_one'], "
                + "'key_c': ['value_one', 'value_two']}"), 6L),
        Arguments.of("constraints: nested keys count their level", MessageBody,
            j("{'key_a': {'key_b': {'key_c': ['value_one', 'value_two', 'value_three', 'value_four']}}, "
                + "'key_d': {'key_e': ['value_one', 'value_two', 'value_three']}}"), 72L),
        Arguments.of("AND/OR: $or branches add up", MessageAttributes,
            j("{'source': ['aws.cloudwatch'], '$or': [{'metricName': ['CPUUtilization', 'ReadLatency']}, "
                + "{'metricType': ['MetricType'], '$or': [{'metricId': [1234, 4321]}, "
                + "{'spaceId': [1000, 2000, 3000]}]}]}"), 7L),
        Arguments.of("AND/OR: nested $or", MessageBody, j(NESTED_OR), 32L),
        Arguments.of("exactly 150 is allowed", MessageAttributes,
            j("{'source': ['aws.cloudwatch', 'aws.events', 'aws.test'], '$or': [{'metricName': "
                + "['CPUUtilization', 'ReadLatency', 'TestVal', 'TestVal2', 'TestVal3', 'TestVal4']}, "
                + "{'metricType': ['MetricType', 'TestType', 'TestType2', 'TestType3'], "
                + "'$or': [{'metricId': [1234, 4321, 5678, 9012]}, {'spaceId': [1, 2, 3, 4, 5, 6, 7]}]}]}"), 150L),
        Arguments.of("five keys are allowed", MessageAttributes,
            j("{'k1': ['1'], 'k2': ['2'], 'k3': ['3'], 'k4': ['4'], 'k5': ['5', '6']}"), 2L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("complexities")
  void complexityIsAwsTotalCombination(String example, FilterPolicyScope scope, String policy, long expected) {
    // Given a valid policy, When it is parsed, Then its complexity is AWS's total combination
    assertEquals(expected, FilterPolicy.parse(policy, scope).complexity());
  }

  // ---- the policy as a value ------------------------------------------------------------------------

  @Test
  void policyIsStoredAsTheTextGiven() {
    // Given a policy with its own spacing
    String text = "{ \"store\" :[\"example_corp\"],\n \"event\": [ {\"anything-but\": \"order_cancelled\"} ] }";
    // When it is parsed, Then json() and toString() give that text back, as GetSubscriptionAttributes does
    FilterPolicy policy = FilterPolicy.parse(text, MessageAttributes);
    assertEquals(text, policy.json());
    assertEquals(text, policy.toString());
    assertEquals(policy, FilterPolicy.parse(text, MessageAttributes));
  }

  @ParameterizedTest
  @NullSource
  void missingScopeMeansMessageAttributes(FilterPolicyScope scope) {
    // Given no scope, When a policy is parsed, Then it filters on message attributes
    FilterPolicy policy = FilterPolicy.parse(j(STORE_EXISTS), scope);
    assertEquals(MessageAttributes, policy.scope());
    assertTrue(policy.matches(Map.of("store", MessageAttributeValue.string("fans")), "{\"store\": 1}"));
    assertFalse(policy.matches((Map<String, MessageAttributeValue>) null));
  }

  @Test
  void matchingAgainstTheOtherScopeIsAProgrammingError() {
    // Given one policy per scope, When each is asked about the other scope's input, Then that is refused
    FilterPolicy attributes = FilterPolicy.parse(j(STORE_EXISTS), MessageAttributes);
    FilterPolicy body = FilterPolicy.parse(j(STORE_EXISTS), MessageBody);
    assertThrows(IllegalStateException.class, () -> attributes.matches(JSON.createObjectNode()));
    assertThrows(IllegalStateException.class, () -> body.matches(Map.of()));
  }

  @Test
  void scopeAttributeAcceptsOnlyTheTwoScopeNames() {
    // Given the FilterPolicyScope attribute values, When they are read, Then only the two names are accepted
    assertEquals(MessageBody, FilterPolicyScope.fromAttribute("MessageBody"));
    assertEquals(MessageAttributes, FilterPolicyScope.fromAttribute("MessageAttributes"));
    assertEquals(MessageAttributes, FilterPolicyScope.fromAttribute(null));
    AwsException error = assertThrows(AwsException.class, () -> FilterPolicyScope.fromAttribute("RandomValue"));
    assertEquals("InvalidParameter", error.error().code());
    assertEquals("Invalid parameter: FilterPolicyScope: Invalid value [RandomValue]. "
        + "Please use either MessageBody or MessageAttributes", error.getMessage());
  }
}
