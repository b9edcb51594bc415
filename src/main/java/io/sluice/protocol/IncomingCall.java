package io.sluice.protocol;

import java.util.Map;

/**
 * A request after protocol detection: which service and action it addresses, in which protocol,
 * and its undecoded parameters (query parameters for {@link WireProtocol#QUERY}, else the body).
 */
public record IncomingCall(ServiceDefinition service, String action, WireProtocol protocol,
                           Map<String, String> queryParams, byte[] body) {

  public OperationSpec operation() {
    return service.operations().get(action);
  }
}
