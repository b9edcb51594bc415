package io.sluice.swf;

import io.sluice.protocol.AwsErrorCode;

/**
 * The faults of the SWF API reference by their wire codes, all sender faults answered 400 (the
 * model's {@code exception} shapes), and ValidationException for a member outside the model's
 * constraints. SWF's JSON {@code __type} names them in {@code com.amazonaws.swf.base.model#}, as AWS
 * does; validation errors come from AWS's request validation ({@code com.amazon.coral.validate#}).
 */
public enum SwfError implements AwsErrorCode {
  DefaultUndefinedFault,
  DomainAlreadyExistsFault,
  DomainDeprecatedFault,
  LimitExceededFault,
  OperationNotPermittedFault,
  TooManyTagsFault,
  TypeAlreadyExistsFault,
  TypeDeprecatedFault,
  TypeNotDeprecatedFault,
  UnknownResourceFault,
  WorkflowExecutionAlreadyStartedFault,
  ValidationException {
    @Override
    public String jsonType() {
      return "com.amazon.coral.validate#ValidationException";
    }
  };

  @Override
  public String code() {
    return name();
  }

  @Override
  public int httpStatus() {
    return 400;
  }

  @Override
  public boolean senderFault() {
    return true;
  }
}
