package io.sluice.firehose.objects;

/**
 * A bucket of Sluice's own object store: its name (global, as S3 bucket names are), the account that
 * owns it (the account whose delivery stream first wrote to it) and when it was created.
 */
public record Bucket(String name, String owner, long createdMillis) {}
