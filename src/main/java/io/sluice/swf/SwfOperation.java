package io.sluice.swf;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.Operation;
import io.sluice.protocol.RequestContext;
import io.sluice.swf.engine.History;
import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.DomainRecord;
import io.sluice.swf.store.DomainStore;
import io.sluice.swf.model.ResourceTag;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Base of SWF operations: the request checked against the model's {@code <Action>Input} shape, and
 * the domain it names, in the caller's account and region (a caller never reaches another
 * account's domains).
 */
public abstract class SwfOperation<Q, R> implements Operation<Q, R> {
  /** How often a tag change is tried again when another change to the domain's tags came first. */
  private static final int ATTEMPTS = 16;

  protected final SwfServices swf;
  protected final SwfTypes types;

  protected SwfOperation(SwfServices swf) {
    this.swf = swf;
    this.types = new SwfTypes(swf);
  }

  @Override
  public final CompletionStage<R> execute(RequestContext ctx, Q request) {
    SwfModel.SHAPES.validate(getClass().getSimpleName() + "Input", request);
    return run(ctx, request);
  }

  /** The action, on a request that fits its input shape. */
  protected abstract CompletionStage<R> run(RequestContext ctx, Q request);

  protected static DomainId domainId(RequestContext ctx, String name) {
    return new DomainId(ctx.region(), ctx.account(), name);
  }

  /** The domain, UnknownResourceFault if there is none. */
  protected CompletionStage<DomainRecord> domain(RequestContext ctx, String name) {
    DomainId id = domainId(ctx, name);
    return swf.domains().domain(id).thenApply(found -> found.orElseThrow(() -> unknownDomain(name)));
  }

  /**
   * The domain a domain ARN names, in the caller's account and region; UnknownResourceFault for an ARN
   * that names no domain of the caller's.
   */
  protected CompletionStage<DomainRecord> domainByArn(RequestContext ctx, String arn) {
    DomainId id = DomainId.ofArn(arn).filter(d -> d.region().equals(ctx.region()) && d.account().equals(ctx.account()))
        .orElseThrow(() -> AwsException.of(SwfError.UnknownResourceFault, "Unknown resource: %s", arn));
    return swf.domains().domain(id).thenApply(found -> found.orElseThrow(() -> unknownDomain(id.name())));
  }

  /**
   * Replaces the tags of the domain {@code arn} names by {@code change} of them, in one step on the
   * store: only if no other change came between the read and the write, else read and changed again.
   */
  protected CompletionStage<Void> changeTags(RequestContext ctx, String arn,
                                             UnaryOperator<List<ResourceTag>> change) {
    return changeTags(ctx, arn, change, ATTEMPTS);
  }

  private CompletionStage<Void> changeTags(RequestContext ctx, String arn, UnaryOperator<List<ResourceTag>> change,
                                           int attempts) {
    return domainByArn(ctx, arn).thenCompose(d -> store().replaceTags(d.id(), d.tags(), change.apply(d.tags()))
        .thenCompose(outcome -> switch (outcome) {
          case DONE -> CompletableFuture.<Void>completedFuture(null);
          case CONFLICT -> {
            if (attempts <= 1) {
              throw AwsException.of(SwfError.LimitExceededFault, "Too many concurrent changes to %s; try again.", arn);
            }
            yield changeTags(ctx, arn, change, attempts - 1);
          }
          default -> throw unknownDomain(d.id().name());
        }));
  }

  /**
   * Runs {@code change} as a history transaction on run {@code runId} of {@code workflowId}, or on
   * its open run when {@code runId} is null, after the domain is found; the run must be open.
   * UnknownResourceFault for an unknown domain, no such run, or a closed one.
   */
  protected <T> CompletionStage<T> updateOpenRun(RequestContext ctx, String domain, String workflowId, String runId,
                                                 Function<History, T> change) {
    return domain(ctx, domain)
        .thenCompose(d -> swf.histories().run(d.id(), workflowId, runId))
        .thenCompose(key -> swf.histories().update(key, h -> {
          h.execution().requireOpen();
          return change.apply(h);
        }));
  }

  protected DomainStore store() {
    return swf.domains();
  }

  protected long now() {
    return swf.clock().millis();
  }

  public static AwsException unknownDomain(String name) {
    return AwsException.of(SwfError.UnknownResourceFault, "Unknown domain: %s", name);
  }
}
