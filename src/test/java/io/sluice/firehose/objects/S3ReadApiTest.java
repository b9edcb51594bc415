package io.sluice.firehose.objects;

import static io.sluice.testing.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sluice.protocol.AwsException;
import io.sluice.protocol.Caller;
import io.sluice.protocol.HttpReply;
import io.sluice.protocol.HttpRequestView;
import io.sluice.time.ManualClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * S3's read API over the in-memory bucket store, request by request: listings (prefix, delimiter,
 * pages by continuation token, start-after, URL encoding, V1 markers), GetObject with ranges,
 * HeadObject, and S3's errors.
 */
class S3ReadApiTest {
  private static final String ACCOUNT = "000000000000";
  private static final Caller CALLER = new Caller("AKID", ACCOUNT, "us-east-1");
  private final ManualClock clock = new ManualClock(1_765_033_200_123L);
  private final InMemoryBucketStore buckets = new InMemoryBucketStore();
  private final StoredObjectStore objects = new StoredObjectStore(buckets, clock, ACCOUNT);
  private final S3ReadApi api = new S3ReadApi(buckets, "us-east-1");

  private void put(String bucket, String key, String body) {
    await(objects.put(bucket, key, body.getBytes(StandardCharsets.UTF_8), null));
  }

  private HttpReply get(String pathAndQuery, String... headers) {
    return call("GET", pathAndQuery, CALLER, false, headers);
  }

