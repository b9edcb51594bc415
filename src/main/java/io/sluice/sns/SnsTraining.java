package io.sluice.sns;

import io.sluice.module.TrainingClient;

/**
 * SNS's part of the ahead-of-time training run: a topic with an SQS subscriber (its queue made
 * through SQS's API), a publish and a batch, the listings, and the clean-up.
 */
final class SnsTraining {
  private static final int ROUNDS = 40;
  private static final String VERSION = "2010-03-31";
  private static final String SQS_VERSION = "2012-11-05";

  private SnsTraining() {}

  static void drive(TrainingClient client) throws Exception {
    for (int i = 0; i < ROUNDS; i++) {
      String name = "training-sns-" + i;
      String topicArn = "arn%3Aaws%3Asns%3Aus-east-1%3A000000000000%3A" + name;
      String queueArn = "arn%3Aaws%3Asqs%3Aus-east-1%3A000000000000%3A" + name + "-sub";
      client.query(null, SQS_VERSION, "Action=CreateQueue&QueueName=" + name + "-sub");
      sns(client, "Action=CreateTopic&Name=" + name + "&Attributes.entry.1.key=DisplayName"
          + "&Attributes.entry.1.value=training");
      sns(client, "Action=Subscribe&TopicArn=" + topicArn + "&Protocol=sqs&Endpoint=" + queueArn
          + "&Attributes.entry.1.key=FilterPolicy&Attributes.entry.1.value=%7B%22kind%22%3A%5B%22training%22%5D%7D");
      sns(client, "Action=Publish&TopicArn=" + topicArn + "&Message=hello&Subject=training"
          + "&MessageAttributes.entry.1.Name=kind&MessageAttributes.entry.1.Value.DataType=String"
          + "&MessageAttributes.entry.1.Value.StringValue=training");
      sns(client, "Action=PublishBatch&TopicArn=" + topicArn
          + "&PublishBatchRequestEntries.member.1.Id=a&PublishBatchRequestEntries.member.1.Message=one"
          + "&PublishBatchRequestEntries.member.2.Id=b&PublishBatchRequestEntries.member.2.Message=two");
      sns(client, "Action=GetTopicAttributes&TopicArn=" + topicArn);
      sns(client, "Action=ListSubscriptionsByTopic&TopicArn=" + topicArn);
      sns(client, "Action=ListTopics");
      sns(client, "Action=DeleteTopic&TopicArn=" + topicArn);
      client.query(null, SQS_VERSION, "Action=DeleteQueue&QueueUrl=" + client.endpoint() + "/000000000000/" + name + "-sub");
    }
  }

  private static void sns(TrainingClient client, String form) throws Exception {
    client.query("sns", VERSION, form);
  }
}
