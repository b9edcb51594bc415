package io.sluice.protocol;

import java.util.Map;

/** A rendered response: status, content type, extra headers and body bytes. */
public record HttpReply(int status, String contentType, Map<String, String> headers, byte[] body) {}
