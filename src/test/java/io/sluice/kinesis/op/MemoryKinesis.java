package io.sluice.kinesis.op;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sluice.access.Principal;
import io.sluice.kinesis.KinesisConfig;
import io.sluice.kinesis.KinesisMeters;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.store.InMemoryConsumerStore;
import io.sluice.storage.limits.InMemoryRateLimiter;
import io.sluice.kinesis.store.InMemoryStreamStore;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.Operation;
import io.sluice.protocol.RequestContext;
import io.sluice.protocol.WireProtocol;
import io.sluice.testing.Await;
import io.sluice.time.ManualClock;
import java.util.function.Function;

/** Kinesis operations on the in-memory store with a manual clock, called as account {@link #ACCOUNT}. */
final class MemoryKinesis {
  static final String REGION = "us-east-1";
  static final String ACCOUNT = "000000000000";

  final ManualClock clock = new ManualClock(1_700_000_000_000L);
  final ManualShardSignals signals = new ManualShardSignals(clock);
  final KinesisServices services;

  MemoryKinesis(KinesisConfig config) {
    this(config, KinesisMeters.NONE);
  }

  MemoryKinesis(KinesisConfig config, KinesisMeters meters) {
    services = new KinesisServices(new InMemoryStreamStore(), clock, config, new byte[32],
        new InMemoryConsumerStore(), signals, meters, new InMemoryRateLimiter());
  }

  MemoryKinesis() {
    this(KinesisConfig.DEFAULTS);
  }

  static RequestContext context(Principal principal) {
    return new RequestContext("req", "kinesis", "Test", WireProtocol.CBOR_1_1, REGION, principal.account(),
        "AKIDTEST", "localhost", "http", "/", principal);
  }

  <Q, R> R call(Function<KinesisServices, ? extends Operation<Q, R>> operation, Q request) {
    return call(Principal.unchecked(ACCOUNT), operation, request);
  }

  <Q, R> R call(Principal caller, Function<KinesisServices, ? extends Operation<Q, R>> operation, Q request) {
    return Await.await(operation.apply(services).execute(context(caller), request));
  }

  <Q> String errorCode(Function<KinesisServices, ? extends Operation<Q, ?>> operation, Q request) {
    return errorCode(Principal.unchecked(ACCOUNT), operation, request);
  }

  <Q> String errorCode(Principal caller, Function<KinesisServices, ? extends Operation<Q, ?>> operation, Q request) {
    return assertThrows(AwsException.class, () -> Await.await(operation.apply(services).execute(context(caller),
        request))).error().code();
  }

  /** Creates a provisioned stream and lets it become ACTIVE. */
  void activeStream(String name, int shards) {
    call(CreateStream::new, new CreateStream.Request(name, shards, null, null));
    clock.advanceSeconds(1);
  }
}
