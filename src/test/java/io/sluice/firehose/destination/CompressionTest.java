package io.sluice.firehose.destination;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

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
  void gzipReadsBackWithTheJdk() {
    byte[] data = sample();
    byte[] gz = Compression.GZIP.compress(data, "x");
    assertTrue(gz.length < data.length);
    assertArrayEquals(data, Decompression.of(Compression.GZIP, gz));
  }

  @Test
  void zipHoldsOneEntryNamedAfterTheObject() throws IOException {
    byte[] data = sample();
    byte[] zip = Compression.ZIP.compress(data, "logs-1-x");
    assertEquals("logs-1-x", Decompression.zipEntryName(zip));
    assertArrayEquals(data, Decompression.of(Compression.ZIP, zip));
  }

  @Test
  void snappyIsTheFramingFormat() {
    byte[] data = sample();
    byte[] framed = Compression.SNAPPY.compress(data, "x");
    // The framing format's stream identifier chunk: type 0xff, length 6, "sNaPpY".
    assertArrayEquals(new byte[] {(byte) 0xff, 6, 0, 0, 's', 'N', 'a', 'P', 'p', 'Y'}, Arrays.copyOf(framed, 10));
    assertArrayEquals(data, Decompression.of(Compression.SNAPPY, framed));
  }

  @Test
  void hadoopSnappyIsHadoopsBlockFormat() throws IOException {
    byte[] data = sample();
    Decompression.Blocks blocks = Decompression.hadoopBlocks(Compression.HADOOP_SNAPPY.compress(data, "x"));
    assertTrue(blocks.count() > 1, "1 MiB spans several blocks");
    assertArrayEquals(data, blocks.data());
  }

  @Test
  void uncompressedIsTheDataItself() {
    byte[] data = "abc".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(data, Compression.UNCOMPRESSED.compress(data, "x"));
  }
}
