package io.sluice.protocol;

/** The authenticated caller of a request: access key, the account it acts in, and the region it addressed. */
public record Caller(String accessKeyId, String account, String region) {}
