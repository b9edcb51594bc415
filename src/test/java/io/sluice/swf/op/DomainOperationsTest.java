package io.sluice.swf.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.swf.SwfConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Domain and tag operations on the in-memory store with a manual clock. */
class DomainOperationsTest {
  private static final String ARN = "arn:aws:swf:us-east-1:000000000000:/domain/orders";
  private final MemorySwf swf = new MemorySwf();

  @Test
  void theConfiguredLimitsAreAwsQuotas() {
    assertEquals(new SwfConfig(100, 10_000), MemorySwf.CONFIGURED);
    assertEquals(SwfConfig.DEFAULTS, MemorySwf.CONFIGURED);
  }

  @Test
  void aRegisteredDomainIsDescribedWithItsArnAndRetention() {
    // Given a domain registered with a description and a retention of 0 days
    swf.call(RegisterDomain::new, "{\"name\":\"orders\",\"description\":\"the orders\","
        + "\"workflowExecutionRetentionPeriodInDays\":\"0\"}");

    // When it is described
    JsonNode d = swf.call(DescribeDomain::new, "{\"name\":\"orders\"}");

    // Then its info and configuration are as registered, in the wire's lower camel case
    assertEquals("orders", d.at("/domainInfo/name").asText());
    assertEquals("REGISTERED", d.at("/domainInfo/status").asText());
    assertEquals("the orders", d.at("/domainInfo/description").asText());
    assertEquals(ARN, d.at("/domainInfo/arn").asText());
    assertEquals("0", d.at("/configuration/workflowExecutionRetentionPeriodInDays").asText());
  }

  @Test
  void aDomainNameIsRegisteredOnce() {
    swf.domain("orders");
    swf.call(DeprecateDomain::new, "{\"name\":\"orders\"}");

    assertEquals("DomainAlreadyExistsFault", swf.errorCode(RegisterDomain::new,
        "{\"name\":\"orders\",\"workflowExecutionRetentionPeriodInDays\":\"1\"}"));
  }

  @Test
  void theRetentionPeriodIsNoneOrZeroToNinetyDays() {
    for (String ok : List.of("NONE", "0", "90", "1")) {
      swf.call(RegisterDomain::new, "{\"name\":\"d" + ok + "\",\"workflowExecutionRetentionPeriodInDays\":\"" + ok + "\"}");
    }
    for (String bad : List.of("91", "-1", "abc", "1.5")) {
      assertEquals("ValidationException", swf.errorCode(RegisterDomain::new,
          "{\"name\":\"x\",\"workflowExecutionRetentionPeriodInDays\":\"" + bad + "\"}"), bad);
    }
    assertEquals("ValidationException", swf.errorCode(RegisterDomain::new, "{\"name\":\"x\"}"));
    assertEquals("ValidationException", swf.errorCode(RegisterDomain::new,
        "{\"name\":\"\",\"workflowExecutionRetentionPeriodInDays\":\"1\"}"));
  }

  @Test
  void aDomainNameHasNoColonSlashBarControlCharactersOrOuterWhitespaceAndIsNotArn() {
    for (String bad : List.of("a:b", "a/b", "a|b", "a\\u0001b", "a\\u0085b", " a", "a ", "arn")) {
      assertEquals("ValidationException", swf.errorCode(RegisterDomain::new,
          "{\"name\":\"" + bad + "\",\"workflowExecutionRetentionPeriodInDays\":\"1\"}"), bad);
    }
    swf.call(RegisterDomain::new, "{\"name\":\"arn-x.y_z ü\",\"workflowExecutionRetentionPeriodInDays\":\"1\"}");
  }

  @Test
  void registeringPastTheAccountsDomainLimitIsLimitExceededFault() {
    MemorySwf limited = new MemorySwf(new SwfConfig(2, 10_000));
    limited.domain("a");
    limited.domain("b");
    limited.call(DeprecateDomain::new, "{\"name\":\"b\"}");

    assertEquals("LimitExceededFault", limited.errorCode(RegisterDomain::new,
        "{\"name\":\"c\",\"workflowExecutionRetentionPeriodInDays\":\"1\"}"));
    limited.as("111111111111").domain("c");
  }

