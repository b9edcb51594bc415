package io.sluice.sqs;

import io.sluice.module.TrainingClient;
import java.util.ArrayList;
import java.util.List;

/**
 * SQS's part of the ahead-of-time training run: the common calls, through both wire protocols, on
 * queues created for it and deleted afterwards.
 */
final class SqsTraining {
  private static final int ROUNDS = 40;
  private static final String VERSION = "2012-11-05";
  private static final String JSON = "application/x-amz-json-1.0";

  private SqsTraining() {}

  static void drive(TrainingClient client) throws Exception {
    String endpoint = client.endpoint();
    for (int i = 0; i < ROUNDS; i++) {
      String name = "training-" + i;
      String url = endpoint + "/000000000000/" + name;
      client.query(null, VERSION, "Action=CreateQueue&QueueName=" + name
          + "&Attribute.1.Name=VisibilityTimeout&Attribute.1.Value=30");
      client.query(null, VERSION, "Action=GetQueueUrl&QueueName=" + name);
      client.query(null, VERSION, "Action=SendMessage&QueueUrl=" + url + "&MessageBody=hello"
          + "&MessageAttribute.1.Name=kind&MessageAttribute.1.Value.DataType=String"
          + "&MessageAttribute.1.Value.StringValue=training");
      client.query(null, VERSION, "Action=ReceiveMessage&QueueUrl=" + url + "&MaxNumberOfMessages=10"
          + "&AttributeName.1=All&MessageAttributeName.1=All");
      client.query(null, VERSION, "Action=GetQueueAttributes&QueueUrl=" + url + "&AttributeName.1=All");
      client.query(null, VERSION, "Action=ListQueues&QueueNamePrefix=training");
      json(client, "SendMessage", "{\"QueueUrl\":\"" + url + "\",\"MessageBody\":\"hi\","
          + "\"MessageAttributes\":{\"n\":{\"DataType\":\"Number\",\"StringValue\":\"1\"}}}");
      json(client, "SendMessageBatch", "{\"QueueUrl\":\"" + url + "\",\"Entries\":["
          + "{\"Id\":\"a\",\"MessageBody\":\"1\"},{\"Id\":\"b\",\"MessageBody\":\"2\"}]}");
      String received = json(client, "ReceiveMessage", "{\"QueueUrl\":\"" + url
          + "\",\"MaxNumberOfMessages\":10,\"MessageSystemAttributeNames\":[\"All\"],"
          + "\"MessageAttributeNames\":[\"All\"]}");
      List<String> handles = receiptHandles(received);
      StringBuilder entries = new StringBuilder();
      for (int h = 0; h < handles.size(); h++) {
        entries.append(h == 0 ? "" : ",").append("{\"Id\":\"e").append(h).append("\",\"ReceiptHandle\":\"")
            .append(handles.get(h)).append("\"}");
      }
      if (!handles.isEmpty()) {
        json(client, "ChangeMessageVisibility", "{\"QueueUrl\":\"" + url + "\",\"ReceiptHandle\":\""
            + handles.get(0) + "\",\"VisibilityTimeout\":0}");
        json(client, "DeleteMessage", "{\"QueueUrl\":\"" + url + "\",\"ReceiptHandle\":\"" + handles.get(0) + "\"}");
        json(client, "DeleteMessageBatch", "{\"QueueUrl\":\"" + url + "\",\"Entries\":[" + entries + "]}");
      }
      json(client, "GetQueueAttributes", "{\"QueueUrl\":\"" + url + "\",\"AttributeNames\":[\"All\"]}");
      json(client, "GetQueueUrl", "{\"QueueName\":\"no-such-queue\"}");
      json(client, "DeleteQueue", "{\"QueueUrl\":\"" + url + "\"}");
    }
  }

  private static String json(TrainingClient client, String action, String body) throws Exception {
    return client.json(JSON, "AmazonSQS." + action, body);
  }

  private static List<String> receiptHandles(String body) {
    List<String> out = new ArrayList<>();
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
}
