package io.sluice.sns;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.RequestContext;
import io.sluice.sns.model.PlatformApplicationRecord;
import io.sluice.sns.model.PlatformEndpointRecord;
import io.sluice.storage.documents.DocumentKind;
import io.sluice.storage.documents.DocumentStore;
import io.sluice.storage.documents.Scope;
import io.sluice.storage.documents.Update;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Platform applications and their endpoints in the document store, in the scope of the region and
 * account of their ARNs: one document per application (id: its ARN) and one per endpoint (id: its
 * ARN, which starts with its application's endpoint prefix, so an application's endpoints list in
 * ARN order). Attribute changes are set and removed entry by entry in one store step each, so
 * concurrent changes of different attributes all land. Also the ARN rules of both, with AWS's
 * messages.
 */
public final class PlatformApplications {
  static final DocumentKind<PlatformApplicationRecord> APPLICATIONS =
      DocumentKind.of("sns-platform-application", PlatformApplicationRecord.class);
  static final DocumentKind<PlatformEndpointRecord> ENDPOINTS =
      DocumentKind.of("sns-platform-endpoint", PlatformEndpointRecord.class);
  /** The records' field of attributes. */
  private static final String ATTRIBUTES = "attributes";
  private static final Pattern ARN_PART = Pattern.compile("[A-Za-z0-9-]+");

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

  private final DocumentStore documents;

  public PlatformApplications(DocumentStore documents) {
    this.documents = documents;
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
    Scope scope = scopeOf(arn);
    return scope == null ? CompletableFuture.completedFuture(Optional.empty())
        : documents.find(APPLICATIONS, scope, arn);
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
    return documents.put(APPLICATIONS, scopeOf(app.arn()), app.arn(), app);
  }

  /**
   * Changes attributes of the application in one store step, leaving the others as they are;
   * {@code changes} are checked ones ({@link PlatformAttributes#applicationChanges}), an empty value
   * removing the attribute. NotFound if there is no application.
   */
  public CompletionStage<PlatformApplicationRecord> changeApplicationAttributes(String arn,
                                                                               Map<String, String> changes) {
    return documents.update(APPLICATIONS, scopeOf(arn), arn, attributeUpdate(changes))
        .thenApply(outcome -> outcome.found().orElseThrow(PlatformApplications::applicationNotFound));
  }

  /** Deletes the application, then its endpoints; nothing happens if there is none. */
  public CompletionStage<Void> deleteApplication(String arn) {
    Scope scope = scopeOf(arn);
    return documents.delete(APPLICATIONS, scope, arn)
        .thenCompose(deleted -> documents.deleteAll(ENDPOINTS, scope, endpointPrefix(arn)))
        .thenApply(endpointsDeleted -> null);
  }

  /** ARNs of the applications of one region and account, sorted. */
  public CompletionStage<List<String>> applicationArns(String region, String account) {
    return documents.ids(APPLICATIONS, Scope.of(region, account), "");
  }

  /** The applications of one region and account with these ARNs, in their order; missing ones are left out. */
  public CompletionStage<List<PlatformApplicationRecord>> applications(String region, String account,
                                                                       List<String> arns) {
    return documents.findAll(APPLICATIONS, Scope.of(region, account), arns);
  }

  public static AwsException applicationNotFound() {
    return AwsException.of(SnsError.NotFound, "PlatformApplication does not exist");
  }

  // ---- endpoints ----------------------------------------------------------------------------

  public CompletionStage<Optional<PlatformEndpointRecord>> findEndpoint(String arn) {
    Scope scope = scopeOf(arn);
    return scope == null ? CompletableFuture.completedFuture(Optional.empty()) : documents.find(ENDPOINTS, scope, arn);
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
    return documents.putIfAbsent(ENDPOINTS, scopeOf(endpoint.arn()), endpoint.arn(), endpoint);
  }

  /**
   * Changes attributes of the endpoint in one store step, leaving the others as they are;
   * {@code changes} are checked ones ({@link PlatformAttributes#endpointChanges}), an empty value
   * removing the attribute. NotFound if there is no endpoint.
   */
  public CompletionStage<PlatformEndpointRecord> changeEndpointAttributes(String arn, Map<String, String> changes) {
    return documents.update(ENDPOINTS, scopeOf(arn), arn, attributeUpdate(changes))
        .thenApply(outcome -> outcome.found().orElseThrow(PlatformApplications::endpointNotFound));
  }

  public CompletionStage<Boolean> deleteEndpoint(String arn) {
    return documents.delete(ENDPOINTS, scopeOf(arn), arn);
  }

  /** ARNs of an application's endpoints, sorted. */
  public CompletionStage<List<String>> endpointArns(String applicationArn) {
    return documents.ids(ENDPOINTS, scopeOf(applicationArn), endpointPrefix(applicationArn));
  }

  /** The endpoints of the application with these ARNs, in their order; missing ones are left out. */
  public CompletionStage<List<PlatformEndpointRecord>> endpoints(String applicationArn, List<String> arns) {
    return documents.findAll(ENDPOINTS, scopeOf(applicationArn), arns);
  }

  public static AwsException endpointNotFound() {
    return AwsException.of(SnsError.NotFound, "Endpoint does not exist");
  }

  /** Sets the attributes with a value and removes those with an empty one, each on its own. */
  private static Update attributeUpdate(Map<String, String> changes) {
    Update update = Update.of();
    for (Map.Entry<String, String> change : changes.entrySet()) {
      update = change.getValue().isEmpty() ? update.removeEntry(ATTRIBUTES, change.getKey())
          : update.setEntry(ATTRIBUTES, change.getKey(), change.getValue());
    }
    return update;
  }

  /** The region and account of an application or endpoint ARN; null if it has none. */
  private static Scope scopeOf(String arn) {
    String region = arn == null ? null : SnsArns.region(arn);
    String account = arn == null ? null : SnsArns.account(arn);
    return region == null || account == null || !ARN_PART.matcher(region).matches()
        || !ARN_PART.matcher(account).matches() ? null : Scope.of(region, account);
  }

  /** Whether the ARN is of the caller's account; other accounts' applications and endpoints are not visible. */
  public static boolean owned(RequestContext ctx, String arn) {
    return ctx.account().equals(SnsArns.account(arn));
  }
}
