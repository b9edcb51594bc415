package io.sluice.firehose.destination;

import static io.sluice.firehose.destination.Batches.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.firehose.delivery.DeliveryFailure;
import io.sluice.firehose.delivery.DeliveryRecord;
import io.sluice.protocol.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
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
        record("2", 0, "{\"id\":2,\"tags\":[1,2]}\n")), List.of("id", "name", "tags"), json("json 'auto ignorecase'"));

    assertEquals("\"1\",\"a\"\"b\",\n\"2\",,\"[1,2]\"\n", new String(csv, StandardCharsets.UTF_8));
  }

  @Test
  void withoutIgnorecaseKeysMatchColumnsExactly() {
    byte[] csv = RedshiftLoader.jsonAsCsv(List.of(record("1", 0, "{\"ID\":1}")), List.of("id"), json("json 'auto'"));

    assertEquals("\n", new String(csv, StandardCharsets.UTF_8));
  }

  @Test
  void emptyAndBlankStringsAreNullWhenTheOptionsSaySo() {
    List<DeliveryRecord> records = List.of(record("1", 0, "{\"a\":\"\",\"b\":\" \"}"));

    assertEquals("\"\",\" \"\n", csv(records, "json 'auto'"));
    assertEquals(",\" \"\n", csv(records, "json 'auto' emptyasnull"));
    assertEquals(",\n", csv(records, "json 'auto' blanksasnull emptyasnull"));
  }

  private static String csv(List<DeliveryRecord> records, String options) {
    return new String(RedshiftLoader.jsonAsCsv(records, List.of("a", "b"), json(options)), StandardCharsets.UTF_8);
  }

  private static RedshiftCopy json(String options) {
    return RedshiftCopy.of(JsonCodec.json().createObjectNode().put("DataTableName", "t")
        .put("CopyOptions", options));
  }

  @Test
  void invalidJsonIsARefusedLoad() {
    DeliveryFailure f = assertThrows(DeliveryFailure.class,
        () -> RedshiftLoader.jsonAsCsv(List.of(record("1", 0, "{\"id\":")), List.of("id"), json("json 'auto'")));

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

  @Test
  void aMappedClusterHostIsReachedAtItsTarget() {
    Map<String, String> hosts = Map.of("c.abc.us-east-1.redshift.amazonaws.com", "127.0.0.1:5432",
        "d.abc.us-east-1.redshift.amazonaws.com:5439", "10.0.0.1:6543");

    assertEquals("jdbc:redshift://127.0.0.1:5432/dev?ssl=false",
        RedshiftLoader.mapped("jdbc:redshift://c.abc.us-east-1.redshift.amazonaws.com:5439/dev?ssl=false", hosts));
    assertEquals("jdbc:redshift://10.0.0.1:6543/dev",
        RedshiftLoader.mapped("jdbc:redshift://d.abc.us-east-1.redshift.amazonaws.com:5439/dev", hosts));
    assertEquals("jdbc:redshift://e.abc.us-east-1.redshift.amazonaws.com:5439/dev",
        RedshiftLoader.mapped("jdbc:redshift://e.abc.us-east-1.redshift.amazonaws.com:5439/dev", hosts));
  }
}
