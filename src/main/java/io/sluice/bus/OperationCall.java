package io.sluice.bus;

import io.sluice.protocol.RequestContext;

/** A decoded AWS request on its way from the gateway to a service verticle (local delivery only). */
public record OperationCall(RequestContext context, Object request) {}
