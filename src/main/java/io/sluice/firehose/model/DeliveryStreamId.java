package io.sluice.firehose.model;

/**
 * Which delivery stream a request names: its region, account and name; its ARN is
 * {@code arn:aws:firehose:<region>:<account>:deliverystream/<name>}.
 */
public record DeliveryStreamId(String region, String account, String name) {

  public String arn() {
    return "arn:aws:firehose:" + region + ":" + account + ":deliverystream/" + name;
  }

  @Override
  public String toString() {
    return arn();
  }
}
