package io.sluice.firehose.destination;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyFramedInputStream;

/** Each CompressionFormat, read back by a reader independent of the writer. */
class CompressionTest {

  /** 1 MiB of text with repeats and noise: several Snappy blocks and frames. */
  static byte[] sample() {
    Random random = new Random(7);
    StringBuilder s = new StringBuilder();
    while (s.length() < 1 << 20) {
      s.append("{\"id\":").append(random.nextInt(1000)).append(",\"v\":\"").append(Long.toHexString(random.nextLong()))
          .append("\"}\n");
    }
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void formatsAreNamedAsTheApiNamesThemWithTheirExtensions() {
    assertEquals(Compression.UNCOMPRESSED, Compression.of(null));
    assertEquals(Compression.SNAPPY, Compression.of("Snappy"));
    assertEquals(Compression.HADOOP_SNAPPY, Compression.of("HADOOP_SNAPPY"));
    assertEquals(".gz", Compression.of("GZIP").extension());
    assertEquals(".zip", Compression.of("ZIP").extension());
    assertEquals(".snappy", Compression.SNAPPY.extension());
    assertEquals(".hsnappy", Compression.HADOOP_SNAPPY.extension());
    assertEquals("", Compression.UNCOMPRESSED.extension());
    assertThrows(IllegalArgumentException.class, () -> Compression.of("LZ4"));
  }

  @Test
  void gzipReadsBackWithTheJdk() throws IOException {
    byte[] data = sample();
    byte[] gz = Compression.GZIP.compress(data, "x");
    assertTrue(gz.length < data.length);
    assertArrayEquals(data, new GZIPInputStream(new ByteArrayInputStream(gz)).readAllBytes());
  }

  @Test
  void zipHoldsOneEntryNamedAfterTheObject() throws IOException {
    byte[] data = sample();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(Compression.ZIP.compress(data, "logs-1-x")))) {
      ZipEntry entry = zip.getNextEntry();
      assertEquals("logs-1-x", entry.getName());
      assertArrayEquals(data, zip.readAllBytes());
      assertNull(zip.getNextEntry());
    }
  }

  @Test
  void snappyIsTheFramingFormat() throws IOException {
    byte[] data = sample();
    byte[] framed = Compression.SNAPPY.compress(data, "x");
    // The framing format's stream identifier chunk: type 0xff, length 6, "sNaPpY".
    assertArrayEquals(new byte[] {(byte) 0xff, 6, 0, 0, 's', 'N', 'a', 'P', 'p', 'Y'}, java.util.Arrays.copyOf(framed, 10));
    assertArrayEquals(data, new SnappyFramedInputStream(new ByteArrayInputStream(framed)).readAllBytes());
  }

  @Test
  void hadoopSnappyIsHadoopsBlockFormat() throws IOException {
    byte[] data = sample();
    byte[] blocks = Compression.HADOOP_SNAPPY.compress(data, "x");
    // Hadoop's BlockDecompressorStream: per block a big-endian uncompressed length, then chunks of a
    // big-endian compressed length and raw Snappy data until the block is complete.
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(blocks));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int blockCount = 0;
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
      assertEquals(raw, done);
      blockCount++;
    }
    assertTrue(blockCount > 1, "1 MiB spans several blocks");
    assertArrayEquals(data, out.toByteArray());
  }

  @Test
  void uncompressedIsTheDataItself() {
    byte[] data = "abc".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(data, Compression.UNCOMPRESSED.compress(data, "x"));
  }
}
