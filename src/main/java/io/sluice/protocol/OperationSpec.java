package io.sluice.protocol;

/**
 * The wire shape of one AWS action: its request record and its response record
 * ({@code null} for actions that answer with no body).
 */
public record OperationSpec(String action, Class<?> requestType, Class<?> responseType) {

  /**
   * The spec of an operation class following Sluice's convention: the class is named after the AWS
   * action and nests records {@code Request} and (optionally) {@code Response}.
   */
  public static OperationSpec ofOperationClass(Class<?> operationClass) {
    Class<?> request = null;
    Class<?> response = null;
    for (Class<?> nested : operationClass.getDeclaredClasses()) {
      if (nested.getSimpleName().equals("Request")) {
        request = nested;
      } else if (nested.getSimpleName().equals("Response")) {
        response = nested;
      }
    }
    if (request == null) {
      throw new IllegalArgumentException(operationClass + " has no nested Request record");
    }
    return new OperationSpec(operationClass.getSimpleName(), request, response);
  }
}
