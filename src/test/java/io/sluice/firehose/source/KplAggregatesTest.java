package io.sluice.firehose.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.kinesis.producer.protobuf.Messages;

/** KPL aggregates, built with the KPL's own protobuf messages, read back as their user records. */
class KplAggregatesTest {
  private static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};

  /** An aggregate as the KPL writes it: magic, message, MD5 of the message. */
  static byte[] aggregate(String... texts) throws Exception {
    Messages.AggregatedRecord.Builder message = Messages.AggregatedRecord.newBuilder()
        .addPartitionKeyTable("k0").addPartitionKeyTable("k1").addExplicitHashKeyTable("123");
    for (int i = 0; i < texts.length; i++) {
      Messages.Record.Builder record = Messages.Record.newBuilder().setPartitionKeyIndex(i % 2)
          .setData(ByteString.copyFromUtf8(texts[i]));
      if (i == 0) {
        record.setExplicitHashKeyIndex(0).addTagsBuilder().setKey("t").setValue("v");
      }
      message.addRecords(record);
    }
    byte[] body = message.build().toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(MAGIC);
    out.write(body);
    out.write(MessageDigest.getInstance("MD5").digest(body));
    return out.toByteArray();
  }

  private static List<String> texts(List<byte[]> records) {
    return records.stream().map(r -> new String(r, StandardCharsets.UTF_8)).toList();
  }

  @Test
  void anAggregateIsItsUserRecordsInOrder() throws Exception {
    List<byte[]> records = KplAggregates.userRecords(aggregate("a", "bb", "", "d".repeat(300)));

    assertEquals(List.of("a", "bb", "", "d".repeat(300)), texts(records));
  }

  @Test
  void aPlainRecordIsItself() {
    byte[] plain = "{\"n\":1}".getBytes(StandardCharsets.UTF_8);

    assertEquals(List.of(plain), KplAggregates.userRecords(plain));
    assertEquals(1, KplAggregates.userRecords(new byte[0]).size());
  }

  @Test
  void anAggregateWithAWrongDigestOrABrokenMessageIsOneRecord() throws Exception {
    byte[] aggregate = aggregate("a", "b");
    byte[] badDigest = aggregate.clone();
    badDigest[badDigest.length - 1] ^= 1;
    byte[] body = {0x1A, 0x7F, 0x01};
    byte[] broken = new byte[MAGIC.length + body.length + 16];
    System.arraycopy(MAGIC, 0, broken, 0, MAGIC.length);
    System.arraycopy(body, 0, broken, MAGIC.length, body.length);
    System.arraycopy(MessageDigest.getInstance("MD5").digest(body), 0, broken, MAGIC.length + body.length, 16);

    List<byte[]> fromBadDigest = KplAggregates.userRecords(badDigest);
    List<byte[]> fromBroken = KplAggregates.userRecords(broken);

    assertEquals(1, fromBadDigest.size());
    assertArrayEquals(badDigest, fromBadDigest.getFirst());
    assertEquals(1, fromBroken.size());
    assertArrayEquals(broken, fromBroken.getFirst());
    assertEquals(2, KplAggregates.userRecords(Arrays.copyOf(aggregate, aggregate.length)).size());
  }
}
