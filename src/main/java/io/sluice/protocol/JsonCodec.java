package io.sluice.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Jackson mappers for the AWS JSON and CBOR protocols: members in AWS's upper-camel spelling, nulls
 * omitted, unknown members ignored. JSON: blobs as base64, timestamps as epoch seconds (fractions
 * allowed). CBOR: blobs as byte strings, timestamps as epoch milliseconds (tag 1).
 */
public final class JsonCodec {

  private static final ObjectMapper JSON = common(JsonMapper.builder())
      .addModule(timestamps(new EpochSecondsSerializer()))
      .build();

  private static final ObjectMapper CBOR = common(CBORMapper.builder())
      .addModule(timestamps(new EpochMillisSerializer()))
      .build();

  private JsonCodec() {}

  /** The shared mapper for JSON 1.0 / 1.1 bodies (thread-safe). */
  public static ObjectMapper json() {
    return JSON;
  }

  /** The shared mapper for CBOR 1.1 bodies (thread-safe). */
  public static ObjectMapper cbor() {
    return CBOR;
  }

  /**
   * A copy of {@code mapper} for reading requests: a {@code null} list member or map value fails
   * (AWS's lists and maps hold no nulls) rather than reaching an operation.
   */
  public static ObjectMapper requests(ObjectMapper mapper) {
    ObjectMapper copy = mapper.copy();
    copy.setDefaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
    return copy;
  }

  private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B common(B builder) {
    return builder
        .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
        .serializationInclusion(JsonInclude.Include.NON_NULL);
  }

  private static SimpleModule timestamps(JsonSerializer<Instant> serializer) {
    SimpleModule timestamps = new SimpleModule("aws-timestamps");
    timestamps.addSerializer(Instant.class, serializer);
    timestamps.addDeserializer(Instant.class, new FlexibleInstantDeserializer());
    return timestamps;
  }

  /**
   * Writes an {@link Instant} as epoch milliseconds, tagged 1 (epoch-based date/time) as AWS's CBOR
   * protocol writes timestamps.
   */
  static final class EpochMillisSerializer extends JsonSerializer<Instant> {
    private static final int EPOCH_TAG = 1;

    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      if (gen instanceof CBORGenerator cbor) {
        cbor.writeTag(EPOCH_TAG);
      }
      gen.writeNumber(value.toEpochMilli());
    }
  }

  /** Writes an {@link Instant} as epoch seconds, with a millisecond fraction when there is one. */
  static final class EpochSecondsSerializer extends JsonSerializer<Instant> {
    @Override
    public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
      long millis = value.toEpochMilli();
      if (millis % 1000 == 0) {
        gen.writeNumber(millis / 1000);
      } else {
        gen.writeNumber(BigDecimal.valueOf(millis, 3));
      }
    }
  }

  /**
   * Reads epoch seconds (JSON number), epoch milliseconds (CBOR integer) or an ISO-8601 string, as
   * AWS clients may send any of them.
   */
  static final class FlexibleInstantDeserializer extends JsonDeserializer<Instant> {
    @Override
    public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonToken t = p.currentToken();
      if (p instanceof com.fasterxml.jackson.dataformat.cbor.CBORParser && t == JsonToken.VALUE_NUMBER_INT) {
        return Instant.ofEpochMilli(p.getLongValue());
      }
      if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
        BigDecimal seconds = p.getDecimalValue();
        return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
      }
      String text = p.getValueAsString();
      if (text == null) {
        return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
      }
      try {
        return Instant.parse(text.trim());
      } catch (DateTimeParseException e) {
        try {
          return Instant.ofEpochMilli(new BigDecimal(text.trim()).movePointRight(3).longValue());
        } catch (NumberFormatException n) {
          throw ctxt.weirdStringException(text, Instant.class, "not a timestamp");
        }
      }
    }
  }
}
