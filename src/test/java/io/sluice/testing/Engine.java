package io.sluice.testing;

/** The storage engines black-box tests run against. */
public enum Engine { MEMORY, REDIS }
