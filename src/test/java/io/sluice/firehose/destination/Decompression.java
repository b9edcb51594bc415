package io.sluice.firehose.destination;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyFramedInputStream;

/**
 * Reads objects Firehose compressed, by paths independent of {@link Compression}'s writers: the
 * JDK's GZIP and ZIP readers, snappy-java's framed reader, and Hadoop's block format parsed here
 * (as Hadoop's {@code BlockDecompressorStream} does) over raw Snappy.
 */
public final class Decompression {
  private Decompression() {}

  /** {@code body} decompressed as {@code format} says; a ZIP must hold exactly one entry. */
  public static byte[] of(Compression format, byte[] body) {
    try {
      return switch (format) {
        case UNCOMPRESSED -> body;
        case GZIP -> new GZIPInputStream(new ByteArrayInputStream(body)).readAllBytes();
        case ZIP -> unzip(body);
        case SNAPPY -> new SnappyFramedInputStream(new ByteArrayInputStream(body)).readAllBytes();
        case HADOOP_SNAPPY -> hadoopBlocks(body).data;
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The ZIP entry's name (the archive must hold one entry). */
  public static String zipEntryName(byte[] body) throws IOException {
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(body))) {
      return zip.getNextEntry().getName();
    }
  }

  private static byte[] unzip(byte[] body) throws IOException {
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(body))) {
      ZipEntry entry = zip.getNextEntry();
      if (entry == null) {
        throw new IOException("empty ZIP archive");
      }
      byte[] data = zip.readAllBytes();
      if (zip.getNextEntry() != null) {
        throw new IOException("more than one ZIP entry");
      }
      return data;
    }
  }

  /** Hadoop-Snappy data and its number of blocks. */
  public record Blocks(byte[] data, int count) {}

  /**
   * Hadoop's block format: per block a big-endian uncompressed length, then chunks of a big-endian
   * compressed length and raw Snappy data until the block's length is reached.
   */
  public static Blocks hadoopBlocks(byte[] body) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int count = 0;
    while (in.available() > 0) {
      int raw = in.readInt();
      int done = 0;
      while (done < raw) {
        byte[] chunk = new byte[in.readInt()];
        in.readFully(chunk);
        byte[] plain = Snappy.uncompress(chunk);
        out.write(plain);
        done += plain.length;
      }
      if (done != raw) {
        throw new IOException("block of " + raw + " bytes held " + done);
      }
      count++;
    }
    return new Blocks(out.toByteArray(), count);
  }
}
