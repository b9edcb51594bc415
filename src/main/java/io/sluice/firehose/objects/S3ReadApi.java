package io.sluice.firehose.objects;

import io.sluice.gateway.RestApi;
import io.sluice.protocol.AwsErrorCode;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.Caller;
import io.sluice.protocol.HttpReply;
import io.sluice.protocol.HttpRequestView;
import io.sluice.protocol.QueryStrings;
import io.sluice.storage.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S3's REST API, read-only, over the objects Firehose stored in a {@link BucketStore}, path-style
 * ({@code /<bucket>/<key>}), so {@code aws s3 ls} and {@code aws s3 cp} show what was delivered:
 * {@code ListBuckets} ({@code GET /}: the caller's account's buckets), {@code ListObjectsV2}
 * ({@code GET /<bucket>?list-type=2}) and {@code ListObjects}, {@code GetBucketLocation},
 * {@code HeadBucket}, {@code GetObject} (with a single {@code Range}: 206 and {@code Content-Range})
 * and {@code HeadObject}. Every other method is refused with {@code MethodNotAllowed}; other
 * sub-resources ({@code ?acl}, {@code ?tagging}, …) with {@code NotImplemented}. With credentials
 * configured only the owning account may read a bucket ({@code AccessDenied} for others, and for a
 * request whose {@code x-amz-expected-bucket-owner} is another account).
 */
public final class S3ReadApi implements RestApi {
  private static final String XML = "application/xml";
  /** S3's content type for an object stored without one. */
  private static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";
  private static final int MAX_KEYS = 1000;
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
  /** Sub-resources of buckets and objects this API does not serve. */
  private static final Set<String> SUBRESOURCES = Set.of("accelerate", "acl", "analytics", "attributes", "cors",
      "encryption", "intelligent-tiering", "inventory", "legal-hold", "lifecycle", "logging", "metrics",
      "notification", "object-lock", "ownershipControls", "policy", "policyStatus", "publicAccessBlock",
      "replication", "requestPayment", "restore", "retention", "select", "tagging", "torrent", "uploadId",
      "uploads", "versioning", "versions", "website");
  private static final String VIRTUAL_HOST_SUFFIX = ".localhost";
  private static final String READ_ONLY = "Sluice's object store is read-only: it holds what Firehose delivered,"
      + " for reading with GET and HEAD.";

  private final BucketStore store;
  private final String region;

  /** @param region the region buckets are reported in ({@code GetBucketLocation}, {@code HeadBucket}) */
  public S3ReadApi(BucketStore store, String region) {
    this.store = store;
    this.region = region;
  }

  @Override
  public String signingName() {
    return "s3";
  }

  /**
   * A request's bucket and key (decoded), either may be empty: path-style ({@code /<bucket>/<key>}),
   * or virtual-hosted under {@code localhost} ({@code Host: <bucket>.localhost}, which clients use for
   * an endpoint named {@code localhost} rather than an IP address, and which resolves to the loopback
   * address on macOS and with systemd-resolved).
   */
  private record Target(String bucket, String key) {
    static Target of(HttpRequestView request) {
      String rawPath = request.path();
      String path = rawPath.startsWith("/") ? rawPath.substring(1) : rawPath;
      String host = request.header("host");
      if (host != null) {
        String name = host.replaceFirst(":\\d+$", "");
        if (name.endsWith(VIRTUAL_HOST_SUFFIX) && name.length() > VIRTUAL_HOST_SUFFIX.length()) {
          return new Target(name.substring(0, name.length() - VIRTUAL_HOST_SUFFIX.length()),
              QueryStrings.percentDecode(path));
        }
      }
      int slash = path.indexOf('/');
      String bucket = slash < 0 ? path : path.substring(0, slash);
      String key = slash < 0 ? "" : path.substring(slash + 1);
      return new Target(QueryStrings.percentDecode(bucket), QueryStrings.percentDecode(key));
    }
  }

  @Override
  public CompletionStage<HttpReply> handle(HttpRequestView request, Caller caller, boolean checked, String requestId) {
    CompletionStage<HttpReply> reply;
    try {
      reply = route(request, caller, checked, requestId);
    } catch (AwsException e) {
      return CompletableFuture.failedFuture(e);
    }
    return reply.exceptionally(failure -> {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
      if (StoreUnavailableException.in(cause) != null) {
        throw AwsException.of(S3Error.ServiceUnavailable, "The object store is unavailable. Please try again.");
      }
      throw cause instanceof RuntimeException r ? r : new CompletionException(cause);
    });
  }

