package io.sluice.firehose.destination;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;

/**
 * POSTs to the endpoints Firehose delivers to (HTTP endpoints, Splunk HEC) over a non-blocking
 * Vert.x client: one exchange within {@code timeoutMs}, redirects not followed, the response body read
 * up to a limit. A failed stage's cause is a {@link TransportFailure} saying what went wrong on the
 * wire; any status is a response, judged by the caller.
 */
public final class EndpointClient implements AutoCloseable {

  /** A response: its status, headers and body. */
  public record Response(int status, MultiMap headers, byte[] body) {}

  /** What went wrong before a whole response arrived. */
  public enum Kind { TIMEOUT, CONNECT, RESET, SSL, TOO_LARGE }

  /** An exchange that produced no response, of one {@link Kind}. */
  public static final class TransportFailure extends RuntimeException {
    private final Kind kind;

    public TransportFailure(Kind kind, String message) {
      super(message, null, false, false);
      this.kind = kind;
    }

    public Kind kind() {
      return kind;
    }

    /** {@code failure} (a failed stage's cause, possibly wrapped) as a transport failure. */
    public static TransportFailure of(Throwable failure) {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
          : failure;
      if (cause instanceof TransportFailure t) {
        return t;
      }
      return new TransportFailure(kindOf(cause), cause.getMessage() != null ? cause.getMessage()
          : cause.getClass().getSimpleName());
    }
  }

  private final HttpClientAgent client;
  private final long timeoutMs;
  /** Where exchanges asked for from outside Vert.x run (see {@link #post}). */
  private final Context context;

  public EndpointClient(Vertx vertx, long timeoutMs) {
    this(vertx, timeoutMs, "");
  }

  /** @param trustedCertificates a PEM file whose certificates HTTPS endpoints are trusted by; empty: the JVM's */
  public EndpointClient(Vertx vertx, long timeoutMs, String trustedCertificates) {
    this.timeoutMs = timeoutMs;
    this.context = vertx.getOrCreateContext();
    this.client = vertx.createHttpClient(trusting(new HttpClientOptions()
            .setConnectTimeout((int) Math.min(timeoutMs, 10_000)).setKeepAlive(true), trustedCertificates),
        new PoolOptions().setHttp1MaxSize(20));
  }

  /** {@code options} trusting the certificates of the PEM file {@code path} in place of the JVM's, if not empty. */
  static HttpClientOptions trusting(HttpClientOptions options, String path) {
    return path == null || path.isBlank() ? options
        : options.setTrustOptions(new io.vertx.core.net.PemTrustOptions().addCertPath(path));
  }

  /**
   * POSTs {@code body} to {@code url}; the response's body may hold at most {@code maxResponseBytes}.
   * Called from outside Vert.x (a timer of a test's manual clock), the exchange runs on a context of
   * this client's, so that the response's handlers are set on the context it arrives on before its body.
   */
  public CompletionStage<Response> post(String url, MultiMap headers, Buffer body, int maxResponseBytes) {
    if (Vertx.currentContext() != null) {
      return exchange(url, headers, body, maxResponseBytes).toCompletionStage();
    }
    Promise<Response> done = Promise.promise();
    context.runOnContext(v -> exchange(url, headers, body, maxResponseBytes).onComplete(done));
    return done.future().toCompletionStage();
  }

  private Future<Response> exchange(String url, MultiMap headers, Buffer body, int maxResponseBytes) {
    AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
    RequestOptions options;
    try {
      options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url).setHeaders(headers)
          .setFollowRedirects(false);
    } catch (RuntimeException e) {
      return Future.failedFuture(new TransportFailure(Kind.CONNECT,
          "the URL " + url + " is not valid: " + e.getMessage()));
    }
    return client.request(options)
        .compose(request -> {
          sent.set(request);
          // its handlers are set in the callback that gets the response (see FunctionUrlInvoker)
          return request.send(body).compose(response -> read(response, maxResponseBytes));
        })
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .recover(t -> {
          HttpClientRequest request = sent.get();
          if (request != null && t instanceof TimeoutException) {
            request.reset();
          }
          return Future.failedFuture(TransportFailure.of(t));
        });
  }

  private static Future<Response> read(HttpClientResponse response, int max) {
    Promise<Response> read = Promise.promise();
    Buffer body = Buffer.buffer();
    response.exceptionHandler(read::tryFail);
    response.handler(chunk -> {
      if (body.length() + chunk.length() > max) {
        read.tryFail(new TransportFailure(Kind.TOO_LARGE, "the response body is larger than " + max + " bytes"));
        response.request().reset();
      } else {
        body.appendBuffer(chunk);
      }
    });
    response.endHandler(v ->
        read.tryComplete(new Response(response.statusCode(), response.headers(), body.getBytes())));
    return read.future();
  }

  /** The kind of a failed exchange's cause. */
  static Kind kindOf(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof TimeoutException) {
        return Kind.TIMEOUT;
      }
      if (t instanceof SSLException) {
        return Kind.SSL;
      }
      if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
        return Kind.CONNECT;
      }
    }
    return Kind.RESET;
  }

  @Override
  public void close() {
    client.close();
  }
}
