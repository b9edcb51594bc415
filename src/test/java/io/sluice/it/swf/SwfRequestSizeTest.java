package io.sluice.it.swf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sluice.swf.SwfApi;
import io.sluice.testing.Engine;
import io.sluice.testing.RawHttp;
import io.sluice.testing.RawHttp.Answer;
import io.sluice.testing.TestSluice;
import org.junit.jupiter.api.Test;

/**
 * SWF takes requests of at most 1 MB (developer guide, "Amazon SWF quotas"), below the node's own
 * body limit: a larger one is refused with 413 before it is read as an action, one of exactly 1 MB
 * is served.
 */
class SwfRequestSizeTest {
  private final TestSluice node = TestSluice.shared(Engine.MEMORY);

  /** A RespondDecisionTaskCompleted of a stale token whose body is {@code bytes} long (JSON whitespace as padding). */
  private static String decisions(int bytes) {
    StringBuilder body = new StringBuilder("{\"taskToken\":\"bm90IGEgdG9rZW4\",\"decisions\":[");
    String marker = "{\"decisionType\":\"RecordMarker\",\"recordMarkerDecisionAttributes\":{\"markerName\":\"m\","
        + "\"details\":\"" + "d".repeat(30_000) + "\"}}";
    while (body.length() + marker.length() + 3 < bytes) {
      body.append(body.charAt(body.length() - 1) == '[' ? "" : ",").append(marker);
    }
    body.append("]");
    body.append(" ".repeat(bytes - body.length() - 1)).append("}");
    return body.toString();
  }

  @Test
  void aRequestOverOneMegabyteIsRefusedWith413() {
    Answer a = RawHttp.postJson(node.endpoint(), "SimpleWorkflowService.RespondDecisionTaskCompleted",
        decisions(SwfApi.MAX_REQUEST_BYTES + 1));

    assertEquals(413, a.status());
    assertEquals("InvalidParameterValue", a.header("x-amzn-ErrorType"));
  }

  @Test
  void aRequestOfOneMegabyteIsServed() {
    String body = decisions(SwfApi.MAX_REQUEST_BYTES);

    Answer a = RawHttp.postJson(node.endpoint(), "SimpleWorkflowService.RespondDecisionTaskCompleted", body);

    assertEquals(SwfApi.MAX_REQUEST_BYTES, body.length());
    assertEquals(400, a.status(), a.body());
    assertEquals("UnknownResourceFault", a.header("x-amzn-ErrorType").replaceAll(".*#", "").replaceAll(":.*", ""));
  }
}
