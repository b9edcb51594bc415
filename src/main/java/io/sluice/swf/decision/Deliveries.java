package io.sluice.swf.decision;

import io.sluice.swf.LambdaFunctions;
import io.sluice.swf.engine.MessageHandler;
import java.util.List;

/**
 * The handlers of the messages decisions send to other runs (signals, cancellations, children) or to
 * their own (a Lambda task to run).
 */
public final class Deliveries {
  private Deliveries() {}

  /** Every message kind built; Lambda tasks run {@code functions}. */
  public static List<MessageHandler> standard(LambdaFunctions functions) {
    return List.of(new InvokeLambdaFunction(functions));
  }
}
