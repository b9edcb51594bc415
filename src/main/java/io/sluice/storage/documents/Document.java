package io.sluice.storage.documents;

/** A stored document with its id, as listings answer it. */
public record Document<T>(String id, T value) {}
