package io.sluice.swf.model;

import java.util.List;

/**
 * A registered domain as stored: its id, description (may be null), the retention period as given
 * ({@code "0"}..{@code "90"} days or {@code NONE}), its status, when it was registered (epoch millis)
 * and its tags in the order they were added.
 */
public record DomainRecord(DomainId id, String description, String retentionDays, RegistrationStatus status,
                           long created, List<ResourceTag> tags) {

  public DomainRecord {
    tags = List.copyOf(tags);
  }

  public DomainRecord withStatus(RegistrationStatus s) {
    return new DomainRecord(id, description, retentionDays, s, created, tags);
  }

  public DomainRecord withTags(List<ResourceTag> t) {
    return new DomainRecord(id, description, retentionDays, status, created, t);
  }
}
