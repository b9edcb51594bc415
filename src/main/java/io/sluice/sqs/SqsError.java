package io.sluice.sqs;

import io.sluice.protocol.AwsErrorCode;

/**
 * The errors of the SQS API reference. Constant names are the JSON protocol codes
 * ({@code __type} {@code com.amazonaws.sqs#<name>}); {@link #queryCode()} is the legacy code the query
 * protocol and the {@code x-amzn-query-error} header carry.
 */
public enum SqsError implements AwsErrorCode {
  BatchEntryIdsNotDistinct(400, "AWS.SimpleQueueService.BatchEntryIdsNotDistinct"),
  BatchRequestTooLong(400, "AWS.SimpleQueueService.BatchRequestTooLong"),
  EmptyBatchRequest(400, "AWS.SimpleQueueService.EmptyBatchRequest"),
  InvalidAddress(404, "InvalidAddress"),
  InvalidAttributeName(400, "InvalidAttributeName"),
  InvalidAttributeValue(400, "InvalidAttributeValue"),
  InvalidBatchEntryId(400, "AWS.SimpleQueueService.InvalidBatchEntryId"),
  InvalidIdFormat(400, "InvalidIdFormat"),
  InvalidMessageContents(400, "InvalidMessageContents"),
  InvalidSecurity(403, "InvalidSecurity"),
  KmsAccessDenied(400, "KMS.AccessDeniedException"),
  KmsDisabled(400, "KMS.DisabledException"),
  KmsInvalidKeyUsage(400, "KMS.InvalidKeyUsageException"),
  KmsInvalidState(400, "KMS.InvalidStateException"),
  KmsNotFound(400, "KMS.NotFoundException"),
  KmsOptInRequired(403, "KMS.OptInRequired"),
  KmsThrottled(400, "KMS.ThrottlingException"),
  MessageNotInflight(400, "AWS.SimpleQueueService.MessageNotInflight"),
  OverLimit(403, "OverLimit"),
  PurgeQueueInProgress(403, "AWS.SimpleQueueService.PurgeQueueInProgress"),
  QueueDeletedRecently(400, "AWS.SimpleQueueService.QueueDeletedRecently"),
  QueueDoesNotExist(400, "AWS.SimpleQueueService.NonExistentQueue"),
  QueueNameExists(400, "QueueAlreadyExists"),
  ReceiptHandleIsInvalid(400, "ReceiptHandleIsInvalid"),
  RequestThrottled(403, "RequestThrottled"),
  ResourceNotFoundException(404, "ResourceNotFoundException"),
  TooManyEntriesInBatchRequest(400, "AWS.SimpleQueueService.TooManyEntriesInBatchRequest"),
  UnsupportedOperation(400, "AWS.SimpleQueueService.UnsupportedOperation");

  private final int status;
  private final String queryCode;

  SqsError(int status, String queryCode) {
    this.status = status;
    this.queryCode = queryCode;
  }

  @Override
  public String code() {
    return name();
  }

  @Override
  public int httpStatus() {
    return status;
  }

  @Override
  public boolean senderFault() {
    return true;
  }

  @Override
  public String queryCode() {
    return queryCode;
  }
}
