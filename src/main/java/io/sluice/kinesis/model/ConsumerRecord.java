package io.sluice.kinesis.model;

/**
 * An enhanced fan-out consumer as stored, registered with one generation of a stream. Its status
 * follows from time like a stream's: {@code CREATING} until {@code readyMillis}, then
 * {@code ACTIVE}; {@code DELETING} from its deregistration until {@code goneMillis}, then gone.
 *
 * @param streamGeneration the {@link StreamRecord#createdMillis} of its stream
 * @param createdMillis    when it was registered; its ARN ends with this time in epoch seconds
 */
public record ConsumerRecord(StreamId stream, long streamGeneration, String name, long createdMillis,
                             long readyMillis, Long goneMillis) {

  /** {@code arn:aws:kinesis:<region>:<account>:stream/<name>/consumer/<consumer>:<creation epoch seconds>}. */
  public String arn() {
    return stream.arn() + "/consumer/" + name + ":" + createdMillis / 1000;
  }

  public String status(long now) {
    if (goneMillis != null) {
      return "DELETING";
    }
    return now < readyMillis ? "CREATING" : "ACTIVE";
  }

  /** Whether it still exists at {@code now} (its deregistration, if any, has not completed). */
  public boolean exists(long now) {
    return goneMillis == null || now < goneMillis;
  }

  public ConsumerRecord deletedUntil(long millis) {
    return new ConsumerRecord(stream, streamGeneration, name, createdMillis, readyMillis, millis);
  }

  /** What a consumer ARN names: its stream, name and creation second; null if it is not one. */
  public record Arn(StreamId stream, String name, long creationSeconds) {
    public static Arn parse(String arn) {
      int marker = arn.lastIndexOf("/consumer/");
      int colon = arn.lastIndexOf(':');
      if (marker < 0 || colon < marker) {
        return null;
      }
      StreamId stream = StreamId.ofArn(arn.substring(0, marker));
      String name = arn.substring(marker + "/consumer/".length(), colon);
      String seconds = arn.substring(colon + 1);
      if (stream == null || !StreamNames.valid(name) || !seconds.matches("\\d{1,12}")) {
        return null;
      }
      return new Arn(stream, name, Long.parseLong(seconds));
    }
  }
}
