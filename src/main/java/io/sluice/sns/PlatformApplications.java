package io.sluice.sns;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import io.sluice.sns.model.PlatformApplicationRecord;
import io.sluice.sns.model.PlatformEndpointRecord;
import io.sluice.sns.store.TopicStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Platform applications and their endpoints in the store: one document per application (id: its
 * ARN) and one per endpoint (id: its ARN, which starts with its application's endpoint prefix, so an
 * application's endpoints list in ARN order). Also the ARN rules of both, with AWS's messages.
 */
public final class PlatformApplications {
  static final String APPLICATIONS = "sns-platform-application";
  static final String ENDPOINTS = "sns-platform-endpoint";

  /**
   * The push services SNS sends to; the API reference names ADM, APNS, APNS_SANDBOX and GCM, the
   * "Mobile push notifications" guide adds Baidu, MPNS, WNS, the VoIP and macOS variants of APNS.
   */
  public static final Set<String> PLATFORMS = Set.of("ADM", "APNS", "APNS_SANDBOX", "APNS_VOIP", "APNS_VOIP_SANDBOX",
      "MACOS", "MACOS_SANDBOX", "BAIDU", "GCM", "MPNS", "WNS");

  private static final Pattern APPLICATION_ARN =
      Pattern.compile("arn:aws[a-z-]*:sns:([a-z0-9-]+):(\\d{12}):app/([A-Z_]+)/([A-Za-z0-9_.-]{1,256})");
  private static final Pattern ENDPOINT_ARN =
      Pattern.compile("arn:aws[a-z-]*:sns:([a-z0-9-]+):(\\d{12}):endpoint/([A-Z_]+)/([A-Za-z0-9_.-]{1,256})/[0-9a-f-]{36}");

  private final TopicStore store;

  public PlatformApplications(TopicStore store) {
    this.store = store;
  }

  public static String applicationArn(String region, String account, String platform, String name) {
    return "arn:aws:sns:" + region + ":" + account + ":app/" + platform + "/" + name;
  }

  /** What the ARNs of an application's endpoints start with. */
  public static String endpointPrefix(String applicationArn) {
    return applicationArn.replaceFirst(":app/", ":endpoint/") + "/";
  }

  /** The application an endpoint ARN belongs to. */
  public static String applicationArnOf(String endpointArn) {
    return endpointArn.substring(0, endpointArn.lastIndexOf('/')).replaceFirst(":endpoint/", ":app/");
  }

  /** The platform named in an endpoint ARN ({@code …:endpoint/<platform>/<application>/<id>}). */
  public static String platformOf(String endpointArn) {
    String resource = endpointArn.substring(endpointArn.indexOf(":endpoint/") + ":endpoint/".length());
    return resource.substring(0, resource.indexOf('/'));
  }

  /** True if {@code arn} has the shape of an endpoint ARN (not checking region or existence). */
  public static boolean isEndpointArn(String arn) {
    return arn != null && ENDPOINT_ARN.matcher(arn).matches();
  }

  /** An application ARN of the caller's region; InvalidParameter naming {@code parameter} otherwise. */
  public static String requireApplicationArn(RequestContext ctx, String parameter, String arn) {
    return checked(ctx, parameter, arn, APPLICATION_ARN);
  }

  /** An endpoint ARN of the caller's region; InvalidParameter naming {@code parameter} otherwise. */
  public static String requireEndpointArn(RequestContext ctx, String parameter, String arn) {
    return checked(ctx, parameter, arn, ENDPOINT_ARN);
  }

  private static String checked(RequestContext ctx, String parameter, String arn, Pattern shape) {
    if (arn == null || arn.isEmpty()) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: %s Reason: cannot be empty", parameter);
    }
    int elements = arn.split(":", -1).length;
    if (elements < 6) {
      throw AwsException.of(SnsError.InvalidParameter,
          "Invalid parameter: %s Reason: An ARN must have at least 6 elements, not %s", parameter, elements);
    }
    Matcher m = shape.matcher(arn);
    if (!m.matches()) {
      throw AwsException.of(SnsError.InvalidParameter,
          "Invalid parameter: %s Reason: Wrong number of slashes in relative portion of the ARN.", parameter);
    }
    if (!m.group(1).equals(ctx.region())) {
      throw AwsException.of(SnsError.InvalidParameter, "Invalid parameter: %s Reason: A %s ARN must be in the "
          + "region of the request", parameter, parameter);
    }
    return arn;
  }

  // ---- applications -------------------------------------------------------------------------

  public CompletionStage<Optional<PlatformApplicationRecord>> findApplication(String arn) {
    return store.findDocument(APPLICATIONS, arn).thenApply(d -> d.map(
        json -> Documents.fromJson(json, PlatformApplicationRecord.class)));
  }

  /** The application the (checked) ARN names, if it is the caller's; NotFound otherwise. */
  public CompletionStage<PlatformApplicationRecord> application(RequestContext ctx, String arn) {
    String checked = requireApplicationArn(ctx, "PlatformApplicationArn", arn);
    CompletionStage<Optional<PlatformApplicationRecord>> found = owned(ctx, checked)
        ? findApplication(checked) : CompletableFuture.completedFuture(Optional.empty());
    return found.thenApply(a -> a.orElseThrow(PlatformApplications::applicationNotFound));
  }

  /** Stores the application, replacing one of the same ARN (its endpoints are kept). */
  public CompletionStage<PlatformApplicationRecord> putApplication(PlatformApplicationRecord app) {
    return store.putDocument(APPLICATIONS, app.arn(), Documents.toJson(app), false)
        .thenApply(json -> Documents.fromJson(json, PlatformApplicationRecord.class));
  }

  /** Changes the application in one store step; NotFound if there is none. */
  public CompletionStage<PlatformApplicationRecord> updateApplication(String arn,
                                                                      UnaryOperator<PlatformApplicationRecord> change) {
    return store.updateDocument(APPLICATIONS, arn, json -> Documents.toJson(change.apply(
            Documents.fromJson(json, PlatformApplicationRecord.class))))
        .thenApply(d -> Documents.fromJson(d.orElseThrow(PlatformApplications::applicationNotFound),
            PlatformApplicationRecord.class));
  }

  /** Deletes the application, then its endpoints; nothing happens if there is none. */
  public CompletionStage<Void> deleteApplication(String arn) {
    return store.deleteDocument(APPLICATIONS, arn)
        .thenCompose(deleted -> store.listDocuments(ENDPOINTS, endpointPrefix(arn)))
        .thenCompose(ids -> {
          List<CompletableFuture<Boolean>> deletes = new ArrayList<>(ids.size());
          for (String id : ids) {
            deletes.add(store.deleteDocument(ENDPOINTS, id).toCompletableFuture());
          }
          return CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new));
        });
  }

  /** ARNs of the applications of one region and account, sorted. */
  public CompletionStage<List<String>> applicationArns(String region, String account) {
    return store.listDocuments(APPLICATIONS, "arn:aws:sns:" + region + ":" + account + ":app/");
  }

  public CompletionStage<List<PlatformApplicationRecord>> applications(List<String> arns) {
    return Documents.load(store, APPLICATIONS, arns, PlatformApplicationRecord.class);
  }

  public static AwsException applicationNotFound() {
    return AwsException.of(SnsError.NotFound, "PlatformApplication does not exist");
  }

  // ---- endpoints ----------------------------------------------------------------------------

  public CompletionStage<Optional<PlatformEndpointRecord>> findEndpoint(String arn) {
    return store.findDocument(ENDPOINTS, arn).thenApply(d -> d.map(
        json -> Documents.fromJson(json, PlatformEndpointRecord.class)));
  }

  /** The endpoint the (checked) ARN names, if it is the caller's; NotFound otherwise. */
  public CompletionStage<PlatformEndpointRecord> endpoint(RequestContext ctx, String arn) {
    String checked = requireEndpointArn(ctx, "EndpointArn", arn);
    CompletionStage<Optional<PlatformEndpointRecord>> found = owned(ctx, checked)
        ? findEndpoint(checked) : CompletableFuture.completedFuture(Optional.empty());
    return found.thenApply(e -> e.orElseThrow(PlatformApplications::endpointNotFound));
  }

  /** Stores the endpoint unless one of that ARN exists; returns the stored one either way. */
  public CompletionStage<PlatformEndpointRecord> putEndpointIfAbsent(PlatformEndpointRecord endpoint) {
    return store.putDocument(ENDPOINTS, endpoint.arn(), Documents.toJson(endpoint), true)
        .thenApply(json -> Documents.fromJson(json, PlatformEndpointRecord.class));
  }

  /** Changes the endpoint in one store step; NotFound if there is none. */
  public CompletionStage<PlatformEndpointRecord> updateEndpoint(String arn, UnaryOperator<PlatformEndpointRecord> change) {
    return store.updateDocument(ENDPOINTS, arn, json -> Documents.toJson(change.apply(
            Documents.fromJson(json, PlatformEndpointRecord.class))))
        .thenApply(d -> Documents.fromJson(d.orElseThrow(PlatformApplications::endpointNotFound),
            PlatformEndpointRecord.class));
  }

  public CompletionStage<Boolean> deleteEndpoint(String arn) {
    return store.deleteDocument(ENDPOINTS, arn);
  }

  /** ARNs of an application's endpoints, sorted. */
  public CompletionStage<List<String>> endpointArns(String applicationArn) {
    return store.listDocuments(ENDPOINTS, endpointPrefix(applicationArn));
  }

  public CompletionStage<List<PlatformEndpointRecord>> endpoints(List<String> arns) {
    return Documents.load(store, ENDPOINTS, arns, PlatformEndpointRecord.class);
  }

  public static AwsException endpointNotFound() {
    return AwsException.of(SnsError.NotFound, "Endpoint does not exist");
  }

  /** Whether the ARN is of the caller's account; other accounts' applications and endpoints are not visible. */
  public static boolean owned(RequestContext ctx, String arn) {
    return ctx.account().equals(SnsArns.account(arn));
  }
}
