package io.sluice.swf.decision;

import io.sluice.swf.engine.MessageHandler;
import java.util.List;

/** The handlers of the messages decisions send to other runs (signals, cancellations, children). */
public final class Deliveries {
  private Deliveries() {}

  /** Every message kind built. */
  public static List<MessageHandler> standard() {
    return List.of();
  }
}
