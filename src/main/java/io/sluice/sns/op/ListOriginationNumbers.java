package io.sluice.sns.op;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import io.sluice.sns.SnsError;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * ListOriginationNumbers: always empty. Origination numbers are bought and registered outside SNS
 * (AWS End User Messaging); Sluice has none, and its SMS carry the sender id or no originator.
 */
public final class ListOriginationNumbers
    extends SnsOperation<ListOriginationNumbers.Request, ListOriginationNumbers.Response> {

  public record Request(String nextToken, Integer maxResults) {}

  public record PhoneNumberInformation(Instant createdAt, String phoneNumber, String status, String iso2CountryCode,
                                       String routeType, List<String> numberCapabilities) {}

  public record Response(String nextToken, List<PhoneNumberInformation> phoneNumbers) {}

  public ListOriginationNumbers(SnsServices sns) {
    super(sns);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    if (req.maxResults() != null && (req.maxResults() < 1 || req.maxResults() > 30)) {
      throw AwsException.of(SnsError.ValidationException, "1 validation error detected: Value '%s' at 'maxResults' "
          + "failed to satisfy constraint: Member must have value between 1 and 30", req.maxResults());
    }
    return CompletableFuture.completedFuture(new Response(null, List.of()));
  }
}
