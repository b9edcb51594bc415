package io.sluice.firehose.processing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sluice.protocol.JsonCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code RecordDeAggregation} processor: splits one record holding several into its sub-records
 * (developer guide, "Dynamic partitioning of aggregated data"). {@code JSON}: each top-level JSON value
 * of a concatenation such as {@code {"a":1}{"a":2}} or newline-delimited JSON, kept byte for byte;
 * {@code DELIMITED}: the pieces between delimiters, empty pieces left out. Whitespace between JSON
 * values is dropped, as is the delimiter ("multirecord deaggregation removes new lines from records").
 */
final class RecordDeAggregator {

  private RecordDeAggregator() {}

  /** The sub-records of {@code data}; IllegalArgumentException if {@code json} and it is not JSON values. */
  static List<byte[]> split(ProcessingSettings.DeAggregation how, byte[] data) {
    return how.json() ? json(data) : delimited(data, how.delimiter());
  }

  static List<byte[]> json(byte[] data) {
    List<byte[]> out = new ArrayList<>();
    try (JsonParser parser = JsonCodec.json().getFactory().createParser(data)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        int start = (int) parser.currentTokenLocation().getByteOffset();
        if (token.isStructStart()) {
          parser.skipChildren();
        } else {
          parser.finishToken(); // a string is read lazily: its end is known only once it is
        }
        int end = (int) parser.currentLocation().getByteOffset();
        out.add(Arrays.copyOfRange(data, start, end));
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("Non JSON record provided", e);
    }
    return out;
  }

  static List<byte[]> delimited(byte[] data, byte[] delimiter) {
    List<byte[]> out = new ArrayList<>();
    if (delimiter.length == 0) {
      out.add(data);
      return out;
    }
    int from = 0;
    for (int i = 0; i <= data.length - delimiter.length; ) {
      if (Arrays.equals(data, i, i + delimiter.length, delimiter, 0, delimiter.length)) {
        if (i > from) {
          out.add(Arrays.copyOfRange(data, from, i));
        }
        i += delimiter.length;
        from = i;
      } else {
        i++;
      }
    }
    if (from < data.length) {
      out.add(Arrays.copyOfRange(data, from, data.length));
    }
    return out;
  }
}
