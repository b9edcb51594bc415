package io.sluice.config;

import java.util.function.Function;

/**
 * A service's own part of the configuration: {@code sluice.<name>}, with its defaults in
 * {@code conf/<name>.conf}, read into the service's settings record by {@code read}. The loader
 * reads every service's section together with the node's, so problems are reported at once.
 *
 * @param <C> the service's settings record
 */
public record ServiceSection<C>(String name, Class<C> type, Function<ConfigSection, C> read) {}
