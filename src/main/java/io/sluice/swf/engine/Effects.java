package io.sluice.swf.engine;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.sluice.swf.model.QueuedTask;
import java.util.List;

/**
 * The work a committed history transaction leaves to do outside its run, whose keys live elsewhere:
 * the tasks it queued (other hash tags) and the messages it sent to other runs. It is committed with
 * the run as a held deadline ({@link Deadlines.Kind#EFFECTS}) and carried out right after the commit by
 * the node that committed; if that node dies first, the lease runs out and another node carries it out
 * (so each part is done at least once, and must be harmless when done twice).
 */
public record Effects(List<QueuedTask> tasks, List<Message> messages) {

  public Effects {
    tasks = List.copyOf(tasks);
    messages = List.copyOf(messages);
  }

  @JsonIgnore
  public boolean isEmpty() {
    return tasks.isEmpty() && messages.isEmpty();
  }
}
