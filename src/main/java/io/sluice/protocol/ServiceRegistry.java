package io.sluice.protocol;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The services this node serves, looked up the ways requests identify them. */
public final class ServiceRegistry {
  private final List<ServiceDefinition> services;
  private final Map<String, ServiceDefinition> byName = new HashMap<>();
  private final Map<String, ServiceDefinition> byTargetPrefix = new HashMap<>();
  private final Map<String, ServiceDefinition> byApiVersion = new HashMap<>();

  public ServiceRegistry(List<ServiceDefinition> services) {
    this.services = List.copyOf(services);
    for (ServiceDefinition s : services) {
      byName.put(s.name(), s);
      byName.put(s.signingName(), s);
      if (s.jsonTargetPrefix() != null) {
        byTargetPrefix.put(s.jsonTargetPrefix(), s);
      }
      if (s.protocols().contains(WireProtocol.QUERY)) {
        byApiVersion.putIfAbsent(s.apiVersion(), s);
      }
    }
  }

  /** The names of the services served, comma-separated, for error messages. */
  public String names() {
    return String.join(", ", services.stream().map(ServiceDefinition::name).toList());
  }

  public List<ServiceDefinition> all() {
    return services;
  }

  /** By service or signing name (the credential scope's service component). */
  public Optional<ServiceDefinition> byName(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** By the part of {@code X-Amz-Target} before the dot, e.g. {@code AmazonSQS}. */
  public Optional<ServiceDefinition> byTargetPrefix(String prefix) {
    return Optional.ofNullable(byTargetPrefix.get(prefix));
  }

  /** By the query protocol's {@code Version} parameter. */
  public Optional<ServiceDefinition> byApiVersion(String version) {
    return Optional.ofNullable(byApiVersion.get(version));
  }

  /** The query service whose resource paths include {@code path}, if one has such paths. */
  public Optional<ServiceDefinition> byResourcePath(String path) {
    for (ServiceDefinition s : services) {
      if (s.ownsResourcePath(path)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  /** The only query service that has {@code action}, if exactly one has it. */
  public Optional<ServiceDefinition> uniqueQueryServiceFor(String action) {
    ServiceDefinition found = null;
    for (ServiceDefinition s : services) {
      if (s.protocols().contains(WireProtocol.QUERY) && s.operations().containsKey(action)) {
        if (found != null) {
          return Optional.empty();
        }
        found = s;
      }
    }
    return Optional.ofNullable(found);
  }
}
