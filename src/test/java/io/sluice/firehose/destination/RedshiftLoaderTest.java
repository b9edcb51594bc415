package io.sluice.firehose.destination;

import static io.sluice.firehose.destination.Batches.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.firehose.delivery.DeliveryFailure;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedshiftLoaderTest {

  @Test
  void aRedshiftUrlIsReachedAsPostgresql() {
    assertEquals("jdbc:postgresql://host:5439/dev?ssl=true",
        RedshiftLoader.postgresUrl("jdbc:redshift://host:5439/dev?ssl=true"));
    assertEquals("jdbc:postgresql://h/db", RedshiftLoader.postgresUrl("jdbc:postgresql://h/db"));
    assertEquals("Redshift.ConnectionFailed",
        assertThrows(DeliveryFailure.class, () -> RedshiftLoader.postgresUrl("jdbc:mysql://h/db")).errorCode());
  }

  @Test
  void concatenatedJsonObjectsBecomeCsvRowsByColumnName() {
    byte[] csv = RedshiftLoader.jsonAsCsv(List.of(record("1", 0, "{\"id\":1,\"Name\":\"a\\\"b\"}"),
        record("2", 0, "{\"id\":2,\"tags\":[1,2]}\n")), List.of("id", "name", "tags"), true);

    assertEquals("\"1\",\"a\"\"b\",\n\"2\",,\"[1,2]\"\n", new String(csv, StandardCharsets.UTF_8));
  }

  @Test
  void withoutIgnorecaseKeysMatchColumnsExactly() {
    byte[] csv = RedshiftLoader.jsonAsCsv(List.of(record("1", 0, "{\"ID\":1}")), List.of("id"), false);

    assertEquals("\n", new String(csv, StandardCharsets.UTF_8));
  }

  @Test
  void invalidJsonIsARefusedLoad() {
    DeliveryFailure f = assertThrows(DeliveryFailure.class,
        () -> RedshiftLoader.jsonAsCsv(List.of(record("1", 0, "{\"id\":")), List.of("id"), false));

    assertEquals("Redshift.DataLoadFailed", f.errorCode());
    assertFalse(f.retryable());
  }

  @Test
  void databaseErrorsMapToFirehoseCodesAndOnlyRefusalsStopRetries() {
    DeliveryFailure table = RedshiftLoader.failure(new SQLException("no table", "42P01"));
    DeliveryFailure connection = RedshiftLoader.failure(new SQLException("refused", "08001"));

    assertEquals("Redshift.TableNotFound", table.errorCode());
    assertFalse(table.retryable());
    assertEquals("Redshift.ConnectionFailed", connection.errorCode());
    assertTrue(connection.retryable());
    assertEquals("Redshift.DataLoadFailed", RedshiftLoader.failure(new SQLException("bad", "22P02")).errorCode());
  }
}