  @Test
  void domainsAreListedByStatusInPagesForwardOrReversed() {
    // Given five registered domains and one deprecated
    for (String name : List.of("e", "b", "d", "a", "c", "old")) {
      swf.domain(name);
    }
    swf.call(DeprecateDomain::new, "{\"name\":\"old\"}");

    // When the registered ones are listed two at a time, forward and reversed
    List<String> forward = listAll(false);
    List<String> reversed = listAll(true);
    JsonNode deprecated = swf.call(ListDomains::new, "{\"registrationStatus\":\"DEPRECATED\"}");

    // Then each listing holds each once, in order
    assertEquals(List.of("a", "b", "c", "d", "e"), forward);
    assertEquals(List.of("e", "d", "c", "b", "a"), reversed);
    assertEquals(1, deprecated.get("domainInfos").size());
    assertEquals("DEPRECATED", deprecated.at("/domainInfos/0/status").asText());
    assertFalse(deprecated.has("nextPageToken"));
  }

  private List<String> listAll(boolean reverse) {
    List<String> names = new ArrayList<>();
    String token = null;
    do {
      JsonNode page = swf.call(ListDomains::new, "{\"registrationStatus\":\"REGISTERED\",\"maximumPageSize\":2,"
          + "\"reverseOrder\":" + reverse + (token == null ? "" : ",\"nextPageToken\":\"" + token + "\"") + "}");
      assertTrue(page.get("domainInfos").size() <= 2);
      page.get("domainInfos").forEach(d -> names.add(d.get("name").asText()));
      token = page.path("nextPageToken").asText(null);
    } while (token != null);
    return names;
  }

  @Test
  void aPageTokenContinuesOnlyItsOwnDirection() {
    for (String name : List.of("a", "b", "c")) {
      swf.domain(name);
    }
    String token = swf.call(ListDomains::new, "{\"registrationStatus\":\"REGISTERED\",\"maximumPageSize\":1}")
        .get("nextPageToken").asText();

    assertEquals("ValidationException", swf.errorCode(ListDomains::new, "{\"registrationStatus\":\"REGISTERED\","
        + "\"reverseOrder\":true,\"nextPageToken\":\"" + token + "\"}"));
    assertEquals("ValidationException", swf.errorCode(ListDomains::new, "{\"registrationStatus\":\"REGISTERED\","
        + "\"nextPageToken\":\"not a token\"}"));
  }

  @Test
  void aDomainIsDeprecatedAndUndeprecatedOnceEach() {
    swf.domain("orders");

    swf.call(DeprecateDomain::new, "{\"name\":\"orders\"}");
    String again = swf.errorCode(DeprecateDomain::new, "{\"name\":\"orders\"}");
    String status = swf.call(DescribeDomain::new, "{\"name\":\"orders\"}").at("/domainInfo/status").asText();
    swf.call(UndeprecateDomain::new, "{\"name\":\"orders\"}");

    assertEquals("DomainDeprecatedFault", again);
    assertEquals("DEPRECATED", status);
    assertEquals("DomainAlreadyExistsFault", swf.errorCode(UndeprecateDomain::new, "{\"name\":\"orders\"}"));
    assertEquals("REGISTERED", swf.call(DescribeDomain::new, "{\"name\":\"orders\"}").at("/domainInfo/status").asText());
  }

