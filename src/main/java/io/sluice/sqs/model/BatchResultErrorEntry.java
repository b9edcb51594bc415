package io.sluice.sqs.model;

/** A failed entry of a batch action: the entry's id, the AWS error code and whether the caller is at fault. */
public record BatchResultErrorEntry(String id, Boolean senderFault, String code, String message) {}
