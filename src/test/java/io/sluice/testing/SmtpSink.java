package io.sluice.testing;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Predicate;

/**
 * An SMTP server for tests, on a free loopback port: speaks just enough SMTP for a client to hand
 * over mail (EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT) and keeps every message. Replies
 * queued by {@link #refuseRecipients} and {@link #failData} are given before the usual 250.
 */
public final class SmtpSink implements AutoCloseable {

  /**
   * One message as received: the envelope sender and recipients, the headers (names lower-cased,
   * folded lines joined) and the body with its transfer encoding undone and CRLF turned into LF.
   */
  public record Mail(String envelopeFrom, List<String> recipients, Map<String, String> headers, String body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String subject() {
      return header("subject");
    }
  }

  private final ServerSocket server;
  private final List<Mail> mails = new ArrayList<>();
  private final Deque<String> rcptReplies = new ConcurrentLinkedDeque<>();
  private final Deque<String> dataReplies = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  public SmtpSink() {
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::acceptLoop, "smtp-sink");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** The next {@code count} RCPT TO commands are answered with {@code reply}, e.g. {@code 550 5.1.1 no such user}. */
  public void refuseRecipients(int count, String reply) {
    for (int i = 0; i < count; i++) {
      rcptReplies.add(reply);
    }
  }

  /** The next {@code count} messages are answered with {@code reply} after their data, e.g. {@code 451 try later}. */
  public void failData(int count, String reply) {
    for (int i = 0; i < count; i++) {
      dataReplies.add(reply);
    }
  }

  /** The messages accepted so far. */
  public List<Mail> mails() {
    synchronized (mails) {
      return List.copyOf(mails);
    }
  }

  /** Waits until {@code count} accepted messages match, and returns them; fails after {@code timeout}. */
  public List<Mail> await(Predicate<Mail> match, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (mails) {
      while (true) {
        List<Mail> found = mails.stream().filter(match).toList();
        long left = deadline - System.nanoTime();
        if (found.size() >= count) {
          return found;
        }
        if (left <= 0) {
          throw new AssertionError("expected " + count + " matching mails, got " + found.size() + " of " + mails);
        }
        try {
          mails.wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError("interrupted", e);
        }
      }
    }
  }

  /** The first message to {@code recipient} with {@code subject}, waiting up to {@code timeout}. */
  public Mail awaitMail(String recipient, String subject, Duration timeout) {
    return await(m -> m.recipients().contains(recipient) && subject.equals(m.subject()), 1, timeout).get(0);
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket socket = server.accept();
        Thread session = new Thread(() -> session(socket), "smtp-sink-session");
        session.setDaemon(true);
        session.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void session(Socket socket) {
    try (socket) {
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      OutputStream out = socket.getOutputStream();
      reply(out, "220 sluice-test SMTP sink");
      String from = null;
      List<String> to = new ArrayList<>();
      String line;
      while ((line = in.readLine()) != null) {
        String verb = line.length() < 4 ? line.toUpperCase(Locale.ROOT) : line.substring(0, 4).toUpperCase(Locale.ROOT);
        switch (verb) {
          case "EHLO" -> reply(out, "250-sluice-test\r\n250 8BITMIME");
          case "HELO", "NOOP" -> reply(out, "250 OK");
          case "RSET" -> {
            from = null;
            to = new ArrayList<>();
            reply(out, "250 OK");
          }
          case "MAIL" -> {
            from = address(line);
            to = new ArrayList<>();
            reply(out, "250 OK");
          }
          case "RCPT" -> {
            String refusal = rcptReplies.poll();
            if (refusal != null) {
              reply(out, refusal);
            } else {
              to.add(address(line));
              reply(out, "250 OK");
            }
          }
          case "DATA" -> {
            reply(out, "354 end data with <CR><LF>.<CR><LF>");
            String data = readData(in);
            String failure = dataReplies.poll();
            if (failure != null) {
              reply(out, failure);
            } else {
              keep(parse(from, to, data));
              reply(out, "250 OK queued");
            }
          }
          case "QUIT" -> {
            reply(out, "221 bye");
            return;
          }
          default -> reply(out, "502 command not implemented");
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private void keep(Mail mail) {
    synchronized (mails) {
      mails.add(mail);
      mails.notifyAll();
    }
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static String address(String command) {
    int open = command.indexOf('<');
    int close = command.indexOf('>', open + 1);
    return open < 0 || close < 0 ? command.substring(command.indexOf(':') + 1).trim()
        : command.substring(open + 1, close);
  }

  private static String readData(BufferedReader in) throws IOException {
    StringBuilder data = new StringBuilder();
    String line;
    while ((line = in.readLine()) != null && !line.equals(".")) {
      data.append(line.startsWith(".") ? line.substring(1) : line).append('\n');
    }
    return data.toString();
  }

  private static Mail parse(String from, List<String> to, String data) {
    int split = data.indexOf("\n\n");
    String head = split < 0 ? data : data.substring(0, split);
    String body = split < 0 ? "" : data.substring(split + 2);
    Map<String, String> headers = new LinkedHashMap<>();
    String last = null;
    for (String line : head.split("\n")) {
      if (!line.isEmpty() && Character.isWhitespace(line.charAt(0)) && last != null) {
        headers.merge(last, " " + line.trim(), String::concat);
        continue;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        last = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        headers.put(last, line.substring(colon + 1).trim());
      }
    }
    String encoding = headers.getOrDefault("content-transfer-encoding", "").toLowerCase(Locale.ROOT);
    String decoded = switch (encoding) {
      case "quoted-printable" -> quotedPrintable(body);
      case "base64" -> new String(Base64.getMimeDecoder().decode(body), StandardCharsets.UTF_8);
      default -> body;
    };
    return new Mail(from, List.copyOf(to), headers, decoded.replace("\r\n", "\n"));
  }

  private static String quotedPrintable(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] in = text.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < in.length; i++) {
      if (in[i] == '=' && i + 1 < in.length && in[i + 1] == '\n') {
        i++; // soft line break
      } else if (in[i] == '=' && i + 2 < in.length) {
        bytes.write(Integer.parseInt(new String(in, i + 1, 2, StandardCharsets.US_ASCII), 16));
        i += 2;
      } else {
        bytes.write(in[i]);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
