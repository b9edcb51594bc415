package io.sluice.firehose.destination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.firehose.delivery.DeliveryFailure;
import io.sluice.protocol.JsonCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedshiftCopyTest {

  private static JsonNode command(String options) {
    return JsonCodec.json().createObjectNode().put("DataTableName", "events").put("DataTableColumns", "id,name")
        .put("CopyOptions", options);
  }

  @Test
  void theStatementAwsIssuesCopiesFromTheManifestAsTheRole() {
    assertEquals("COPY events (id,name) FROM 's3://b/manifests/m' CREDENTIALS "
            + "'aws_iam_role=arn:aws:iam::000000000000:role/r' MANIFEST delimiter '|' gzip",
        RedshiftCopy.redshiftStatement(command("delimiter '|' gzip"), "s3://b/manifests/m",
            "arn:aws:iam::000000000000:role/r"));
  }

  @Test
  void withoutOptionsRedshiftReadsPipeDelimitedText() {
    RedshiftCopy copy = RedshiftCopy.of(command(""));

    assertEquals(RedshiftCopy.Format.TEXT, copy.format());
    assertEquals("COPY events (id, name) FROM STDIN WITH (FORMAT text, DELIMITER E'|', NULL E'\\\\N')",
        copy.postgresStatement(copy.columns()));
  }

  @Test
  void csvQuoteNullAndHeaderOptionsAreTranslated() {
    RedshiftCopy copy = RedshiftCopy.of(command("CSV QUOTE AS '''' DELIMITER ',' NULL AS 'nil' IGNOREHEADER 1 GZIP;"));

    assertEquals(RedshiftCopy.Format.CSV, copy.format());
    assertEquals('\'', copy.quote());
    assertEquals(1, copy.ignoreHeader());
    assertEquals("COPY events (id, name) FROM STDIN WITH (FORMAT csv, DELIMITER E',', QUOTE E'\\'', NULL E'nil')",
        copy.postgresStatement(copy.columns()));
  }

  @Test
  void jsonAutoWithIgnorecaseIsUnderstood() {
    RedshiftCopy copy = RedshiftCopy.of(command("format as json 'auto ignorecase' timeformat 'auto'"));

    assertEquals(RedshiftCopy.Format.JSON, copy.format());
    assertTrue(copy.jsonIgnoreCase());
    assertFalse(RedshiftCopy.of(command("json 'auto'")).jsonIgnoreCase());
  }

  @Test
  void csvIsCommaDelimitedUnlessToldOtherwise() {
    assertEquals(',', RedshiftCopy.of(command("csv")).delimiter());
    assertEquals(';', RedshiftCopy.of(command("csv delimiter ';'")).delimiter());
  }

  @Test
  void optionsPostgresqlCannotHonourAreRefusedByName() {
    DeliveryFailure jsonPaths = assertThrows(DeliveryFailure.class,
        () -> RedshiftCopy.of(command("json 's3://bucket/jsonpaths.json'")));
    DeliveryFailure fixed = assertThrows(DeliveryFailure.class,
        () -> RedshiftCopy.of(command("fixedwidth 'a:3,b:4'")));

    assertEquals("Redshift.IncorrectCopyOptions", jsonPaths.errorCode());
    assertFalse(jsonPaths.retryable());
    assertTrue(fixed.getMessage().contains("fixedwidth"));
    assertEquals("Redshift.IncorrectCopyOptions",
        assertThrows(DeliveryFailure.class, () -> RedshiftCopy.of(command("emptyasnull"))).errorCode());
  }

  @Test
  void quotedValuesKeepTheirSpacesAndEscapedQuotes() {
    assertEquals(List.of("delimiter", "'\\t'", "null", "as", "'it''s here'"),
        RedshiftCopy.tokens("delimiter '\\t' null as 'it''s here';"));
    assertEquals('\t', RedshiftCopy.of(command("delimiter '\\t'")).delimiter());
  }
}
