package io.sluice.firehose;

import io.sluice.firehose.delivery.ObjectStore;
import io.sluice.firehose.objects.S3ReadApi;
import io.sluice.gateway.RestApi;
import io.sluice.module.RunningService;
import io.vertx.core.Future;
import java.util.List;
import java.util.function.Supplier;

/**
 * Firehose running on a node: the {@link ObjectStore} of Sluice's own objects (where delivery writes
 * when no S3 endpoint is configured), the read-only S3 API that serves them, and the stop of its
 * flushes.
 */
public final class RunningFirehose implements RunningService {
  private final ObjectStore storedObjects;
  private final S3ReadApi s3;
  private final Supplier<Future<Void>> stop;

  /** @param stop stops the background work (flushes) and closes clients */
  RunningFirehose(ObjectStore storedObjects, S3ReadApi s3, Supplier<Future<Void>> stop) {
    this.storedObjects = storedObjects;
    this.s3 = s3;
    this.stop = stop;
  }

  /** Sluice's own object store, which {@link #restApis()} serves read-only. */
  public ObjectStore storedObjects() {
    return storedObjects;
  }

  @Override
  public List<RestApi> restApis() {
    return List.of(s3);
  }

  @Override
  public Future<Void> stop() {
    return stop.get();
  }
}
