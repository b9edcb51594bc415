package io.sluice.gateway;

import io.sluice.protocol.HttpRequestView;
import io.sluice.protocol.IncomingCall;
import io.sluice.protocol.ProtocolDetector;
import io.sluice.protocol.ServiceDefinition;
import io.sluice.protocol.ServiceRegistry;
import io.sluice.protocol.WireCodec;
import io.sluice.sqs.MessagePayloads;
import io.sluice.sqs.SqsApi;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Loads and exercises, on a thread of its own while the node boots, the code its first request
 * needs (protocol detection, query and JSON decoding, XML and JSON rendering, payload sealing), so a
 * second core does that work instead of the first request. Touches no state.
 */
public final class WarmUp {
  private static final Logger LOG = Logger.getLogger(WarmUp.class.getName());

  private WarmUp() {}

  /** Starts the warm-up in a daemon thread and returns at once. */
  public static void inBackground() {
    Thread t = new Thread(WarmUp::run, "sluice-warm-up");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
  }

  static void run() {
    try {
      new MessagePayloads(new byte[32]);
      ServiceDefinition sqs = SqsApi.DEFINITION;
      ProtocolDetector detector = new ProtocolDetector(new ServiceRegistry(List.of(sqs)));
      WireCodec codec = new WireCodec();
      IncomingCall query = detector.detect(request(Map.of("content-type", List.of("application/x-www-form-urlencoded")),
          "Action=GetQueueUrl&QueueName=warm-up&Version=2012-11-05"));
      codec.decode(query);
      IncomingCall json = detector.detect(request(Map.of("content-type", List.of("application/x-amz-json-1.0"),
          "x-amz-target", List.of("AmazonSQS.GetQueueUrl")), "{\"QueueName\":\"warm-up\"}"));
      codec.decode(json);
      Object response = new io.sluice.sqs.op.GetQueueUrl.Response("http://localhost/000000000000/warm-up");
      codec.success(sqs, query.protocol(), query.action(), response, "warm-up");
      codec.success(sqs, json.protocol(), json.action(), response, "warm-up");
    } catch (RuntimeException e) {
      // Only an optimisation: the first request will do the same work and report any problem.
      LOG.log(Level.FINE, "warm-up failed", e);
    }
  }

  private static HttpRequestView request(Map<String, List<String>> headers, String body) {
    return new HttpRequestView("POST", "/", "", headers, body.getBytes(StandardCharsets.UTF_8));
  }
}
