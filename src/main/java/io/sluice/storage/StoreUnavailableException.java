package io.sluice.storage;

/**
 * The store cannot be reached (refused or lost connection, refused password): nothing about the
 * request is wrong, and the same call may succeed once the store is back. The message is one line
 * for an operator, naming the store but never its password. Requests answer it as 503
 * {@code ServiceUnavailable}; the engine logs the outage, not each failed call, so it carries no
 * stack trace.
 */
public final class StoreUnavailableException extends RuntimeException {
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause, false, false);
  }

  /** {@code failure} itself or the first of its causes that is a {@code StoreUnavailableException}, or null. */
  public static StoreUnavailableException in(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof StoreUnavailableException e) {
        return e;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
