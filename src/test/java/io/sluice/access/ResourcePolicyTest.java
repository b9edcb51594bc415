package io.sluice.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.access.ResourcePolicy.Decision;
import org.junit.jupiter.api.Test;

/**
 * The policy language as resource policies use it: statements as object or list, Deny over Allow,
 * principals by account, root ARN, user ARN, {@code *} and service, actions and resources with
 * wildcards, NotPrincipal/NotAction/NotResource, and the string and ARN condition operators.
 */
class ResourcePolicyTest {
  private static final String OWNER = "111111111111";
  private static final String OTHER = "222222222222";
  private static final String QUEUE = "arn:aws:sqs:us-east-1:" + OWNER + ":orders";
  private static final String TOPIC = "arn:aws:sns:us-east-1:" + OTHER + ":events";
  private static final Principal CALLER = Principal.account(OTHER);
  private static final Principal SNS = Principal.service("sns.amazonaws.com", OTHER, TOPIC);

  private static Decision decide(String statements, Principal who, String action) {
    return ResourcePolicy.parse("{\"Version\":\"2012-10-17\",\"Statement\":" + statements + "}")
        .evaluate(who, action, QUEUE);
  }

  private static String allow(String principal, String action) {
    return statement("Allow", principal, action, "\"" + QUEUE + "\"", null);
  }

  /** What the policy says about {@code who} calling sqs:SendMessage on the queue. */
  private static Decision sends(String statements, Principal who) {
    return decide(statements, who, "sqs:SendMessage");
  }

  /** A statement with {@code effect} for anyone's sqs:SendMessage under {@code condition}. */
  private static String sendIf(String effect, String condition) {
    return statement(effect, "\"*\"", "\"sqs:SendMessage\"", null, condition);
  }

  private static String statement(String effect, String principal, String action, String resource,
                                  String condition) {
    return "{\"Effect\":\"" + effect + "\",\"Principal\":" + principal + ",\"Action\":" + action
        + (resource == null ? "" : ",\"Resource\":" + resource)
        + (condition == null ? "" : ",\"Condition\":" + condition) + "}";
  }

  @Test
  void accountIdPrincipalAllowsThatAccount() {
    assertEquals(Decision.ALLOW, decide(allow("{\"AWS\":\"" + OTHER + "\"}", "\"sqs:SendMessage\""), CALLER,
        "sqs:SendMessage"));
  }

  @Test
  void rootArnPrincipalAllowsThatAccount() {
    assertEquals(Decision.ALLOW, decide(allow("{\"AWS\":\"arn:aws:iam::" + OTHER + ":root\"}",
        "\"sqs:SendMessage\""), CALLER, "sqs:SendMessage"));
  }

  @Test
  void principalListAllowsEachAccountInIt() {
    String p = "{\"AWS\":[\"333333333333\",\"" + OTHER + "\"]}";
    assertEquals(Decision.ALLOW, decide("[" + allow(p, "\"sqs:SendMessage\"") + "]", CALLER, "sqs:SendMessage"));
  }

  @Test
  void anotherAccountIsNotMentioned() {
    assertEquals(Decision.NONE, decide(allow("{\"AWS\":\"333333333333\"}", "\"sqs:*\""), CALLER,
        "sqs:SendMessage"));
  }

  @Test
  void userArnPrincipalDoesNotAllowTheAccountRoot() {
    assertEquals(Decision.NONE, decide(allow("{\"AWS\":\"arn:aws:iam::" + OTHER + ":user/alice\"}", "\"sqs:*\""),
        CALLER, "sqs:SendMessage"));
  }

  @Test
  void starPrincipalAllowsAnyoneIncludingServices() {
    assertEquals(Decision.ALLOW, decide(allow("\"*\"", "\"sqs:*\""), CALLER, "sqs:ReceiveMessage"));
    assertEquals(Decision.ALLOW, decide(allow("{\"AWS\":\"*\"}", "\"sqs:*\""), SNS, "sqs:SendMessage"));
  }

  @Test
  void servicePrincipalMatchesOnlyThatService() {
    assertEquals(Decision.ALLOW, decide(allow("{\"Service\":\"sns.amazonaws.com\"}", "\"sqs:SendMessage\""), SNS,
        "sqs:SendMessage"));
    assertEquals(Decision.NONE, decide(allow("{\"Service\":\"sns.amazonaws.com\"}", "\"sqs:SendMessage\""), CALLER,
        "sqs:SendMessage"));
    assertEquals(Decision.NONE, decide(allow("{\"Service\":\"events.amazonaws.com\"}", "\"sqs:SendMessage\""), SNS,
        "sqs:SendMessage"));
  }

