package io.sluice.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import software.amazon.eventstream.Message;
import software.amazon.eventstream.MessageDecoder;

/**
 * One HTTP/1.1 request on a plain socket whose answer is read as an AWS event stream, frame by frame,
 * with AWS's reference decoder: for black-box tests that must read slowly, stop reading, or hang up.
 */
public final class RawEventStream implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final int status;
  private final Map<String, String> headers;
  private final Deque<Message> decoded = new ArrayDeque<>();
  private final MessageDecoder decoder = new MessageDecoder(decoded::add);
  private boolean ended;

  private RawEventStream(Socket socket, InputStream in, int status, Map<String, String> headers) {
    this.socket = socket;
    this.in = in;
    this.status = status;
    this.headers = headers;
  }

  /** POSTs {@code body} with {@code headers} to {@code port} on 127.0.0.1 and reads the answer's head. */
  public static RawEventStream post(int port, Map<String, String> headers, byte[] body) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(30_000);
    StringBuilder head = new StringBuilder("POST / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    OutputStream out = socket.getOutputStream();
    out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
    out.write(body);
    out.flush();
    InputStream in = socket.getInputStream();
    String statusLine = line(in);
    Map<String, String> answerHeaders = new HashMap<>();
    for (String line = line(in); !line.isEmpty(); line = line(in)) {
      int colon = line.indexOf(':');
      answerHeaders.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
    }
    return new RawEventStream(socket, in, Integer.parseInt(statusLine.split(" ")[1]), answerHeaders);
  }

  public int status() {
    return status;
  }

  /** A header of the answer (case-insensitive), or null. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** The next message, or null when the stream ended (the last chunk arrived) without one. */
  public Message next() throws IOException {
    while (decoded.isEmpty() && !ended) {
      int size = Integer.parseInt(line(in).split(";")[0].trim(), 16);
      if (size == 0) {
        line(in);
        ended = true;
      } else {
        decoder.feed(in.readNBytes(size));
        line(in);
      }
    }
    return decoded.poll();
  }

  /** Hangs up. */
  @Override
  public void close() throws IOException {
    socket.close();
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("the connection closed mid-line");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }
}
