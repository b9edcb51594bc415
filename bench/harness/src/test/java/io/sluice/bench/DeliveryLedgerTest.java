package io.sluice.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** The exactly-once account behind scenario q's verdict. */
class DeliveryLedgerTest {
  private static final int SIZE = 16;

  private final DeliveryLedger ledger = new DeliveryLedger(SIZE);

  /** Numbers {@code n} fresh records, acknowledging those at {@code acked} indexes; their bytes by index. */
  private byte[][] put(int n, int... acked) {
    byte[][] records = new byte[n][];
    for (int i = 0; i < n; i++) {
      records[i] = new byte[SIZE];
      long id = ledger.next(records[i]);
      assertEquals(i, id);
    }
    for (int i : acked) {
      ledger.acknowledge(i);
    }
    return records;
  }

  private static byte[] object(byte[]... records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] r : records) {
      out.writeBytes(r);
    }
    return out.toByteArray();
  }

  @Test
  void everyAcknowledgedRecordInOneObjectIsComplete() {
    byte[][] r = put(3, 0, 1, 2);

    ledger.delivered(object(r[0], r[1]));
    ledger.delivered(object(r[2]));

    assertTrue(ledger.complete());
    assertEquals(3, ledger.deliveredCount());
    assertEquals(0, ledger.duplicates());
    assertEquals(0, ledger.unacknowledged());
    assertEquals(2, ledger.objects());
  }

  @Test
  void anAcknowledgedRecordInNoObjectIsLost() {
    byte[][] r = put(3, 0, 1, 2);

    ledger.delivered(object(r[0], r[2]));

    assertFalse(ledger.complete());
    assertEquals(1, ledger.lost());
  }

  @Test
  void aRecordDeliveredTwiceIsADuplicate() {
    byte[][] r = put(2, 0, 1);

    ledger.delivered(object(r[0], r[1]));
    ledger.delivered(object(r[1]));

    assertTrue(ledger.complete());
    assertEquals(1, ledger.duplicates());
  }

  @Test
  void aDeliveredRecordNoPutAcknowledgedIsCountedApart() {
    byte[][] r = put(2, 0);

    ledger.delivered(object(r[0], r[1]));

    assertTrue(ledger.complete());
    assertEquals(1, ledger.unacknowledged());
  }

  @Test
  void anObjectThatIsNotWholeRecordsOfThisStreamIsMalformed() {
    byte[][] r = put(1, 0);
    byte[] foreign = new byte[SIZE];
    java.nio.ByteBuffer.wrap(foreign).putLong(0, 99);

    ledger.delivered(object(r[0], new byte[] {1, 2, 3}));
    ledger.delivered(foreign);

    assertEquals(2, ledger.malformed());
    assertTrue(ledger.complete());
  }
}
