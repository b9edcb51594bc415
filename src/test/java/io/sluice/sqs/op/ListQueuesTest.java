package io.sluice.sqs.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sluice.testing.MemorySqs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** ListQueues on the in-memory store: prefix, sorting, MaxResults and NextToken. */
class ListQueuesTest {
  private final MemorySqs sqs = new MemorySqs();

  private ListQueues.Response list(String prefix, String token, Integer max) {
    return sqs.call(ListQueues::new, new ListQueues.Request(prefix, token, max));
  }

  @Test
  void queuesAreListedByNameAndFilteredByPrefix() {
    // Given three queues created out of order
    sqs.createQueue("b-orders", Map.of());
    sqs.createQueue("a-orders", Map.of());
    sqs.createQueue("a-billing", Map.of());

    // Then all are listed by name, and a prefix narrows them
    assertEquals(List.of(MemorySqs.urlOf("a-billing"), MemorySqs.urlOf("a-orders"), MemorySqs.urlOf("b-orders")),
        list(null, null, null).queueUrls());
    assertEquals(List.of(MemorySqs.urlOf("a-billing"), MemorySqs.urlOf("a-orders")),
        list("a-", null, null).queueUrls());
    assertNull(list("c", null, null).queueUrls());
  }

  @Test
  void maxResultsPagesThroughEveryQueueOnce() {
    // Given seven queues
    for (int i = 0; i < 7; i++) {
      sqs.createQueue("q" + i, Map.of());
    }

    // When they are listed three at a time
    List<String> seen = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    String token = null;
    do {
      ListQueues.Response page = list(null, token, 3);
      seen.addAll(page.queueUrls());
      pageSizes.add(page.queueUrls().size());
      token = page.nextToken();
    } while (token != null);

    // Then each is listed once, in pages of 3, 3 and 1
    assertEquals(List.of(3, 3, 1), pageSizes);
    assertEquals(7, seen.stream().distinct().count());
  }

  @Test
  void badPagingParametersAreInvalidParameterValue() {
    // Given a token of a listing with a prefix
    for (int i = 0; i < 3; i++) {
      sqs.createQueue("q" + i, Map.of());
    }
    String token = list("q", null, 1).nextToken();

    // Then it does not continue a listing without the prefix, and MaxResults must be 1 to 1000
    assertEquals("InvalidParameterValue", sqs.errorCode(ListQueues::new, new ListQueues.Request(null, token, 1)));
    assertEquals("InvalidParameterValue", sqs.errorCode(ListQueues::new, new ListQueues.Request(null, "junk!", 1)));
    assertEquals("InvalidParameterValue", sqs.errorCode(ListQueues::new, new ListQueues.Request(null, null, 0)));
    assertEquals("InvalidParameterValue", sqs.errorCode(ListQueues::new, new ListQueues.Request(null, null, 1001)));
  }
}