  @Test
  void servicePrincipalActsAsTheAccountItServes() {
    assertEquals(Decision.ALLOW, decide(allow("{\"AWS\":\"" + OTHER + "\"}", "\"sqs:SendMessage\""), SNS,
        "sqs:SendMessage"));
  }

  @Test
  void actionWildcardsAndServicePrefixIgnoreCase() {
    String policy = allow("\"*\"", "\"SQS:Send*\"");
    assertEquals(Decision.ALLOW, sends(policy, CALLER));
    assertEquals(Decision.NONE, decide(policy, CALLER, "sqs:ReceiveMessage"));
    assertEquals(Decision.ALLOW, decide(allow("\"*\"", "\"*\""), CALLER, "sqs:PurgeQueue"));
    assertEquals(Decision.ALLOW, decide(allow("\"*\"", "\"sqs:?urgeQueue\""), CALLER, "sqs:PurgeQueue"));
    assertEquals(Decision.NONE, decide(allow("\"*\"", "\"sns:*\""), CALLER, "sqs:PurgeQueue"));
  }

  @Test
  void actionListAllowsEachActionInIt() {
    String policy = allow("\"*\"", "[\"sqs:SendMessage\",\"sqs:ReceiveMessage\"]");
    assertEquals(Decision.ALLOW, decide(policy, CALLER, "sqs:ReceiveMessage"));
    assertEquals(Decision.NONE, decide(policy, CALLER, "sqs:DeleteMessage"));
  }

  @Test
  void resourceMustMatchWithWildcards() {
    assertEquals(Decision.ALLOW, decide(statement("Allow", "\"*\"", "\"sqs:*\"",
        "\"arn:aws:sqs:us-east-1:" + OWNER + ":ord*\"", null), CALLER, "sqs:SendMessage"));
    assertEquals(Decision.ALLOW, decide(statement("Allow", "\"*\"", "\"sqs:*\"", "\"*\"", null), CALLER,
        "sqs:SendMessage"));
    assertEquals(Decision.NONE, decide(statement("Allow", "\"*\"", "\"sqs:*\"",
        "\"arn:aws:sqs:us-east-1:" + OWNER + ":payments\"", null), CALLER, "sqs:SendMessage"));
    assertEquals(Decision.ALLOW, decide(statement("Allow", "\"*\"", "\"sqs:*\"", null, null), CALLER,
        "sqs:SendMessage"));
  }

  @Test
  void explicitDenyWinsOverAllow() {
    String policy = "[" + allow("\"*\"", "\"sqs:*\"") + ","
        + statement("Deny", "{\"AWS\":\"" + OTHER + "\"}", "\"sqs:ReceiveMessage\"", null, null) + "]";
    assertEquals(Decision.DENY, decide(policy, CALLER, "sqs:ReceiveMessage"));
    assertEquals(Decision.ALLOW, sends(policy, CALLER));
  }

  @Test
  void aStatementWithAnUnknownEffectIsNeitherAllowNorDeny() {
    assertEquals(Decision.NONE, decide(statement("deny", "\"*\"", "\"sqs:*\"", null, null), CALLER,
        "sqs:SendMessage"));
    assertEquals(Decision.NONE, decide("{\"Principal\":\"*\",\"Action\":\"sqs:*\"}", CALLER, "sqs:SendMessage"));
  }

  @Test
  void notPrincipalAppliesToEveryoneElse() {
    String policy = "{\"Effect\":\"Deny\",\"NotPrincipal\":{\"AWS\":\"" + OTHER + "\"},\"Action\":\"sqs:*\"}";
    assertEquals(Decision.NONE, sends(policy, CALLER));
    assertEquals(Decision.DENY, decide(policy, Principal.account("333333333333"), "sqs:SendMessage"));
  }

  @Test
  void notActionAppliesToEveryOtherAction() {
    String policy = "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"NotAction\":\"sqs:Delete*\"}";
    assertEquals(Decision.ALLOW, sends(policy, CALLER));
    assertEquals(Decision.NONE, decide(policy, CALLER, "sqs:DeleteMessage"));
  }

  @Test
  void notResourceAppliesToEveryOtherResource() {
    String policy = "{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"sqs:*\",\"NotResource\":\"" + QUEUE + "\"}";
    assertEquals(Decision.NONE, sends(policy, CALLER));
  }

