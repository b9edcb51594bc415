package io.sluice.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.FullLoop;
import io.sluice.testing.RawHttp;
import io.sluice.testing.RedisTestServer;
import io.sluice.testing.TestSluice;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped deployment files agree with the code and with each other. */
class DeploymentFilesTest {
  private static final Path REDIS_CONF = Path.of("conf/redis.conf");
  private static final Path CONF = Path.of("conf");
  private static final Path K8S = Path.of("k8s");

  @Test
  void kubernetesRedisConfigMapIsTheShippedRedisConf() throws IOException {
    String yaml = Files.readString(K8S.resolve("redis.yaml"));
    assertEquals(Files.readString(REDIS_CONF), blockScalar(yaml, "redis.conf"));
  }

  @Test
  @FullLoop
  void shippedRedisConfMakesRedisAppendEverySecondAndNeverEvict(@TempDir Path dir) throws Exception {
    // Given redis-server started with conf/redis.conf
    int port = RedisTestServer.freePort();
    Process redis = new ProcessBuilder(RedisTestServer.executable(), REDIS_CONF.toAbsolutePath().toString(),
        "--port", Integer.toString(port), "--bind", "127.0.0.1", "--dir", dir.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
    try {
      waitForRedis(port);
      // Then it runs with the append-only file, fsynced every second, and without eviction
      assertEquals("yes", configGet(port, "appendonly"));
      assertEquals("everysec", configGet(port, "appendfsync"));
      assertEquals("noeviction", configGet(port, "maxmemory-policy"));
    } finally {
      redis.destroy();
      redis.waitFor();
    }
  }

  @Test
  void everySluiceVariableTheManifestsAndReadmeNameIsASetting() throws IOException {
    // Sluice's settings: sluice.conf (the node's) and one <service>.conf per service.
    StringBuilder defaults = new StringBuilder();
    try (Stream<Path> files = Files.list(CONF)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".conf") && !f.equals(REDIS_CONF)).toList()) {
        defaults.append(Files.readString(f));
      }
    }
    Set<String> unknown = new TreeSet<>();
    for (Path file : filesToCheck()) {
      Matcher m = Pattern.compile("\\bSLUICE_[A-Z_]+[A-Z]\\b").matcher(Files.readString(file));
      while (m.find()) {
        if (!defaults.toString().contains("${?" + m.group() + "}") && !m.group().equals("SLUICE_CONFIG")) {
          unknown.add(file + ": " + m.group());
        }
      }
    }
    assertEquals(Set.of(), unknown);
  }

  @Test
  @FullLoop
  void kubernetesProbesPointAtHealthEndpointsThatAnswer() throws IOException {
    // Given the HTTP probe paths of the Sluice Deployment
    Matcher m = Pattern.compile("path: (\\S+)").matcher(Files.readString(K8S.resolve("sluice.yaml")));
    List<String> paths = new ArrayList<>();
    while (m.find()) {
      paths.add(m.group(1));
    }
    assertFalse(paths.isEmpty());

    // Then a running node answers each with 200
    TestSluice node = TestSluice.shared(Engine.MEMORY);
    for (String path : paths) {
      assertEquals(200, RawHttp.get(node.endpoint().resolve(path), Map.of()).status(), path);
    }
  }

  @Test
  void sluiceDeploymentRunsSeveralNodesClusteredOnRedisWithTheKeyFromASecret() throws IOException {
    String yaml = Files.readString(K8S.resolve("sluice.yaml"));
    Matcher replicas = Pattern.compile("replicas: (\\d+)").matcher(yaml);
    assertTrue(replicas.find());
    assertTrue(Integer.parseInt(replicas.group(1)) >= 2);
    assertTrue(yaml.contains("SLUICE_STORE: redis"));
    assertTrue(yaml.contains("SLUICE_CLUSTER_ENABLED: \"true\""));
    assertTrue(yaml.contains("name: SLUICE_CLUSTER_KUBERNETES_SERVICE_DNS"));
    assertTrue(yaml.contains("secretRef:"));
    assertTrue(yaml.contains("clusterIP: None"));
  }

  private static List<Path> filesToCheck() throws IOException {
    List<Path> files = new ArrayList<>(List.of(Path.of("README.md")));
    try (Stream<Path> k8s = Files.list(K8S)) {
      k8s.filter(p -> p.toString().endsWith(".yaml")).forEach(files::add);
    }
    return files;
  }

  /** The text of a literal block scalar {@code key: |} in YAML, with its indentation removed. */
  private static String blockScalar(String yaml, String key) {
    List<String> lines = yaml.lines().toList();
    int start = -1;
    int indent = 0;
    for (int i = 0; i < lines.size(); i++) {
      String trimmed = lines.get(i).stripLeading();
      if (trimmed.equals(key + ": |")) {
        start = i + 1;
        indent = lines.get(i).length() - trimmed.length() + 2;
        break;
      }
    }
    assertTrue(start > 0, "no block scalar " + key);
    StringBuilder sb = new StringBuilder();
    for (int i = start; i < lines.size(); i++) {
      String line = lines.get(i);
      if (!line.isBlank() && (line.length() < indent || !line.substring(0, indent).isBlank())) {
        break;
      }
      sb.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
    }
    return sb.toString().stripTrailing() + "\n";
  }

  private static void waitForRedis(int port) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(20);
      }
    }
    throw new AssertionError("redis-server did not start with conf/redis.conf");
  }

  /** CONFIG GET over RESP; returns the value. */
  private static String configGet(int port, String name) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream out = s.getOutputStream();
      out.write(("*3\r\n$6\r\nCONFIG\r\n$3\r\nGET\r\n$" + name.length() + "\r\n" + name + "\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      String header = in.readLine();
      assertEquals("*2", header, "CONFIG GET " + name);
      in.readLine();
      in.readLine();
      in.readLine();
      return in.readLine();
    }
  }
}