  @Test
  void anUnknownDomainOrAnotherAccountsIsUnknownResourceFault() {
    swf.domain("orders");
    swf.as("111111111111");

    assertEquals("UnknownResourceFault", swf.errorCode(DescribeDomain::new, "{\"name\":\"orders\"}"));
    assertEquals("UnknownResourceFault", swf.errorCode(DeprecateDomain::new, "{\"name\":\"orders\"}"));
    assertEquals("UnknownResourceFault", swf.errorCode(UndeprecateDomain::new, "{\"name\":\"orders\"}"));
    assertEquals("UnknownResourceFault", swf.errorCode(ListTagsForResource::new, "{\"resourceArn\":\"" + ARN + "\"}"));
  }

  @Test
  void tagsAreAddedReplacedListedAndRemovedByDomainArn() {
    // Given a domain registered with one tag
    swf.call(RegisterDomain::new, "{\"name\":\"orders\",\"workflowExecutionRetentionPeriodInDays\":\"1\","
        + "\"tags\":[{\"key\":\"team\",\"value\":\"a\"}]}");

    // When tags are added, one of them replacing a value, and one removed
    swf.call(TagResource::new, "{\"resourceArn\":\"" + ARN + "\",\"tags\":[{\"key\":\"env\",\"value\":\"prod\"},"
        + "{\"key\":\"team\",\"value\":\"b\"},{\"key\":\"x\"}]}");
    swf.call(UntagResource::new, "{\"resourceArn\":\"" + ARN + "\",\"tagKeys\":[\"x\",\"absent\"]}");

    // Then the domain has the others, in the order they came
    JsonNode tags = swf.call(ListTagsForResource::new, "{\"resourceArn\":\"" + ARN + "\"}").get("tags");
    assertEquals("[{\"key\":\"team\",\"value\":\"b\"},{\"key\":\"env\",\"value\":\"prod\"}]", tags.toString());
  }

  @Test
  void aDomainHoldsAtMostFiftyTagsAndNoneBeginningWithAws() {
    StringBuilder fifty = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      fifty.append(i == 0 ? "" : ",").append("{\"key\":\"k").append(i).append("\",\"value\":\"v\"}");
    }
    swf.call(RegisterDomain::new, "{\"name\":\"orders\",\"workflowExecutionRetentionPeriodInDays\":\"1\","
        + "\"tags\":[" + fifty + "]}");

    assertEquals("TooManyTagsFault", swf.errorCode(TagResource::new, "{\"resourceArn\":\"" + ARN + "\","
        + "\"tags\":[{\"key\":\"one-more\"}]}"));
    swf.call(TagResource::new, "{\"resourceArn\":\"" + ARN + "\",\"tags\":[{\"key\":\"k1\",\"value\":\"w\"}]}");
    assertEquals("TooManyTagsFault", swf.errorCode(RegisterDomain::new, "{\"name\":\"b\","
        + "\"workflowExecutionRetentionPeriodInDays\":\"1\",\"tags\":[" + fifty + ",{\"key\":\"k50\"}]}"));
    assertEquals("ValidationException", swf.errorCode(TagResource::new, "{\"resourceArn\":\"" + ARN + "\","
        + "\"tags\":[{\"key\":\"aws:owner\",\"value\":\"v\"}]}"));
    assertEquals("ValidationException", swf.errorCode(TagResource::new, "{\"resourceArn\":\"" + ARN + "\","
        + "\"tags\":[{\"key\":\"a#b\",\"value\":\"v\"}]}"));
    assertEquals("ValidationException", swf.errorCode(TagResource::new, "{\"resourceArn\":\"" + ARN + "\","
        + "\"tags\":[{\"key\":\"k1\",\"value\":\"v;\"}]}"));
    assertEquals("UnknownResourceFault", swf.errorCode(TagResource::new,
        "{\"resourceArn\":\"arn:aws:swf:eu-west-1:000000000000:/domain/orders\",\"tags\":[{\"key\":\"a\"}]}"));
    assertEquals("UnknownResourceFault", swf.errorCode(TagResource::new,
        "{\"resourceArn\":\"arn:aws:sqs:us-east-1:000000000000:orders\",\"tags\":[{\"key\":\"a\"}]}"));
  }
}
