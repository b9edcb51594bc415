package io.sluice.sns.model;

/** A resource tag as the SNS API carries it. */
public record Tag(String key, String value) {}
