package io.sluice.bus;

import io.sluice.protocol.OperationSpec;
import io.sluice.protocol.RequestContext;
import java.util.Objects;

/**
 * A decoded AWS request on its way from the gateway (or {@link ServiceClient}) to the service
 * verticle that runs it, local delivery only. It names its operation by {@link OperationSpec}, and
 * is only built when the request is of that operation's request type and the context names the
 * same action: the receiving verticle finds the operation by the spec ({@link OperationTable}) and
 * can trust the request's type.
 *
 * @param <Q> the operation's request record
 */
public record OperationCall<Q>(RequestContext context, OperationSpec spec, Q request) {

  public OperationCall {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(request, () -> spec.action() + " called without a request");
    if (!spec.requestType().isInstance(request)) {
      throw new IllegalArgumentException(spec.action() + " takes a " + spec.requestType().getName()
          + ", not a " + request.getClass().getName());
    }
    if (!spec.action().equals(context.action())) {
      throw new IllegalArgumentException("a call of " + spec.action() + " in the context of " + context.action());
    }
  }
}
