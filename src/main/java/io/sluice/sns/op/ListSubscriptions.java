package io.sluice.sns.op;

import io.sluice.protocol.RequestContext;
import io.sluice.sns.Pages;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import io.sluice.sns.model.SubscriptionRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * ListSubscriptions: the subscriptions of the caller's topics in the region, 100 per page with a
 * NextToken. Pending subscriptions show {@code PendingConfirmation} as their ARN, as on AWS.
 */
public final class ListSubscriptions extends SnsOperation<ListSubscriptions.Request, ListSubscriptions.Response> {
  private static final int PAGE = 100;

  public record Request(String nextToken) {}

  public record Subscription(String subscriptionArn, String owner, String protocol, String endpoint, String topicArn) {}

  public record Response(List<Subscription> subscriptions, String nextToken) {}

  public ListSubscriptions(SnsServices sns) {
    super(sns);
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    return sns.store().listTopics(ctx.region(), ctx.account()).thenCompose(arns -> {
      List<CompletableFuture<List<SubscriptionRecord>>> each = arns.stream()
          .map(arn -> sns.store().subscriptions(arn).toCompletableFuture()).toList();
      return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(v -> {
        List<SubscriptionRecord> all = new ArrayList<>();
        each.forEach(f -> all.addAll(f.join()));
        all.sort(Comparator.comparing(SubscriptionRecord::arn));
        return page(all, req.nextToken());
      });
    });
  }

  static Response page(List<SubscriptionRecord> sorted, String nextToken) {
    Pages.Page<SubscriptionRecord> page = Pages.page(sorted, nextToken, PAGE, SubscriptionRecord::arn);
    return new Response(page.items().stream().map(s -> new Subscription(
        s.pendingConfirmation() ? "PendingConfirmation" : s.arn(), s.owner(), s.protocol(), s.endpoint(),
        s.topicArn())).toList(), page.nextToken());
  }
}
