package io.sluice;

import io.sluice.config.ConfigLoader;
import io.sluice.config.SluiceConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The training run behind the ahead-of-time cache that makes start-up fast: starts a node on the
 * in-memory store, drives the common SQS calls through both wire protocols and the common SNS calls
 * over HTTP, and stops.
 * Run by the build ({@code java -XX:AOTCacheOutput=target/sluice.aot -jar target/sluice.jar --train},
 * JDK 25 and newer); the JVM records the classes and profiles it used, and {@code bin/sluice}
 * starts from them.
 */
final class AotTraining {
  private static final int ROUNDS = 40;

  private AotTraining() {}

  static void run() throws Exception {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("SLUICE_HOST", "127.0.0.1");
    env.put("SLUICE_PORT", "0");
    env.put("SLUICE_STORE", "memory");
    SluiceConfig config = ConfigLoader.load(env);
    Sluice node = Sluice.start(config, InstantSource.system()).toCompletionStage().toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
    try {
      drive("http://127.0.0.1:" + node.port());
    } finally {
      node.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }

  private static void drive(String endpoint) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (int i = 0; i < ROUNDS; i++) {
      String name = "training-" + i;
      String url = endpoint + "/000000000000/" + name;
      query(http, endpoint, "Action=CreateQueue&QueueName=" + name
          + "&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=30");
      query(http, endpoint, "Action=GetQueueUrl&QueueName=" + name);
      query(http, endpoint, "Action=SendMessage&QueueUrl=" + url + "&MessageBody=hello"
          + "&MessageAttribute.1.Name=kind&MessageAttribute.1.Value.DataType=String"
          + "&MessageAttribute.1.Value.StringValue=training");
      query(http, endpoint, "Action=ReceiveMessage&QueueUrl=" + url + "&MaxNumberOfMessages=10"
          + "&AttributeName.1=All&MessageAttributeName.1=All");
      query(http, endpoint, "Action=GetQueueAttributes&QueueUrl=" + url + "&AttributeName.1=All");
      query(http, endpoint, "Action=ListQueues&QueueNamePrefix=training");
      json(http, endpoint, "SendMessage", "{\"QueueUrl\":\"" + url + "\",\"MessageBody\":\"hi\","
          + "\"MessageAttributes\":{\"n\":{\"DataType\":\"Number\",\"StringValue\":\"1\"}}}");
      json(http, endpoint, "SendMessageBatch", "{\"QueueUrl\":\"" + url + "\",\"Entries\":["
          + "{\"Id\":\"a\",\"MessageBody\":\"1\"},{\"Id\":\"b\",\"MessageBody\":\"2\"}]}");
      String received = json(http, endpoint, "ReceiveMessage", "{\"QueueUrl\":\"" + url
          + "\",\"MaxNumberOfMessages\":10,\"MessageSystemAttributeNames\":[\"All\"],"
          + "\"MessageAttributeNames\":[\"All\"]}");
      List<String> handles = receiptHandles(received);
      StringBuilder entries = new StringBuilder();
      for (int h = 0; h < handles.size(); h++) {
        entries.append(h == 0 ? "" : ",").append("{\"Id\":\"e").append(h).append("\",\"ReceiptHandle\":\"")
            .append(handles.get(h)).append("\"}");
      }
      if (!handles.isEmpty()) {
        json(http, endpoint, "ChangeMessageVisibility", "{\"QueueUrl\":\"" + url + "\",\"ReceiptHandle\":\""
            + handles.get(0) + "\",\"VisibilityTimeout\":0}");
        json(http, endpoint, "DeleteMessage", "{\"QueueUrl\":\"" + url + "\",\"ReceiptHandle\":\""
            + handles.get(0) + "\"}");
        json(http, endpoint, "DeleteMessageBatch", "{\"QueueUrl\":\"" + url + "\",\"Entries\":[" + entries + "]}");
      }
      json(http, endpoint, "GetQueueAttributes", "{\"QueueUrl\":\"" + url + "\",\"AttributeNames\":[\"All\"]}");
      json(http, endpoint, "GetQueueUrl", "{\"QueueName\":\"no-such-queue\"}");
      json(http, endpoint, "DeleteQueue", "{\"QueueUrl\":\"" + url + "\"}");
      driveSns(http, endpoint, name);
    }
  }

