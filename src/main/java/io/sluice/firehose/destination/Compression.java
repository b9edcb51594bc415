package io.sluice.firehose.destination;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.xerial.snappy.SnappyFramedOutputStream;
import org.xerial.snappy.SnappyHadoopCompatibleOutputStream;

/**
 * The S3 configuration's {@code CompressionFormat}: how an object's bytes are compressed and the
 * file extension Firehose appends for it (developer guide, "Configure Amazon S3 object name format":
 * .gz, .zip, .snappy, .hsnappy). Snappy is the framing format; Hadoop-Snappy is the block format
 * of Hadoop's {@code SnappyCodec} (each block: its uncompressed length, then length-prefixed raw
 * Snappy chunks), as Hadoop tools read it.
 */
public enum Compression {
  UNCOMPRESSED(""),
  GZIP(".gz"),
  ZIP(".zip"),
  SNAPPY(".snappy"),
  HADOOP_SNAPPY(".hsnappy");

  private final String extension;

  Compression(String extension) {
    this.extension = extension;
  }

  /** The format a configuration names ({@code CompressionFormat}; absent or null is UNCOMPRESSED). */
  public static Compression of(String format) {
    if (format == null || format.isEmpty()) {
      return UNCOMPRESSED;
    }
    return switch (format) {
      case "UNCOMPRESSED" -> UNCOMPRESSED;
      case "GZIP" -> GZIP;
      case "ZIP" -> ZIP;
      case "Snappy" -> SNAPPY;
      case "HADOOP_SNAPPY" -> HADOOP_SNAPPY;
      default -> throw new IllegalArgumentException("unknown CompressionFormat " + format);
    };
  }

  /** The extension Firehose appends to an object's name ("" when uncompressed). */
  public String extension() {
    return extension;
  }

  /**
   * {@code data} compressed; a ZIP archive holds it as one entry named {@code entryName} (the
   * object's name without the extension).
   */
  public byte[] compress(byte[] data, String entryName) {
    if (this == UNCOMPRESSED) {
      return data;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 2));
    try {
      switch (this) {
        case GZIP -> {
          try (OutputStream gz = new GZIPOutputStream(out, 64 * 1024)) {
            gz.write(data);
          }
        }
        case ZIP -> {
          try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entryName));
            zip.write(data);
            zip.closeEntry();
          }
        }
        case SNAPPY -> {
          try (OutputStream s = new SnappyFramedOutputStream(out)) {
            s.write(data);
          }
        }
        case HADOOP_SNAPPY -> {
          try (OutputStream s = new SnappyHadoopCompatibleOutputStream(out)) {
            s.write(data);
          }
        }
        default -> throw new IllegalStateException(name());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
