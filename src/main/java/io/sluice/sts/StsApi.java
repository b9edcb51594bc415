package io.sluice.sts;

import io.sluice.protocol.QueryStyle;
import io.sluice.protocol.ServiceDefinition;
import io.sluice.protocol.WireProtocol;
import io.sluice.sts.op.AssumeRole;
import io.sluice.sts.op.GetCallerIdentity;
import io.sluice.sts.op.GetSessionToken;
import java.util.List;
import java.util.Set;

/** AWS STS on the wire: the query protocol, API version 2011-06-15, signed as {@code sts}. */
public final class StsApi {
  private StsApi() {}

  /** STS operations, local request/reply with {@link io.sluice.bus.OperationCall}. */
  public static final String ADDRESS = "sts.api";

  /** Every STS action Sluice serves, one class each. */
  public static final List<Class<?>> OPERATIONS = List.of(
      AssumeRole.class,
      GetCallerIdentity.class,
      GetSessionToken.class);

  public static final ServiceDefinition DEFINITION = new ServiceDefinition(
      "sts",
      "sts",
      "2011-06-15",
      "https://sts.amazonaws.com/doc/2011-06-15/",
      null,
      Set.of(WireProtocol.QUERY),
      "",
      false,
      QueryStyle.WRAPPED,
      ADDRESS,
      ServiceDefinition.operationsOf(OPERATIONS));
}
