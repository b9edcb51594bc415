package io.sluice.firehose;

import io.sluice.firehose.model.DeliveryStreamId;
import io.sluice.firehose.model.DeliveryStreamRecord;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.Operation;
import io.sluice.protocol.RequestContext;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Base of Firehose operations: the request checked against the model's input shape, the delivery
 * stream it names, and a change to that stream applied in one step. Every Firehose action names its
 * stream by {@code DeliveryStreamName}, so a caller reaches only the streams of its own account and
 * region; Firehose has no resource policies.
 */
public abstract class FirehoseOperation<Q, R> implements Operation<Q, R> {
  /** How often a change is tried again when another change to the stream came first. */
  private static final int ATTEMPTS = 16;

  protected final FirehoseServices firehose;

  protected FirehoseOperation(FirehoseServices firehose) {
    this.firehose = firehose;
  }

  @Override
  public final CompletionStage<R> execute(RequestContext ctx, Q request) {
    FirehoseModel.validate(action() + "Input", request);
    return run(ctx, request);
  }

  /** The action, on a request that fits its input shape. */
  protected abstract CompletionStage<R> run(RequestContext ctx, Q request);

  protected DeliveryStreamId id(RequestContext ctx, String name) {
    return new DeliveryStreamId(ctx.region(), ctx.account(), name);
  }

  /** The stream, ResourceNotFoundException if there is none. */
  protected CompletionStage<DeliveryStreamRecord> stream(RequestContext ctx, String name) {
    DeliveryStreamId id = id(ctx, name);
    return firehose.store().find(id, now()).thenApply(found -> found.orElseThrow(() -> notFound(id)));
  }

  /** The stream if it is ACTIVE; ResourceNotFoundException if there is none, ResourceInUseException otherwise. */
  protected CompletionStage<DeliveryStreamRecord> activeStream(RequestContext ctx, String name) {
    return stream(ctx, name).thenApply(s -> {
      String status = s.status(now());
      if (!status.equals("ACTIVE")) {
        throw AwsException.of(FirehoseError.ResourceInUseException,
            "Firehose %s under account %s is not ACTIVE: it is %s.", name, ctx.account(), status);
      }
      return s;
    });
  }

  /**
   * Applies {@code change} to the ACTIVE stream {@code name} in one step on the store: the stream is
   * replaced only if no other change came between the read and the write, else read and changed
   * again. The stream as changed.
   */
  protected CompletionStage<DeliveryStreamRecord> change(RequestContext ctx, String name,
                                                         Function<DeliveryStreamRecord, DeliveryStreamRecord> change) {
    return change(ctx, name, change, ATTEMPTS);
  }

  private CompletionStage<DeliveryStreamRecord> change(RequestContext ctx, String name,
      Function<DeliveryStreamRecord, DeliveryStreamRecord> change, int attempts) {
    return activeStream(ctx, name).thenCompose(current -> {
      DeliveryStreamRecord updated = change.apply(current);
      if (updated == current) {
        return java.util.concurrent.CompletableFuture.completedFuture(current);
      }
      return firehose.store().replace(current, updated, now()).thenCompose(replaced -> {
        if (replaced) {
          return java.util.concurrent.CompletableFuture.completedFuture(updated);
        }
        if (attempts <= 1) {
          throw AwsException.of(FirehoseError.ConcurrentModificationException,
              "Another request changed Firehose %s at the same time; try again.", name);
        }
        return change(ctx, name, change, attempts - 1);
      });
    });
  }

  public static AwsException notFound(DeliveryStreamId id) {
    return AwsException.of(FirehoseError.ResourceNotFoundException, "Firehose %s under account %s not found.",
        id.name(), id.account());
  }

  /** The AWS action this operation implements: its class is named after it. */
  protected String action() {
    return getClass().getSimpleName();
  }

  protected long now() {
    return firehose.clock().millis();
  }
}