  @Test
  void sourceArnConditionAllowsOnlyThatTopic() {
    String equals = statement("Allow", "{\"Service\":\"sns.amazonaws.com\"}", "\"sqs:SendMessage\"", null,
        "{\"ArnEquals\":{\"aws:SourceArn\":\"" + TOPIC + "\"}}");
    assertEquals(Decision.ALLOW, sends(equals, SNS));
    Principal otherTopic = Principal.service("sns.amazonaws.com", OTHER, TOPIC + "-2");
    assertEquals(Decision.NONE, sends(equals, otherTopic));
  }

  @Test
  void arnLikeMatchesEachArnPartWithWildcards() {
    String like = sendIf("Allow", "{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:sns:*:" + OTHER + ":*\"}}");
    assertEquals(Decision.ALLOW, sends(like, SNS));
    String wrongAccount = sendIf("Allow", "{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:sns:*:333333333333:*\"}}");
    assertEquals(Decision.NONE, sends(wrongAccount, SNS));
  }

  @Test
  void conditionKeysIgnoreCase() {
    String policy = sendIf("Allow", "{\"StringEquals\":{\"AWS:SOURCEACCOUNT\":\"" + OTHER + "\"}}");
    assertEquals(Decision.ALLOW, sends(policy, SNS));
  }

  @Test
  void sourceAccountAndStringLikeConditions() {
    String policy = sendIf("Allow", "{\"StringEquals\":{\"aws:SourceAccount\":[\"333333333333\",\"" + OTHER + "\"]},"
            + "\"StringLike\":{\"aws:SourceArn\":\"arn:aws:sns:us-east-1:*:ev?nts\"}}");
    assertEquals(Decision.ALLOW, sends(policy, SNS));
    Principal elsewhere = Principal.service("sns.amazonaws.com", "333333333333", TOPIC);
    assertEquals(Decision.ALLOW, sends(policy, elsewhere));
    Principal stranger = Principal.service("sns.amazonaws.com", "444444444444", TOPIC);
    assertEquals(Decision.NONE, sends(policy, stranger));
  }

  @Test
  void missingConditionKeyFailsUnlessIfExistsOrNegated() {
    String plain = sendIf("Allow", "{\"ArnEquals\":{\"aws:SourceArn\":\"" + TOPIC + "\"}}");
    assertEquals(Decision.NONE, sends(plain, CALLER));
    String ifExists = sendIf("Allow", "{\"ArnEqualsIfExists\":{\"aws:SourceArn\":\"" + TOPIC + "\"}}");
    assertEquals(Decision.ALLOW, sends(ifExists, CALLER));
    assertEquals(Decision.NONE, decide(ifExists, Principal.service("sns.amazonaws.com", OTHER, TOPIC + "x"),
        "sqs:SendMessage"));
    String negated = sendIf("Deny", "{\"ArnNotEquals\":{\"aws:SourceArn\":\"" + TOPIC + "\"}}");
    assertEquals(Decision.DENY, sends(negated, CALLER));
    assertEquals(Decision.NONE, sends(negated, SNS));
  }

  @Test
  void unsupportedConditionOperatorNeverApplies() {
    String policy = sendIf("Allow", "{\"DateLessThan\":{\"aws:CurrentTime\":\"2099-01-01T00:00:00Z\"}}");
    assertEquals(Decision.NONE, sends(policy, CALLER));
  }

  @Test
  void principalAccountConditionKeyIsTheCallersAccount() {
    String policy = sendIf("Allow", "{\"StringEquals\":{\"aws:PrincipalAccount\":\"" + OTHER + "\"}}");
    assertEquals(Decision.ALLOW, sends(policy, CALLER));
  }

  @Test
  void malformedOrEmptyPoliciesSayNothing() {
    assertEquals(Decision.NONE, ResourcePolicy.parse("not json").evaluate(CALLER, "sqs:SendMessage", QUEUE));
    assertEquals(Decision.NONE, ResourcePolicy.parse(null).evaluate(CALLER, "sqs:SendMessage", QUEUE));
    assertEquals(Decision.NONE, ResourcePolicy.parse("{\"Statement\":42}").evaluate(CALLER, "sqs:SendMessage", QUEUE));
    assertEquals(Decision.NONE, decide("{\"Effect\":\"Allow\",\"Action\":\"sqs:*\"}", CALLER, "sqs:SendMessage"));
  }
}