  private HttpReply call(String method, String pathAndQuery, Caller caller, boolean checked, String... headers) {
    int q = pathAndQuery.indexOf('?');
    Map<String, List<String>> h = new java.util.HashMap<>();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      h.put(headers[i], List.of(headers[i + 1]));
    }
    HttpRequestView view = new HttpRequestView(method, q < 0 ? pathAndQuery : pathAndQuery.substring(0, q),
        q < 0 ? "" : pathAndQuery.substring(q + 1), h, new byte[0]);
    try {
      return await(api.handle(view, caller, checked, "req-1"));
    } catch (AwsException aws) {
      return api.error(view, aws, "req-1");
    }
  }

  private static Element xml(HttpReply reply) {
    try {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(reply.body()));
      return doc.getDocumentElement();
    } catch (Exception e) {
      throw new AssertionError(new String(reply.body(), StandardCharsets.UTF_8), e);
    }
  }

  private static String text(Element root, String name) {
    NodeList nodes = root.getElementsByTagName(name);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
  }

  private static List<String> texts(Element root, String parent, String name) {
    List<String> found = new ArrayList<>();
    NodeList parents = root.getElementsByTagName(parent);
    for (int i = 0; i < parents.getLength(); i++) {
      found.add(((Element) parents.item(i)).getElementsByTagName(name).item(0).getTextContent());
    }
    return found;
  }

  private static String body(HttpReply reply) {
    return new String(reply.body(), StandardCharsets.UTF_8);
  }

  @Test
  void listBucketsShowsTheCallersBucketsInS3sNamespace() {
    put("b2", "k", "x");
    put("b1", "k", "x");
    await(objects.put("111111111111", "theirs", "k", new byte[1], null));

    Element root = xml(get("/"));

    assertEquals("ListAllMyBucketsResult", root.getLocalName());
    assertEquals("http://s3.amazonaws.com/doc/2006-03-01/", root.getNamespaceURI());
    assertEquals(List.of("b1", "b2"), texts(root, "Bucket", "Name"));
    assertEquals("2025-12-06T15:00:00.000Z", text(root, "CreationDate"));
  }

  @Test
  void listObjectsV2GivesKeysWithTheirMetadataAndCommonPrefixesUnderADelimiter() {
    put("b", "2025/12/06/15/s-1", "hello");
    put("b", "2025/12/06/16/s-2", "x");
    put("b", "2025/12/07/00/s-3", "x");
    put("b", "2025/top", "x");
    put("b", "readme", "x");

    Element all = xml(get("/b?list-type=2"));
    Element rolled = xml(get("/b?list-type=2&prefix=2025/12/&delimiter=/"));

    assertEquals(List.of("2025/12/06/15/s-1", "2025/12/06/16/s-2", "2025/12/07/00/s-3", "2025/top", "readme"),
        texts(all, "Contents", "Key"));
    assertEquals("5", text(all, "KeyCount"));
    assertEquals("false", text(all, "IsTruncated"));
    assertEquals("\"5d41402abc4b2a76b9719d911017c592\"", text(all, "ETag"));
    assertEquals("5", text(all, "Size"));
    assertEquals("2025-12-06T15:00:00.000Z", text(all, "LastModified"));
    assertEquals("STANDARD", text(all, "StorageClass"));
    assertEquals(List.of(), texts(rolled, "Contents", "Key"));
    assertEquals(List.of("2025/12/06/", "2025/12/07/"), texts(rolled, "CommonPrefixes", "Prefix"));
    assertEquals("2", text(rolled, "KeyCount"));
    assertEquals("2025/12/", text(rolled, "Prefix"));
    assertEquals("/", text(rolled, "Delimiter"));
  }

  @Test
  void continuationTokensPageThroughKeysAndCommonPrefixesWithoutRepeatingAny() {
    for (String k : List.of("a/1", "a/2", "a/3", "b", "c/1", "c/2", "d", "e/x/1")) {
      put("b", k, "x");
    }

    List<String> seen = new ArrayList<>();
    List<Integer> counts = new ArrayList<>();
    String token = null;
    do {
      Element page = xml(get("/b?list-type=2&delimiter=/&max-keys=2"
          + (token == null ? "" : "&continuation-token=" + token)));
      seen.addAll(texts(page, "Contents", "Key"));
      seen.addAll(texts(page, "CommonPrefixes", "Prefix"));
      counts.add(Integer.parseInt(text(page, "KeyCount")));
      token = text(page, "NextContinuationToken");
      assertEquals(token != null, Boolean.parseBoolean(text(page, "IsTruncated")));
    } while (token != null);

    assertEquals(List.of("b", "a/", "d", "c/", "e/"), seen);
    assertEquals(List.of(2, 2, 1), counts);
  }

  @Test
  void startAfterMaxKeysAndUrlEncodingAreHonoured() {
    for (String k : List.of("a", "b c", "b+d", "c", "é")) {
      put("b", k, "x");
    }

    Element after = xml(get("/b?list-type=2&start-after=a&max-keys=2&encoding-type=url"));
    Element none = xml(get("/b?list-type=2&max-keys=0"));
    Element capped = xml(get("/b?list-type=2&max-keys=5000"));

    assertEquals(List.of("b+c", "b%2Bd"), texts(after, "Contents", "Key"));
    assertEquals("a", text(after, "StartAfter"));
    assertEquals("url", text(after, "EncodingType"));
    assertEquals("true", text(after, "IsTruncated"));
    assertEquals("0", text(none, "KeyCount"));
    assertEquals("false", text(none, "IsTruncated"));
    assertEquals("1000", text(capped, "MaxKeys"));
    assertEquals("%C3%A9", texts(xml(get("/b?list-type=2&start-after=c&encoding-type=url")), "Contents", "Key").get(0));
  }

  @Test
  void listObjectsV1PagesByMarkerAndResumesAfterACommonPrefix() {
    for (String k : List.of("a/1", "a/2", "b", "c")) {
      put("b", k, "x");
    }

    Element first = xml(get("/b?delimiter=/&max-keys=1"));
    Element second = xml(get("/b?delimiter=/&max-keys=2&marker=" + text(first, "NextMarker")));

    assertEquals(List.of("a/"), texts(first, "CommonPrefixes", "Prefix"));
    assertEquals("a/", text(first, "NextMarker"));
    assertNull(text(first, "KeyCount"));
    assertEquals(List.of("b", "c"), texts(second, "Contents", "Key"));
    assertEquals(ACCOUNT, text(second, "ID"));
    assertEquals("false", text(second, "IsTruncated"));
  }

  @Test
  void aListingUnderAPrefixReadsPastManyKeysRolledUpBeforeIt() {
    for (int i = 0; i < 2500; i++) {
      put("b", "x/" + i, "x");
    }
    put("b", "y", "x");
    put("b", "w", "x");

    Element root = xml(get("/b?list-type=2&delimiter=/"));
    Element prefixed = xml(get("/b?list-type=2&prefix=x/249"));

    assertEquals(List.of("w", "y"), texts(root, "Contents", "Key"));
    assertEquals(List.of("x/"), texts(root, "CommonPrefixes", "Prefix"));
    assertEquals(List.of("x/249", "x/2490", "x/2491", "x/2492", "x/2493", "x/2494", "x/2495", "x/2496", "x/2497",
        "x/2498", "x/2499"), texts(prefixed, "Contents", "Key"));
  }

  @Test
  void getObjectAnswersTheBodyWithS3sHeaders() {
    await(objects.put("b", "dir/k v.gz", "hello".getBytes(StandardCharsets.UTF_8), "gzip"));

    HttpReply reply = get("/b/dir/k%20v.gz");
    HttpReply head = call("HEAD", "/b/dir/k%20v.gz", CALLER, false);

    assertEquals(200, reply.status());
    assertEquals("hello", body(reply));
    assertEquals("\"5d41402abc4b2a76b9719d911017c592\"", reply.headers().get("etag"));
    assertEquals("Sat, 6 Dec 2025 15:00:00 GMT", reply.headers().get("last-modified"));
    assertEquals("gzip", reply.headers().get("content-encoding"));
    assertEquals("5", reply.headers().get("content-length"));
    assertEquals("bytes", reply.headers().get("accept-ranges"));
    assertEquals(200, head.status());
    assertEquals(0, head.body().length);
    assertEquals("5", head.headers().get("content-length"));
  }

  @Test
  void rangesAreAnswered206WithContentRangeAnd416PastTheEnd() {
    put("b", "k", "0123456789");

    HttpReply middle = get("/b/k", "range", "bytes=2-4");
    HttpReply open = get("/b/k", "range", "bytes=7-");
    HttpReply suffix = get("/b/k", "range", "bytes=-3");
    HttpReply beyond = get("/b/k", "range", "bytes=5-100");
    HttpReply past = get("/b/k", "range", "bytes=10-");
    HttpReply ignored = get("/b/k", "range", "bytes=0-1,3-4");

    assertEquals(206, middle.status());
    assertEquals("234", body(middle));
    assertEquals("bytes 2-4/10", middle.headers().get("content-range"));
    assertEquals("3", middle.headers().get("content-length"));
    assertEquals("789", body(open));
    assertEquals("bytes 7-9/10", open.headers().get("content-range"));
    assertEquals("789", body(suffix));
    assertEquals("bytes 7-9/10", suffix.headers().get("content-range"));
    assertEquals("56789", body(beyond));
    assertEquals(416, past.status());
    assertEquals("InvalidRange", text(xml(past), "Code"));
    assertEquals("10", text(xml(past), "ActualObjectSize"));
    assertEquals("bytes */10", past.headers().get("content-range"));
    assertEquals(200, ignored.status());
    assertEquals("0123456789", body(ignored));
  }

  @Test
  void missingBucketsAndKeysAreS3Errors() {
    put("b", "k", "x");

    HttpReply noBucket = get("/none/k");
    HttpReply noKey = get("/b/other");
    HttpReply headNoKey = call("HEAD", "/b/other", CALLER, false);

    assertEquals(404, noBucket.status());
    assertEquals("Error", xml(noBucket).getLocalName());
    assertEquals("NoSuchBucket", text(xml(noBucket), "Code"));
    assertEquals("none", text(xml(noBucket), "BucketName"));
    assertEquals(404, noKey.status());
    assertEquals("NoSuchKey", text(xml(noKey), "Code"));
    assertEquals("other", text(xml(noKey), "Key"));
    assertEquals(404, headNoKey.status());
  }

  @Test
  void everyWriteIsMethodNotAllowedSayingTheStoreIsReadOnly() {
    put("b", "k", "x");

    for (String method : List.of("PUT", "POST", "DELETE")) {
      HttpReply reply = call(method, "/b/k", CALLER, false);
      assertEquals(405, reply.status(), method);
      assertEquals("MethodNotAllowed", text(xml(reply), "Code"));
      assertEquals(method, text(xml(reply), "Method"));
      assertEquals("GET, HEAD", reply.headers().get("allow"));
      assertEquals(true, text(xml(reply), "Message").contains("read-only"));
    }
    assertEquals("BUCKET", text(xml(call("PUT", "/newbucket", CALLER, false)), "ResourceType"));
  }

  @Test
  void withSignaturesCheckedOnlyTheOwningAccountReadsABucket() {
    put("b", "k", "x");
    Caller other = new Caller("AKOTHER", "111111111111", "us-east-1");

    HttpReply refused = call("GET", "/b/k", other, true);
    HttpReply listed = call("GET", "/b?list-type=2", other, true);
    HttpReply owner = call("GET", "/b/k", CALLER, true);
    HttpReply unchecked = call("GET", "/b/k", other, false);

    assertEquals(403, refused.status());
    assertEquals("AccessDenied", text(xml(refused), "Code"));
    assertEquals(403, listed.status());
    assertEquals(200, owner.status());
    assertEquals(200, unchecked.status());
  }

  @Test
  void anExpectedBucketOwnerThatIsNotTheOwnerIsDenied() {
    put("b", "k", "x");

    HttpReply other = get("/b/k", "x-amz-expected-bucket-owner", "111111111111");
    HttpReply owner = get("/b/k", "x-amz-expected-bucket-owner", ACCOUNT);

    assertEquals(403, other.status());
    assertEquals("AccessDenied", text(xml(other), "Code"));
    assertEquals(200, owner.status());
  }

  @Test
  void listObjectsV1GivesNextMarkerOnlyWithADelimiter() {
    put("b", "a", "x");
    put("b", "b", "x");

    Element page = xml(get("/b?max-keys=1"));

    assertEquals("true", text(page, "IsTruncated"));
    assertNull(text(page, "NextMarker"));
  }

  @Test
  void badListingParametersAndSubresourcesAreS3Errors() {
    put("b", "k", "x");

    assertEquals("InvalidArgument", text(xml(get("/b?list-type=2&continuation-token=nonsense")), "Code"));
    assertEquals("InvalidArgument", text(xml(get("/b?list-type=2&max-keys=ten")), "Code"));
    assertEquals("InvalidArgument", text(xml(get("/b?list-type=2&encoding-type=base64")), "Code"));
    HttpReply acl = get("/b/k?acl");
    assertEquals(501, acl.status());
    assertEquals("NotImplemented", text(xml(acl), "Code"));
  }

  @Test
  void aBucketNamedInAHostUnderLocalhostIsVirtualHosted() {
    put("b", "dir/k", "hello");

    HttpReply object = get("/dir/k", "host", "b.localhost:4566");
    Element listing = xml(get("/?list-type=2", "host", "b.localhost"));
    Element buckets = xml(get("/", "host", "localhost:4566"));

    assertEquals("hello", body(object));
    assertEquals(List.of("dir/k"), texts(listing, "Contents", "Key"));
    assertEquals(List.of("b"), texts(buckets, "Bucket", "Name"));
  }

  @Test
  void bucketLocationAndHeadBucketNameTheRegion() {
    put("b", "k", "x");

    Element location = xml(get("/b?location"));
    HttpReply head = call("HEAD", "/b", CALLER, false);

    assertEquals("LocationConstraint", location.getLocalName());
    assertEquals("", location.getTextContent());
    assertEquals(200, head.status());
    assertEquals("us-east-1", head.headers().get("x-amz-bucket-region"));
  }

  @Test
  void gatewayErrorsAreRenderedWithS3sCodes() {
    HttpRequestView view = new HttpRequestView("GET", "/b", "", Map.of(), new byte[0]);

    HttpReply unknownKey = api.error(view, AwsException.of(io.sluice.protocol.CommonError.InvalidClientTokenId, "x"),
        "r");
    HttpReply unsigned = api.error(view, AwsException.of(io.sluice.protocol.CommonError.MissingAuthenticationToken,
        "x"), "r");

    assertEquals(403, unknownKey.status());
    assertEquals("InvalidAccessKeyId", text(xml(unknownKey), "Code"));
    assertEquals("AccessDenied", text(xml(unsigned), "Code"));
  }
}
