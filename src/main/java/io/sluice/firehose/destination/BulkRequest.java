package io.sluice.firehose.destination;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.firehose.delivery.DeliveryRecord;
import io.sluice.protocol.JsonCodec;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code _bulk} request as Firehose sends it: for each record an {@code index} action line
 * ({@code _index} after rotation, {@code _type} where a TypeName is set, {@code _id} unless the
 * destination lets the cluster generate ids) and the record's data as the document line, each
 * ending in a newline. A record's data must be one single-line JSON object (developer guide, "Data
 * delivery format"); a line break it ends with is dropped, so the NDJSON stays two lines per record.
 *
 * @param body      the NDJSON body
 * @param documents the documents in body order, one per record
 */
public record BulkRequest(byte[] body, List<Document> documents) {

  /** Where one record was sent: its index, type (or null) and document id (or null). */
  public record Document(DeliveryRecord record, String index, String type, String id) {}

  /**
   * The request for {@code records}. {@code indexName} and {@code rotation} as configured; {@code type}
   * null without a TypeName; {@code firehoseIds} true for {@code FIREHOSE_DEFAULT} document ids.
   */
  public static BulkRequest of(List<DeliveryRecord> records, String indexName, String rotation, String type,
                               boolean firehoseIds) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    List<Document> documents = new ArrayList<>(records.size());
    for (DeliveryRecord r : records) {
      // FIREHOSE_DEFAULT: an id stable across attempts (API reference, DocumentIdOptions): the RecordId.
      Document d = new Document(r, SearchIndexName.of(indexName, rotation, r.arrivalMillis()), type,
          firehoseIds ? r.recordId() : null);
      ObjectNode action = JsonCodec.json().createObjectNode();
      ObjectNode meta = action.putObject("index");
      meta.put("_index", d.index());
      if (type != null) {
        meta.put("_type", type);
      }
      if (d.id() != null) {
        meta.put("_id", d.id());
      }
      body.writeBytes(action.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      body.write('\n');
      byte[] data = r.data();
      int end = data.length;
      while (end > 0 && (data[end - 1] == '\n' || data[end - 1] == '\r')) {
        end--;
      }
      body.write(data, 0, end);
      body.write('\n');
      documents.add(d);
    }
    return new BulkRequest(body.toByteArray(), List.copyOf(documents));
  }
}
