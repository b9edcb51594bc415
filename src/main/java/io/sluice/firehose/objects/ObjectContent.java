package io.sluice.firehose.objects;

/** An object's metadata and the bytes read of it (all of them, or the range asked for). */
public record ObjectContent(StoredObject object, byte[] bytes) {}
