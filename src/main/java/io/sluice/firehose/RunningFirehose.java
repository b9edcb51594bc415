package io.sluice.firehose;

import io.sluice.firehose.delivery.ObjectStore;
import io.sluice.firehose.objects.S3ReadApi;
import io.sluice.gateway.RestApi;
import io.sluice.module.RunningService;
import java.util.List;

/**
 * Firehose running on a node: the {@link ObjectStore} of Sluice's own objects (where delivery writes
 * when no S3 endpoint is configured) and the read-only S3 API that serves them.
 */
public final class RunningFirehose implements RunningService {
  private final ObjectStore storedObjects;
  private final S3ReadApi s3;

  RunningFirehose(ObjectStore storedObjects, S3ReadApi s3) {
    this.storedObjects = storedObjects;
    this.s3 = s3;
  }

  /** Sluice's own object store, which {@link #restApis()} serves read-only. */
  public ObjectStore storedObjects() {
    return storedObjects;
  }

  @Override
  public List<RestApi> restApis() {
    return List.of(s3);
  }
}
