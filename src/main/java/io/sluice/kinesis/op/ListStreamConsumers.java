package io.sluice.kinesis.op;

import io.sluice.kinesis.ConsumerOperation;
import io.sluice.kinesis.KinesisError;
import io.sluice.kinesis.KinesisServices;
import io.sluice.kinesis.PageTokens;
import io.sluice.kinesis.model.ConsumerRecord;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * ListStreamConsumers: the consumers of a stream by name, {@code MaxResults} (1 to 10,000, default
 * 100) a page, the next page where {@code NextToken} says. {@code StreamCreationTimestamp}, when
 * given, must be the stream's creation time (it tells streams of one name apart).
 */
public final class ListStreamConsumers
    extends ConsumerOperation<ListStreamConsumers.Request, ListStreamConsumers.Response> {
  private static final String TOKEN_KIND = "consumers";

  public record Request(String streamARN, String nextToken, Integer maxResults, Instant streamCreationTimestamp) {}

  public record Response(List<Consumer> consumers, String nextToken) {}

  public ListStreamConsumers(KinesisServices kinesis) {
    super(kinesis);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    if (req.streamARN() == null) {
      throw validation(null, "streamARN", "Member must not be null");
    }
    int limit = range(req.maxResults(), "maxResults", 1, 10_000, 100);
    String after = req.nextToken() == null ? null : PageTokens.read(TOKEN_KIND, req.nextToken());
    long now = now();
    return stream(ctx, null, req.streamARN()).thenCompose(stream -> {
      if (req.streamCreationTimestamp() != null
          && req.streamCreationTimestamp().getEpochSecond() != stream.createdMillis() / 1000) {
        throw AwsException.of(KinesisError.ResourceNotFoundException, "Stream %s with creation time %s under "
            + "account %s not found.", stream.id().name(), req.streamCreationTimestamp(), stream.id().account());
      }
      return kinesis.consumers().list(stream.id(), stream.createdMillis(), now).thenApply(all -> {
        List<ConsumerRecord> rest = after == null ? all
            : all.stream().filter(c -> c.name().compareTo(after) > 0).toList();
        List<ConsumerRecord> page = rest.subList(0, Math.min(limit, rest.size()));
        boolean more = rest.size() > page.size();
        return new Response(page.stream().map(c -> Consumer.of(c, now, false)).toList(),
            more ? PageTokens.of(TOKEN_KIND, page.getLast().name()) : null);
      });
    });
  }
}