  /** A topic with an SQS subscriber, a publish and a batch, and the listings. */
  private static void driveSns(HttpClient http, String endpoint, String name) throws Exception {
    String topicArn = "arn%3Aaws%3Asns%3Aus-east-1%3A000000000000%3A" + name;
    String queueArn = "arn%3Aaws%3Asqs%3Aus-east-1%3A000000000000%3A" + name + "-sub";
    query(http, endpoint, "Action=CreateQueue&QueueName=" + name + "-sub");
    sns(http, endpoint, "Action=CreateTopic&Name=" + name + "&Attributes.entry.1.key=DisplayName"
        + "&Attributes.entry.1.value=training");
    sns(http, endpoint, "Action=Subscribe&TopicArn=" + topicArn + "&Protocol=sqs&Endpoint=" + queueArn
        + "&Attributes.entry.1.key=FilterPolicy&Attributes.entry.1.value=%7B%22kind%22%3A%5B%22training%22%5D%7D");
    sns(http, endpoint, "Action=Publish&TopicArn=" + topicArn + "&Message=hello&Subject=training"
        + "&MessageAttributes.entry.1.Name=kind&MessageAttributes.entry.1.Value.DataType=String"
        + "&MessageAttributes.entry.1.Value.StringValue=training");
    sns(http, endpoint, "Action=PublishBatch&TopicArn=" + topicArn
        + "&PublishBatchRequestEntries.member.1.Id=a&PublishBatchRequestEntries.member.1.Message=one"
        + "&PublishBatchRequestEntries.member.2.Id=b&PublishBatchRequestEntries.member.2.Message=two");
    sns(http, endpoint, "Action=GetTopicAttributes&TopicArn=" + topicArn);
    sns(http, endpoint, "Action=ListSubscriptionsByTopic&TopicArn=" + topicArn);
    sns(http, endpoint, "Action=ListTopics");
    sns(http, endpoint, "Action=DeleteTopic&TopicArn=" + topicArn);
    query(http, endpoint, "Action=DeleteQueue&QueueUrl=" + endpoint + "/000000000000/" + name + "-sub");
  }

  private static String sns(HttpClient http, String endpoint, String form) throws Exception {
    return send(http, HttpRequest.newBuilder(URI.create(endpoint + "/"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("authorization", "AWS4-HMAC-SHA256 Credential=AKIDTRAINING/20250101/us-east-1/sns/aws4_request, "
            + "SignedHeaders=host, Signature=0")
        .POST(HttpRequest.BodyPublishers.ofString(form + "&Version=2010-03-31")).build());
  }

  private static List<String> receiptHandles(String body) {
    List<String> out = new java.util.ArrayList<>();
    int at = 0;
    String key = "\"ReceiptHandle\":\"";
    while ((at = body.indexOf(key, at)) >= 0) {
      int start = at + key.length();
      int end = body.indexOf('"', start);
      out.add(body.substring(start, end));
      at = end;
    }
    return out;
  }

  private static String query(HttpClient http, String endpoint, String form) throws Exception {
    return send(http, HttpRequest.newBuilder(URI.create(endpoint + "/"))
        .header("content-type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form + "&Version=2012-11-05")).build());
  }

  private static String json(HttpClient http, String endpoint, String action, String body) throws Exception {
    return send(http, HttpRequest.newBuilder(URI.create(endpoint + "/"))
        .header("content-type", "application/x-amz-json-1.0")
        .header("x-amz-target", "AmazonSQS." + action)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private static String send(HttpClient http, HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
  }
}