  private CompletionStage<HttpReply> route(HttpRequestView request, Caller caller, boolean checked, String requestId) {
    Target target = Target.of(request);
    String method = request.method();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      throw AwsException.of(S3Error.MethodNotAllowed, "The specified method is not allowed against this resource. "
          + READ_ONLY);
    }
    Map<String, String> query = new LinkedHashMap<>();
    QueryStrings.decodePairs(request.rawQuery()).forEach(p -> query.putIfAbsent(p[0], p[1]));
    for (String name : query.keySet()) {
      if (SUBRESOURCES.contains(name)) {
        throw AwsException.of(S3Error.NotImplemented,
            "A header or query you provided requested a function that is not implemented: Sluice's object store"
                + " serves ListBuckets, ListObjects(V2), GetBucketLocation, HeadBucket, GetObject and HeadObject,"
                + " not ?%s.", name);
      }
    }
    if (target.bucket().isEmpty()) {
      return store.buckets(caller.account()).thenApply(buckets ->
          xml(200, S3Xml.listBuckets(caller.account(), buckets), requestId));
    }
    return store.bucket(target.bucket()).thenCompose(found -> {
      Bucket bucket = found.orElseThrow(() -> AwsException.of(S3Error.NoSuchBucket, "The specified bucket does not exist"));
      String expectedOwner = request.header("x-amz-expected-bucket-owner");
      if ((checked && !bucket.owner().equals(caller.account()))
          || (expectedOwner != null && !expectedOwner.equals(bucket.owner()))) {
        throw AwsException.of(S3Error.AccessDenied, "Access Denied");
      }
      if (!target.key().isEmpty()) {
        return method.equals("HEAD") ? headObject(bucket, target.key(), requestId)
            : getObject(bucket, target.key(), request.header("range"), requestId);
      }
      if (method.equals("HEAD")) {
        return CompletableFuture.completedFuture(new HttpReply(200, XML, headers(requestId,
            "x-amz-bucket-region", region), new byte[0]));
      }
      if (query.containsKey("location")) {
        return CompletableFuture.completedFuture(xml(200, S3Xml.location(region), requestId));
      }
      return list(bucket, query, requestId);
    });
  }

  private CompletionStage<HttpReply> list(Bucket bucket, Map<String, String> query, String requestId) {
    boolean v2 = "2".equals(query.get("list-type"));
    String encoding = query.get("encoding-type");
    if (encoding != null && !encoding.equals("url")) {
      throw AwsException.of(S3Error.InvalidArgument, "Invalid Encoding Method specified in Request");
    }
    int maxKeys = maxKeys(query.get("max-keys"));
    String delimiter = emptyToNull(query.get("delimiter"));
    String token = v2 ? query.get("continuation-token") : null;
    String startAfter = emptyToNull(query.get(v2 ? "start-after" : "marker"));
    ObjectListing.Position from;
    if (token != null) {
      from = ObjectListing.Position.ofToken(token);
      if (from == null) {
        throw AwsException.of(S3Error.InvalidArgument, "The continuation token provided is incorrect");
      }
    } else if (startAfter == null) {
      from = null;
    } else {
      // A V1 marker that is a common prefix (as NextMarker gives one) resumes after everything under it.
      from = new ObjectListing.Position(startAfter, !v2 && delimiter != null && startAfter.endsWith(delimiter));
    }
    S3Xml.ListRequest asked = new S3Xml.ListRequest(v2, query.getOrDefault("prefix", ""), delimiter, maxKeys,
        startAfter, token, encoding != null, "true".equals(query.get("fetch-owner")));
    return ObjectListing.page(store, bucket.name(), asked.prefix(), delimiter, from, maxKeys)
        .thenApply(page -> xml(200, S3Xml.listObjects(bucket.name(), bucket.owner(), asked, page), requestId));
  }

  private static int maxKeys(String text) {
    if (text == null) {
      return MAX_KEYS;
    }
    try {
      int n = Integer.parseInt(text);
      if (n < 0) {
        throw AwsException.of(S3Error.InvalidArgument, "Argument maxKeys must be an integer between 0 and 2147483647");
      }
      return Math.min(n, MAX_KEYS);
    } catch (NumberFormatException e) {
      throw AwsException.of(S3Error.InvalidArgument, "Provided max-keys not an integer or within integer range");
    }
  }

  private CompletionStage<HttpReply> headObject(Bucket bucket, String key, String requestId) {
    return store.head(bucket.name(), key).thenApply(found -> {
      StoredObject object = found.orElseThrow(S3ReadApi::noSuchKey);
      return new HttpReply(200, DEFAULT_CONTENT_TYPE, objectHeaders(object, object.size(), requestId), new byte[0]);
    });
  }

  /**
   * GetObject. One range ({@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}) is answered 206 with
   * {@code Content-Range}; one past the end 416 {@code InvalidRange}; a header that is not a single
   * byte range is ignored and the whole object sent (RFC 9110 §14.2).
   */
  private CompletionStage<HttpReply> getObject(Bucket bucket, String key, String rangeHeader, String requestId) {
    Matcher m = rangeHeader == null ? null : RANGE.matcher(rangeHeader.trim());
    boolean ranged = m != null && m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())
        && (m.group(1).isEmpty() || m.group(2).isEmpty() || parse(m.group(1)) <= parse(m.group(2)));
    long first = 0;
    long last = -1;
    if (ranged) {
      if (m.group(1).isEmpty()) {
        long suffix = parse(m.group(2));
        first = suffix == 0 ? Long.MAX_VALUE : -suffix;
      } else {
        first = parse(m.group(1));
        last = m.group(2).isEmpty() ? -1 : parse(m.group(2));
      }
    }
    long from = first;
    return store.read(bucket.name(), key, first == Long.MAX_VALUE ? 0 : first, last).thenApply(found -> {
      ObjectContent content = found.orElseThrow(S3ReadApi::noSuchKey);
      StoredObject object = content.object();
      if (!ranged) {
        return new HttpReply(200, DEFAULT_CONTENT_TYPE, objectHeaders(object, content.bytes().length, requestId),
            content.bytes());
      }
      if (from >= object.size()) {
        // 416 with the range asked for and the object's size, as S3's InvalidRange document has them.
        Map<String, String> headers = headers(requestId, "content-range", "bytes */" + object.size());
        return new HttpReply(S3Error.InvalidRange.httpStatus(), XML, headers, S3Xml.error(S3Error.InvalidRange.code(),
            "The requested range is not satisfiable", requestId, "RangeRequested", rangeHeader, "ActualObjectSize",
            Long.toString(object.size())).getBytes(StandardCharsets.UTF_8));
      }
      long start = from < 0 ? Math.max(0, object.size() + from) : from;
      Map<String, String> headers = objectHeaders(object, content.bytes().length, requestId);
      headers.put("content-range", "bytes " + start + "-" + (start + content.bytes().length - 1) + "/" + object.size());
      return new HttpReply(206, DEFAULT_CONTENT_TYPE, headers, content.bytes());
    });
  }

  private static long parse(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  private static Map<String, String> objectHeaders(StoredObject object, long length, String requestId) {
    Map<String, String> headers = headers(requestId, "etag", object.etag(), "last-modified",
        HTTP_DATE.format(Instant.ofEpochMilli(object.lastModifiedMillis())), "accept-ranges", "bytes");
    headers.put("content-length", Long.toString(length));
    if (object.contentEncoding() != null) {
      headers.put("content-encoding", object.contentEncoding());
    }
    return headers;
  }

  private static Map<String, String> headers(String requestId, String... pairs) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-amz-request-id", requestId);
    headers.put("x-amz-id-2", requestId);
    for (int i = 0; i + 1 < pairs.length; i += 2) {
      headers.put(pairs[i], pairs[i + 1]);
    }
    return headers;
  }

  private static AwsException noSuchKey() {
    return AwsException.of(S3Error.NoSuchKey, "The specified key does not exist.");
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static HttpReply xml(int status, String body, String requestId) {
    return new HttpReply(status, XML, headers(requestId), body.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public HttpReply error(HttpRequestView request, AwsException error, String requestId) {
    S3Error code = s3Code(error.error(), request);
    String message = code == S3Error.InvalidAccessKeyId
        ? "The AWS Access Key Id you provided does not exist in our records." : error.getMessage();
    Target target;
    try {
      target = Target.of(request);
    } catch (AwsException e) {
      target = new Target("", "");
    }
    String body = switch (code) {
      case NoSuchBucket -> S3Xml.error(code.code(), message, requestId, "BucketName", target.bucket());
      case NoSuchKey -> S3Xml.error(code.code(), message, requestId, "Key", target.key());
      case MethodNotAllowed -> S3Xml.error(code.code(), message, requestId, "Method", request.method(),
          "ResourceType", target.bucket().isEmpty() ? "SERVICE" : target.key().isEmpty() ? "BUCKET" : "OBJECT");
      default -> S3Xml.error(code.code(), message, requestId);
    };
    Map<String, String> headers = headers(requestId);
    if (code == S3Error.MethodNotAllowed) {
      headers.put("allow", "GET, HEAD");
    }
    return new HttpReply(code.httpStatus(), XML, headers, body.getBytes(StandardCharsets.UTF_8));
  }

  /** The S3 error for an error of this API or of the gateway (a refused signature, a bad request). */
  private static S3Error s3Code(AwsErrorCode error, HttpRequestView request) {
    if (error instanceof S3Error s3) {
      return s3;
    }
    boolean presigned = request.header("authorization") == null && request.rawQuery().contains("X-Amz-Signature");
    return switch (error.code()) {
      case "AccessDenied", "MissingAuthenticationToken" -> S3Error.AccessDenied;
      case "InvalidClientTokenId" -> S3Error.InvalidAccessKeyId;
      case "SignatureDoesNotMatch" -> S3Error.SignatureDoesNotMatch;
      case "IncompleteSignature" -> presigned ? S3Error.AuthorizationQueryParametersError
          : S3Error.AuthorizationHeaderMalformed;
      case "RequestExpired" -> presigned ? S3Error.AccessDenied : S3Error.RequestTimeTooSkewed;
      case "ExpiredToken" -> S3Error.ExpiredToken;
      case "ServiceUnavailable" -> S3Error.ServiceUnavailable;
      default -> error.httpStatus() >= 500 ? S3Error.InternalError : S3Error.InvalidArgument;
    };
  }
}
