package io.sluice.testing;

import io.vertx.redis.client.impl.ZModem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Watches every command a Redis server runs (MONITOR on a connection of its own) and checks the
 * keys Sluice's stores use: every key, of a command or of a script's own {@code redis.call}, lies
 * under the deployment's prefix; a script touches only the keys it declares; and the keys one
 * script declares share one hash slot, so the script runs on Redis Cluster too. Meant for a server
 * only the audited store talks to.
 */
public final class RedisKeyAudit implements AutoCloseable {
  /** For commands outside scripts: where their keys are (first argument, or every argument). */
  private static final Set<String> ALL_ARGUMENTS_ARE_KEYS = Set.of("DEL", "UNLINK", "EXISTS", "MGET", "TOUCH");
  private static final Set<String> NO_KEYS = Set.of("PING", "SCAN", "MONITOR", "INFO", "CLUSTER", "SCRIPT", "HELLO",
      "CLIENT", "SELECT", "AUTH", "FLUSHALL", "FLUSHDB", "COMMAND", "DBSIZE", "READONLY", "QUIT", "CONFIG");

  private final Socket socket;
  private final BufferedReader lines;
  private final Thread reader;
  private final List<List<String>> commands = new ArrayList<>();
  private final List<Boolean> fromScript = new ArrayList<>();

  private RedisKeyAudit(Socket socket, BufferedReader lines) {
    this.socket = socket;
    this.lines = lines;
    this.reader = new Thread(this::read, "redis-key-audit");
    this.reader.setDaemon(true);
  }

  /** Starts watching the server at {@code host:port}; returns once MONITOR is on. */
  public static RedisKeyAudit start(String host, int port) throws IOException {
    Socket socket = new Socket(host, port);
    OutputStream out = socket.getOutputStream();
    out.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
    String ok = in.readLine();
    if (!"+OK".equals(ok)) {
      socket.close();
      throw new IOException("MONITOR answered " + ok);
    }
    RedisKeyAudit audit = new RedisKeyAudit(socket, in);
    audit.reader.start();
    return audit;
  }

  private void read() {
    try {
      String line;
      while ((line = lines.readLine()) != null) {
        int bracket = line.indexOf("] ");
        if (!line.startsWith("+") || bracket < 0) {
          continue;
        }
        boolean lua = line.substring(0, bracket).contains(" lua");
        List<String> args = parseArguments(line.substring(bracket + 2));
        synchronized (commands) {
          commands.add(args);
          fromScript.add(lua);
        }
      }
    } catch (IOException closed) {
      // close() ends the watch
    }
  }

  /** How many commands were seen so far. */
  public int commandsSeen() {
    synchronized (commands) {
      return commands.size();
    }
  }

  /**
   * The problems found among the commands seen: keys outside {@code prefix} (but for the foreign
   * keys a test wrote on purpose), a script's calls of keys it did not declare, a script's declared
   * keys in several hash slots. Empty when all is well.
   */
  public List<String> problems(String prefix, Set<String> foreignKeysAllowed) {
    List<String> problems = new ArrayList<>();
    String root = prefix + ":";
    Set<String> declared = null;
    synchronized (commands) {
      for (int i = 0; i < commands.size(); i++) {
        List<String> args = commands.get(i);
        if (args.isEmpty()) {
          continue;
        }
        String name = args.get(0).toUpperCase(Locale.ROOT);
        List<String> keys;
        if (name.equals("EVAL") || name.equals("EVALSHA")) {
          int n = Integer.parseInt(args.get(2));
          keys = args.subList(3, 3 + n);
          declared = new HashSet<>(keys);
          Set<Integer> slots = new HashSet<>();
          keys.forEach(k -> slots.add(slot(k)));
          if (slots.size() > 1) {
            problems.add("a script's keys lie in " + slots.size() + " slots: " + keys);
          }
        } else if (NO_KEYS.contains(name)) {
          continue;
        } else {
          keys = ALL_ARGUMENTS_ARE_KEYS.contains(name) ? args.subList(1, args.size())
              : args.size() > 1 ? List.of(args.get(1)) : List.of();
          if (fromScript.get(i) && declared != null) {
            for (String k : keys) {
              if (!declared.contains(k)) {
                problems.add("a script calls " + name + " on " + k + ", which it did not declare");
              }
            }
          }
        }
        for (String k : keys) {
          if (!k.startsWith(root) && !foreignKeysAllowed.contains(k)) {
            problems.add(name + " on a key outside " + root + ": " + k);
          }
        }
      }
    }
    return problems;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** The Redis Cluster slot of a key (of its hash tag, if it has one), as the Vert.x Redis client computes it. */
  static int slot(String key) {
    return ZModem.generate(key.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** The quoted arguments of a MONITOR line, unescaped (bytes as ISO-8859-1 characters). */
  static List<String> parseArguments(String text) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      if (text.charAt(i) != '"') {
        i++;
        continue;
      }
      StringBuilder arg = new StringBuilder();
      i++;
      while (i < text.length() && text.charAt(i) != '"') {
        char c = text.charAt(i);
        if (c == '\\' && i + 1 < text.length()) {
          char e = text.charAt(i + 1);
          switch (e) {
            case 'x' -> {
              arg.append((char) Integer.parseInt(text.substring(i + 2, i + 4), 16));
              i += 4;
              continue;
            }
            case 'n' -> arg.append('\n');
            case 'r' -> arg.append('\r');
            case 't' -> arg.append('\t');
            case 'a' -> arg.append('\u0007');
            case 'b' -> arg.append('\b');
            default -> arg.append(e);
          }
          i += 2;
          continue;
        }
        arg.append(c);
        i++;
      }
      out.add(arg.toString());
      i++;
    }
    return out;
  }

}
