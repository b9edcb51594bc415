package io.sluice;

import io.sluice.config.ConfigException;
import io.sluice.config.SluiceConfig;
import io.sluice.storage.StoreUnavailableException;
import java.net.BindException;

/** What an operator reads when a node fails to start: what failed, in one line where it can be. */
final class StartFailures {
  private StartFailures() {}

  static String describe(Throwable failure, SluiceConfig config) {
    StoreUnavailableException store = StoreUnavailableException.in(failure);
    if (store != null) {
      return store.getMessage();
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConfigException) {
        return t.getMessage();
      }
      if (t instanceof BindException) {
        String tls = config.tls().enabled() ? " or its TLS port " + config.tls().port() : "";
        return "cannot listen on " + config.host() + ":" + config.port() + tls + ": " + t.getMessage();
      }
    }
    String text = failure.getMessage() == null ? failure.getClass().getName()
        : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    return text.lines().findFirst().orElse(text);
  }
}
