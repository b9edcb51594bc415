package io.sluice.sqs.model;

import java.util.Map;

/**
 * What a message carries besides the metadata the store needs: body, attributes, the sender and the
 * digests computed at send time. Serialized (and encrypted) into the store's opaque payload by
 * {@link io.sluice.sqs.MessagePayloads}.
 */
public record StoredContent(
    String body,
    Map<String, MessageAttributeValue> attributes,
    Map<String, MessageAttributeValue> systemAttributes,
    String senderId,
    String md5OfBody,
    String md5OfAttributes,
    String md5OfSystemAttributes) {}
