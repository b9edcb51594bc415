package io.sluice.swf;

import io.sluice.swf.store.DomainStore;
import java.time.InstantSource;

/** What SWF operations share: the domain store, the clock and the settings. */
public record SwfServices(DomainStore domains, InstantSource clock, SwfConfig config) {}
