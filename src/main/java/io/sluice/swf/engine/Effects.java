package io.sluice.swf.engine;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.sluice.swf.model.DomainId;
import io.sluice.swf.model.QueuedTask;
import io.sluice.swf.store.VisibilityStore;
import java.util.List;

/**
 * The work a committed history transaction leaves to do outside its run, whose keys live elsewhere:
 * the tasks it queued (other hash tags), the messages it sent to other runs, and what changed in the
 * domain's listings (its visibility index). It is committed with
 * the run as a held deadline ({@link Deadlines.Kind#EFFECTS}) and carried out right after the commit by
 * the node that committed; if that node dies first, the lease runs out and another node carries it out
 * (so each part is done at least once, and must be harmless when done twice).
 */
public record Effects(List<QueuedTask> tasks, List<Message> messages, List<Listing> listings) {

  /** A change to what the domain's listings show of one run, as the run was when it committed. */
  public record Listing(Change change, DomainId domain, VisibilityStore.RunSummary run) {}

  /** Which visibility hook a listing change calls. */
  public enum Change { OPENED, CLOSED, CHANGED }

  public Effects {
    tasks = List.copyOf(tasks);
    messages = List.copyOf(messages);
    listings = listings == null ? List.of() : List.copyOf(listings);
  }

  @JsonIgnore
  public boolean isEmpty() {
    return tasks.isEmpty() && messages.isEmpty() && listings.isEmpty();
  }
}
