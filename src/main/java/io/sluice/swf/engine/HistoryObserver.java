package io.sluice.swf.engine;

import io.sluice.swf.model.ExecutionKey;

/**
 * Sees each history transaction once it committed (metrics): the run and its {@link History}, whose
 * events, execution state and closed activity tasks are as committed. Called on the committing
 * node only, once per transaction, never for one that lost to another and ran again; it must not
 * block or throw.
 */
@FunctionalInterface
public interface HistoryObserver {
  /** Observes nothing. */
  HistoryObserver NONE = (key, history) -> { };

  void committed(ExecutionKey key, History history);
}
