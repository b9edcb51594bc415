package io.sluice.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.Blob;

/**
 * The S3 endpoint of the Firehose scenarios: S3Proxy on jclouds' in-memory ("transient") blobstore,
 * inside the harness JVM on a free port of 127.0.0.1, checking SigV4 signatures with
 * {@link #ACCESS_KEY}/{@link #SECRET_KEY}. Every object it stores is handed, with the
 * {@link System#nanoTime()} at which it was stored (before S3Proxy answers the PUT), to the
 * {@link Listener} of its bucket, and then removed from the store, so that the harness's heap holds only
 * the objects being written. Only single PUTs are seen (Sluice's Firehose writes every object with one
 * PutObject); a multipart upload would land uncounted.
 */
final class S3Sink implements AutoCloseable {
  static final String ACCESS_KEY = "bench";
  static final String SECRET_KEY = "bench-secret";
  static final String REGION = "us-east-1";

  /** What a scenario does with each object stored in one of its buckets. */
  interface Listener {
    void stored(String key, byte[] data, long nanos);
  }

  private final BlobStoreContext context;
  private final BlobStore store;
  private final S3Proxy proxy;
  private final Map<String, Listener> listeners = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> bytes = new ConcurrentHashMap<>();

  private S3Sink(BlobStoreContext context, BlobStore store, S3Proxy proxy) {
    this.context = context;
    this.store = store;
    this.proxy = proxy;
  }

  /** Starts S3Proxy and waits until it serves. */
  static S3Sink start() {
    BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
        .overrides(new Properties()).build(BlobStoreContext.class);
    S3Sink[] self = new S3Sink[1];
    BlobStore delegate = context.getBlobStore();
    BlobStore counting = (BlobStore) Proxy.newProxyInstance(BlobStore.class.getClassLoader(),
        new Class<?>[] {BlobStore.class}, (p, method, args) -> self[0].invoke(delegate, method, args));
    S3Proxy proxy = S3Proxy.builder().blobStore(counting)
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        // Firehose writes objects of up to 128 MiB in one PUT.
        .v4MaxNonChunkedRequestSize(256L << 20)
        .build();
    self[0] = new S3Sink(context, delegate, proxy);
    try {
      proxy.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
        }
        Servers.sleep(5);
      }
    } catch (Exception e) {
      self[0].close();
      throw e instanceof RuntimeException r ? r : new IllegalStateException("S3Proxy did not start", e);
    }
    return self[0];
  }

  /** {@code http://127.0.0.1:<port>}. */
  String endpoint() {
    return "http://127.0.0.1:" + proxy.getPort();
  }

  /** The environment that points a Sluice node's Firehose at this endpoint. */
  Map<String, String> sluiceEnvironment() {
    return Map.of("SLUICE_FIREHOSE_S3_ENDPOINT", endpoint(), "SLUICE_FIREHOSE_S3_ACCESS_KEY_ID", ACCESS_KEY,
        "SLUICE_FIREHOSE_S3_SECRET_ACCESS_KEY", SECRET_KEY, "SLUICE_FIREHOSE_S3_REGION", REGION);
  }

  /** Creates {@code bucket} (if absent) and sends what is stored in it to {@code listener}. */
  void bucket(String bucket, Listener listener) {
    store.createContainerInLocation(null, bucket);
    bytes.put(bucket, new LongAdder());
    listeners.put(bucket, listener);
  }

  /** The bytes stored in {@code bucket} since {@link #bucket} (0 for an unknown bucket). */
  long bytes(String bucket) {
    LongAdder b = bytes.get(bucket);
    return b == null ? 0 : b.sum();
  }

  /** Stops listening to {@code bucket} and deletes it with whatever it still holds. */
  void drop(String bucket) {
    listeners.remove(bucket);
    bytes.remove(bucket);
    if (store.containerExists(bucket)) {
      store.deleteContainer(bucket);
    }
  }

  private Object invoke(BlobStore delegate, Method method, Object[] args) throws Throwable {
    Object result;
    try {
      result = method.invoke(delegate, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
    if (method.getName().equals("putBlob") && args != null && args.length >= 2 && args[1] instanceof Blob blob) {
      long nanos = System.nanoTime();
      String bucket = (String) args[0];
      String key = blob.getMetadata().getName();
      Listener listener = listeners.get(bucket);
      if (listener != null) {
        Blob stored = delegate.getBlob(bucket, key);
        byte[] data;
        try (InputStream in = stored.getPayload().openStream()) {
          data = in.readAllBytes();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        delegate.removeBlob(bucket, key);
        LongAdder b = bytes.get(bucket);
        if (b != null) {
          b.add(data.length);
        }
        listener.stored(key, data, nanos);
      }
    }
    return result;
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception ignored) {
      // stopping at the end of the run
    }
    context.close();
  }
}
