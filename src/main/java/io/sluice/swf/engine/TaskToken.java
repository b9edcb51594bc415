package io.sluice.swf.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sluice.protocol.AwsException;
import io.sluice.swf.SwfError;
import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.ExecutionKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * What a task token names: the run, and the task by the eventIds of its {@code …TaskScheduled} and
 * {@code …TaskStarted} events. Opaque on the wire (base64url of JSON); a token is honoured only while
 * the run is open and the task is started under these eventIds, else UnknownResourceFault (a token
 * of a task that timed out, was completed already, or of another account).
 */
public record TaskToken(String region, String account, String domain, String workflowId, String runId,
                        long scheduledEventId, long startedEventId) {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  public static TaskToken of(ExecutionKey key, long scheduledEventId, long startedEventId) {
    return new TaskToken(key.domain().region(), key.domain().account(), key.domain().name(), key.workflowId(),
        key.runId(), scheduledEventId, startedEventId);
  }

  public ExecutionKey execution() {
    return new ExecutionKey(new DomainId(region, account, domain), workflowId, runId);
  }

  public String encode() {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(this));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The token {@code text} encodes, issued in {@code region} to {@code account}; else UnknownResourceFault. */
  public static TaskToken decode(String text, String region, String account) {
    TaskToken token;
    try {
      token = JSON.readValue(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8), TaskToken.class);
    } catch (IOException | IllegalArgumentException e) {
      throw unknown();
    }
    if (token.region == null || !token.region.equals(region) || !account.equals(token.account) || token.runId == null) {
      throw unknown();
    }
    return token;
  }

  public static AwsException unknown() {
    return AwsException.of(SwfError.UnknownResourceFault, "Unknown task token.");
  }
}
