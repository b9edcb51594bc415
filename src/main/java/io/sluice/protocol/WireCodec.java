package io.sluice.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decodes requests into operation records and renders results and errors, per protocol. This is
 * the only place that knows what the wire looks like; operations see records only.
 */
public final class WireCodec {
  private static final byte[] EMPTY_JSON = "{}".getBytes(StandardCharsets.UTF_8);
  private final ObjectMapper json = JsonCodec.json();
  private final ObjectMapper cbor = JsonCodec.cbor();
  private final ObjectMapper jsonRequests = JsonCodec.requests(json);
  private final ObjectMapper cborRequests = JsonCodec.requests(cbor);
  private final Map<String, QueryDecoder> queryDecoders = new ConcurrentHashMap<>();
  private final Map<String, XmlWriter> xmlWriters = new ConcurrentHashMap<>();

  /** Decodes the call's parameters into its operation's request record. */
  public Object decode(IncomingCall call) {
    Class<?> type = call.operation().requestType();
    return switch (call.protocol()) {
      case QUERY -> queryDecoder(call.service()).decode(call.queryParams(), type);
      case JSON_1_0, JSON_1_1 -> decodeBody(jsonRequests, call.body(), type);
      case CBOR_1_1 -> decodeBody(cborRequests, call.body(), type);
    };
  }

  private static Object decodeBody(ObjectMapper mapper, byte[] body, Class<?> type) {
    try (JsonParser parser = mapper.createParser(body)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        return mapper.convertValue(mapper.createObjectNode(), type);
      }
      if (first != JsonToken.START_OBJECT) {
        throw InputErrors.notAStructure(CommonError.SerializationException, first);
      }
      return mapper.readValue(parser, type);
    } catch (JsonProcessingException e) {
      throw InputErrors.of(CommonError.SerializationException, e);
    } catch (IOException e) {
      throw AwsException.of(CommonError.SerializationException, "The request body could not be read.");
    }
  }

  /** Renders a successful result; {@code response} is null for actions without output. */
  public HttpReply success(ServiceDefinition service, WireProtocol protocol, String action,
                           Object response, String requestId) {
    Map<String, String> headers = Map.of("x-amzn-RequestId", requestId);
    return switch (protocol) {
      case QUERY -> new HttpReply(200, "text/xml", headers,
          xmlWriter(service).success(action, response, requestId).getBytes(StandardCharsets.UTF_8));
      case JSON_1_0, JSON_1_1 -> new HttpReply(200, protocol.contentType(), headers, write(json, response));
      case CBOR_1_1 -> new HttpReply(200, protocol.contentType(), headers, write(cbor, response));
    };
  }

  /** Renders an AWS error in the protocol of the request. {@code service} may be null if unknown. */
  public HttpReply error(ServiceDefinition service, WireProtocol protocol, AwsException e, String requestId) {
    AwsErrorCode code = e.error();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-amzn-RequestId", requestId);
    if (protocol == WireProtocol.QUERY || protocol == null) {
      String ns = service != null ? service.xmlNamespace() : "https://sluice.io/doc/unknown-service/";
      QueryStyle style = service != null ? service.queryStyle() : QueryStyle.WRAPPED;
      XmlWriter writer = service != null ? xmlWriter(service) : new XmlWriter(ns, style);
      return new HttpReply(code.httpStatus(), "text/xml", headers,
          writer.error(code, e.getMessage(), requestId).getBytes(StandardCharsets.UTF_8));
    }
    String type = service != null ? service.jsonErrorType(code)
        : (code.jsonType() != null ? code.jsonType() : code.code());
    headers.put("x-amzn-ErrorType", code.code());
    if (service != null && service.queryCompatibleErrors()) {
      headers.put("x-amzn-query-error", code.queryCode() + ";" + (code.senderFault() ? "Sender" : "Receiver"));
    }
    ObjectNode body = json.createObjectNode();
    body.put("__type", type);
    body.put("message", e.getMessage());
    ObjectMapper mapper = protocol == WireProtocol.CBOR_1_1 ? cbor : json;
    return new HttpReply(code.httpStatus(), protocol.contentType(), headers, write(mapper, body));
  }

  private static byte[] write(ObjectMapper mapper, Object value) {
    if (value == null) {
      return mapper == JsonCodec.json() ? EMPTY_JSON : write(mapper, mapper.createObjectNode());
    }
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render " + value.getClass(), e);
    }
  }

  private QueryDecoder queryDecoder(ServiceDefinition s) {
    return queryDecoders.computeIfAbsent(s.name(), k -> new QueryDecoder(jsonRequests, s.queryStyle()));
  }

  private XmlWriter xmlWriter(ServiceDefinition s) {
    return xmlWriters.computeIfAbsent(s.name(), k -> new XmlWriter(s.xmlNamespace(), s.queryStyle()));
  }
}
