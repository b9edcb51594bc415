package io.sluice.firehose.objects;

import io.sluice.protocol.XmlWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * S3's REST XML documents (namespace {@value #NAMESPACE}): {@code ListAllMyBucketsResult},
 * {@code ListBucketResult} (V2 and V1), {@code LocationConstraint}, and the {@code <Error>} document.
 * Times are ISO 8601 in UTC with milliseconds, to the second, as S3 writes them.
 */
final class S3Xml {
  static final String NAMESPACE = "http://s3.amazonaws.com/doc/2006-03-01/";
  private static final String HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** What a listing request asked for, echoed in the answer. */
  record ListRequest(boolean v2, String prefix, String delimiter, int maxKeys, String startAfter,
                     String continuationToken, boolean urlEncoded, boolean fetchOwner) {}

  private final StringBuilder sb = new StringBuilder(512);

  private S3Xml(String root) {
    sb.append(HEAD).append('<').append(root).append(" xmlns=\"").append(NAMESPACE).append("\">");
  }

  static String time(long millis) {
    return ISO.format(Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.SECONDS));
  }

  static String listBuckets(String owner, List<Bucket> buckets) {
    S3Xml x = new S3Xml("ListAllMyBucketsResult");
    x.owner(owner).open("Buckets");
    for (Bucket b : buckets) {
      x.open("Bucket").text("Name", b.name()).text("CreationDate", time(b.createdMillis())).close("Bucket");
    }
    return x.close("Buckets").close("ListAllMyBucketsResult").toString();
  }

  static String listObjects(String bucket, String owner, ListRequest q, ObjectListing.Page page) {
    S3Xml x = new S3Xml("ListBucketResult");
    x.text("Name", bucket).text("Prefix", x.encoded(q, q.prefix()));
    if (q.v2()) {
      if (q.startAfter() != null) {
        x.text("StartAfter", x.encoded(q, q.startAfter()));
      }
      x.text("KeyCount", Integer.toString(page.count()));
    } else {
      x.text("Marker", x.encoded(q, q.startAfter() == null ? "" : q.startAfter()));
    }
    x.text("MaxKeys", Integer.toString(q.maxKeys()));
    if (q.delimiter() != null) {
      x.text("Delimiter", x.encoded(q, q.delimiter()));
    }
    x.text("IsTruncated", Boolean.toString(page.next() != null));
    if (q.v2()) {
      if (q.continuationToken() != null) {
        x.text("ContinuationToken", q.continuationToken());
      }
      if (page.next() != null) {
        x.text("NextContinuationToken", page.next().token());
      }
    } else if (page.next() != null && q.delimiter() != null) {
      // S3 gives NextMarker only with a delimiter; without one, clients go on from the last key.
      x.text("NextMarker", x.encoded(q, page.next().after()));
    }
    if (q.urlEncoded()) {
      x.text("EncodingType", "url");
    }
    for (StoredObject o : page.objects()) {
      x.open("Contents").text("Key", x.encoded(q, o.key())).text("LastModified", time(o.lastModifiedMillis()))
          .text("ETag", o.etag()).text("Size", Long.toString(o.size()));
      if (q.fetchOwner() || !q.v2()) {
        x.owner(owner);
      }
      x.text("StorageClass", "STANDARD").close("Contents");
    }
    for (String p : page.commonPrefixes()) {
      x.open("CommonPrefixes").text("Prefix", x.encoded(q, p)).close("CommonPrefixes");
    }
    return x.close("ListBucketResult").toString();
  }

  /** {@code GetBucketLocation}: empty for us-east-1, as S3 answers. */
  static String location(String region) {
    S3Xml x = new S3Xml("LocationConstraint");
    if (!"us-east-1".equals(region)) {
      XmlWriter.escape(x.sb, region);
    }
    return x.close("LocationConstraint").toString();
  }

  /** The {@code <Error>} document, with extra elements ({@code name, value, …}) after the message. */
  static String error(String code, String message, String requestId, String... extra) {
    StringBuilder sb = new StringBuilder(256).append(HEAD).append("<Error>");
    S3Xml x = new S3Xml(sb);
    x.text("Code", code).text("Message", message);
    for (int i = 0; i + 1 < extra.length; i += 2) {
      if (extra[i + 1] != null) {
        x.text(extra[i], extra[i + 1]);
      }
    }
    return x.text("RequestId", requestId).text("HostId", requestId).close("Error").toString();
  }

  private S3Xml(StringBuilder started) {
    sb.append(started);
  }

  private S3Xml owner(String account) {
    return open("Owner").text("ID", account).text("DisplayName", account).close("Owner");
  }

  /** {@code value} as S3 writes it with {@code encoding-type=url} when that was asked for. */
  private String encoded(ListRequest q, String value) {
    return q.urlEncoded() ? URLEncoder.encode(value, StandardCharsets.UTF_8) : value;
  }

  private S3Xml open(String name) {
    sb.append('<').append(name).append('>');
    return this;
  }

  private S3Xml close(String name) {
    sb.append("</").append(name).append('>');
    return this;
  }

  private S3Xml text(String name, String value) {
    open(name);
    XmlWriter.escape(sb, value);
    return close(name);
  }

  @Override
  public String toString() {
    return sb.toString();
  }
}
