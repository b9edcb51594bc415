package io.sluice.firehose.destination;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.protocol.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedshiftManifestTest {
  private static final long AT = 1569504109000L; // 2019-09-26T13:21:49Z

  private static JsonNode s3(String prefix) {
    return JsonCodec.json().createObjectNode().put("BucketARN", "arn:aws:s3:::stage").put("Prefix", prefix);
  }

  @Test
  void manifestsLiveUnderThePrefixByHourNamedAfterTheStream() {
    assertEquals("in/manifests/2019/09/26/13/collect-2019-09-26-13-21-49-id",
        RedshiftManifest.key(s3("in/"), false, "collect", AT, "id"));
    assertEquals("in/errors/manifests/2019/09/26/13/collect-2019-09-26-13-21-49-id",
        RedshiftManifest.key(s3("in/"), true, "collect", AT, "id"));
    assertEquals("manifests/2019/09/26/13/collect-2019-09-26-13-21-49-id",
        RedshiftManifest.key(s3("p/!{timestamp:yyyy}/"), false, "collect", AT, "id"));
  }

  @Test
  void theManifestListsEveryStagedObjectAsMandatory() {
    assertEquals("{\"entries\":[{\"url\":\"s3://stage/a\",\"mandatory\":true},{\"url\":\"s3://stage/b\",\"mandatory\":true}]}",
        new String(RedshiftManifest.body(List.of("s3://stage/a", "s3://stage/b")), StandardCharsets.UTF_8));
    assertEquals("stage", RedshiftManifest.bucket(s3("")));
  }
}
