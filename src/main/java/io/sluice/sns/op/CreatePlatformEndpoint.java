package io.sluice.sns.op;

import io.sluice.ids.RandomIds;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import io.sluice.sns.PlatformApplications;
import io.sluice.sns.PlatformAttributes;
import io.sluice.sns.SnsError;
import io.sluice.sns.SnsOperation;
import io.sluice.sns.SnsServices;
import io.sluice.sns.model.PlatformApplicationRecord;
import io.sluice.sns.model.PlatformEndpointRecord;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * CreatePlatformEndpoint: an endpoint for one device token of an application. Idempotent: the same
 * token with the same CustomUserData and Enabled answers the existing endpoint's ARN; with other
 * values, InvalidParameter "… already exists with the same Token, but different attributes" (the
 * message AWS's token-management guide tells apps to parse for the ARN).
 *
 * <p>The endpoint id is derived from application and token, so that two concurrent calls with one
 * token land on one document and the store keeps the first (one store step). An endpoint whose
 * token was changed since frees its id; a new endpoint for that token then gets a random id.
 */
public final class CreatePlatformEndpoint
    extends SnsOperation<CreatePlatformEndpoint.Request, CreatePlatformEndpoint.Response> {

  public record Request(String platformApplicationArn, String token, String customUserData,
                        Map<String, String> attributes) {}

  public record Response(String endpointArn) {}

  private final PlatformApplications platforms;

  public CreatePlatformEndpoint(SnsServices sns) {
    super(sns);
    this.platforms = new PlatformApplications(sns.documents());
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    if (req.token() == null || req.token().isEmpty()) {
      throw PlatformAttributes.invalid("Token", "cannot be empty");
    }
    Map<String, String> attributes = new LinkedHashMap<>(
        PlatformAttributes.endpointChanged(Map.of(), req.attributes() == null ? Map.of() : req.attributes()));
    attributes.put("Token", req.token());
    if (req.customUserData() != null) {
      PlatformAttributes.checkUserData(req.customUserData());
      if (req.customUserData().isEmpty()) {
        attributes.remove("CustomUserData");
      } else {
        attributes.put("CustomUserData", req.customUserData());
      }
    }
    return platforms.application(ctx, req.platformApplicationArn()).thenCompose(app -> {
      if (app.platform().equals("BAIDU") && !(attributes.containsKey("ChannelId") && attributes.containsKey("UserId"))) {
        throw PlatformAttributes.invalid("Attributes", "Baidu endpoints need the ChannelId and UserId attributes");
      }
      String id = UUID.nameUUIDFromBytes((app.arn() + "\n" + req.token()).getBytes(StandardCharsets.UTF_8)).toString();
      return create(app, id, attributes).thenCompose(stored -> stored.token().equals(req.token())
          ? java.util.concurrent.CompletableFuture.completedFuture(stored)
          : create(app, RandomIds.uuid(), attributes));
    }).thenApply(stored -> {
      if (!sameAttributes(stored.attributes(), attributes)) {
        throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: Token Reason: Endpoint %s already exists "
            + "with the same Token, but different attributes.", stored.arn());
      }
      return new Response(stored.arn());
    });
  }

  private CompletionStage<PlatformEndpointRecord> create(PlatformApplicationRecord app, String id,
                                                         Map<String, String> attributes) {
    return platforms.putEndpointIfAbsent(new PlatformEndpointRecord(PlatformApplications.endpointPrefix(app.arn()) + id,
        app.arn(), attributes));
  }

  /** The attributes idempotency compares: CustomUserData, and Enabled (true unless given). */
  private static boolean sameAttributes(Map<String, String> stored, Map<String, String> wanted) {
    return Objects.equals(stored.get("CustomUserData"), wanted.get("CustomUserData"))
        && stored.getOrDefault("Enabled", "true").equals(wanted.getOrDefault("Enabled", "true"));
  }
}
