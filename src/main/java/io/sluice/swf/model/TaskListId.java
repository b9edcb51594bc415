package io.sluice.swf.model;

/**
 * A task list of a domain: decision task lists and activity task lists are distinct even when they
 * share a name. {@link #key} names it in the store and in poll wake-ups.
 */
public record TaskListId(DomainId domain, Kind kind, String name) {

  /** Which tasks the list holds. */
  public enum Kind { DECISION, ACTIVITY }

  public String key() {
    return "tl:" + domain.region() + "/" + domain.account() + "/" + domain.name() + "/"
        + (kind == Kind.DECISION ? "d" : "a") + "/" + name;
  }
}
