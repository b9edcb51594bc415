package io.sluice.lambda;

import java.util.Map;
import java.util.Optional;

/**
 * Where Lambda functions are reached: the {@code sluice.lambda-endpoints} setting
 * ({@code SLUICE_LAMBDA_ENDPOINTS}, alias {@code SLUICE_SNS_LAMBDA_ENDPOINTS}), a map from a function's
 * ARN, unqualified ARN or bare name to an HTTP URL that stands for the function. SNS's lambda
 * subscriptions and Firehose's data transformation both find their functions here.
 */
public final class LambdaEndpoints {
  private static final String FUNCTION_MARKER = ":function:";

  private final Map<String, String> urls;

  public LambdaEndpoints(Map<String, String> urls) {
    this.urls = Map.copyOf(urls);
  }

  /**
   * The URL mapped to {@code function} (an ARN, possibly qualified by a version or alias, or a
   * name): by the exact string, then by the ARN without its qualifier, then by the function's name.
   */
  public Optional<String> urlOf(String function) {
    String url = urls.get(function);
    int marker = function.indexOf(FUNCTION_MARKER);
    if (url != null || marker < 0) {
      return Optional.ofNullable(url);
    }
    String qualified = function.substring(marker + FUNCTION_MARKER.length());
    int colon = qualified.indexOf(':');
    String name = colon < 0 ? qualified : qualified.substring(0, colon);
    url = urls.get(function.substring(0, marker + FUNCTION_MARKER.length()) + name);
    return Optional.ofNullable(url != null ? url : urls.get(name));
  }
}
