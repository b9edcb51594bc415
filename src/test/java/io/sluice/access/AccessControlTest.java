package io.sluice.access;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The decision every service asks for: the owner is allowed unless explicitly denied, another
 * account only when the policy allows, unchecked principals always.
 */
class AccessControlTest {
  private static final String OWNER = "111111111111";
  private static final String OTHER = "222222222222";
  private static final String QUEUE = "arn:aws:sqs:us-east-1:" + OWNER + ":orders";
  private static final String ALLOW_OTHER = "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
      + OTHER + "\"},\"Action\":\"sqs:SendMessage\",\"Resource\":\"" + QUEUE + "\"}}";
  private static final String DENY_ALL = "{\"Statement\":[{\"Effect\":\"Deny\",\"Principal\":\"*\","
      + "\"Action\":\"sqs:ReceiveMessage\"}]}";

  @Test
  void ownerNeedsNoPolicy() {
    assertTrue(AccessControl.permits(Principal.account(OWNER), "sqs:SendMessage", QUEUE, OWNER, null));
  }

  @Test
  void ownerIsRefusedOnlyByAnExplicitDeny() {
    assertTrue(AccessControl.permits(Principal.account(OWNER), "sqs:SendMessage", QUEUE, OWNER, DENY_ALL));
    assertFalse(AccessControl.permits(Principal.account(OWNER), "sqs:ReceiveMessage", QUEUE, OWNER, DENY_ALL));
  }

  @Test
  void anotherAccountNeedsAnAllow() {
    assertFalse(AccessControl.permits(Principal.account(OTHER), "sqs:SendMessage", QUEUE, OWNER, null));
    assertTrue(AccessControl.permits(Principal.account(OTHER), "sqs:SendMessage", QUEUE, OWNER, ALLOW_OTHER));
    assertFalse(AccessControl.permits(Principal.account(OTHER), "sqs:ReceiveMessage", QUEUE, OWNER, ALLOW_OTHER));
  }

  @Test
  void uncheckedPrincipalsAreNeverRefused() {
    assertTrue(AccessControl.permits(Principal.unchecked(OTHER), "sqs:ReceiveMessage", QUEUE, OWNER, DENY_ALL));
    assertTrue(AccessControl.owns(Principal.unchecked(OTHER), OWNER));
  }

  @Test
  void ownerOnlyActionsAreTheOwnersAlone() {
    assertTrue(AccessControl.owns(Principal.account(OWNER), OWNER));
    assertFalse(AccessControl.owns(Principal.account(OTHER), OWNER));
  }

  @Test
  void serviceActingForTheOwnersResourceIsTheOwner() {
    Principal sns = Principal.service("sns.amazonaws.com", OWNER, "arn:aws:sns:us-east-1:" + OWNER + ":t");
    assertTrue(AccessControl.permits(sns, "sqs:SendMessage", QUEUE, OWNER, null));
    Principal foreign = Principal.service("sns.amazonaws.com", OTHER, "arn:aws:sns:us-east-1:" + OTHER + ":t");
    assertFalse(AccessControl.permits(foreign, "sqs:SendMessage", QUEUE, OWNER, null));
  }
}
