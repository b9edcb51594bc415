package io.sluice.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Small service definitions for protocol tests: a query+JSON 1.0 one and a JSON 1.1+CBOR one. */
final class TestServices {
  private TestServices() {}

  /** An operation class in Sluice's convention. */
  static final class PutThing {
    public record Request(String name, byte[] data, Instant at, Integer count) {}

    public record Response(String id, byte[] data, Instant at) {}
  }

  static final class DeleteThing {
    public record Request(String name) {}
  }

  static final class TagThing {
    public record Request(List<String> names, Map<String, String> tags) {}
  }

  static final ServiceDefinition QUERY_AND_JSON = new ServiceDefinition("things", "things", "2020-01-01",
      "http://things.example.com/doc/2020-01-01/", "ThingService", Set.of(WireProtocol.QUERY, WireProtocol.JSON_1_0),
      "com.example.things#", true, QueryStyle.FLATTENED, "things.api",
      ServiceDefinition.operationsOf(List.of(PutThing.class, DeleteThing.class, TagThing.class)));

  static final ServiceDefinition JSON11_AND_CBOR = new ServiceDefinition("streams", "streams", "2013-12-02",
      null, "Streams_20131202", Set.of(WireProtocol.JSON_1_1, WireProtocol.CBOR_1_1),
      "", false, QueryStyle.WRAPPED, "streams.api",
      ServiceDefinition.operationsOf(List.of(PutThing.class)));
}
