package io.sluice.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.testing.Engine;
import io.sluice.testing.FullLoop;
import io.sluice.testing.RawHttp;
import io.sluice.testing.SluiceProcess;
import io.sluice.testing.TestSluice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/sluice} on a machine whose JAVA_HOME and PATH name a Java older than 21. */
@FullLoop
class LauncherJavaTest {
  private static final Path JAVA_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");

  @Test
  void binSluiceStartsOnAnInstalledJdk21WhenJavaHomeAndPathNameJava17(@TempDir Path dir) throws IOException {
    assertTrue(Files.isRegularFile(Path.of("target/sluice.jar")), "bin/sluice runs target/sluice.jar: mvn package first");
    // Given JAVA_HOME and the first java on PATH are a Java 17 (the machine's, else a stand-in that
    // fails as an old JVM would), and the test's own JDK is installed where bin/sluice looks
    Path old = Files.isExecutable(JAVA_17.resolve("bin/java")) ? JAVA_17 : fakeJava17(dir);
    Map<String, String> env = new HashMap<>(TestSluice.environment(Engine.MEMORY, Map.of(), "unused"));
    env.put("JAVA_HOME", old.toString());
    env.put("PATH", old.resolve("bin") + ":" + System.getenv("PATH"));
    env.put("SLUICE_JDK_DIRS", Path.of(System.getProperty("java.home")).getParent().toString());

    // When bin/sluice starts a node
    try (SluiceProcess node = SluiceProcess.startCommand(List.of("bin/sluice"), env)) {
      // Then it runs on a Java 21+ it found, says so, and answers
      assertEquals(200, RawHttp.postForm(node.endpoint(),
          "Action=CreateQueue&QueueName=" + TestSluice.uniqueName("launcher")).status());
      assertTrue(node.output().stream().anyMatch(l -> l.contains("is older than Java 21; using")), node.output()::toString);
    }
  }

  private static Path fakeJava17(Path dir) throws IOException {
    Path home = dir.resolve("jdk-17");
    Files.createDirectories(home.resolve("bin"));
    Files.writeString(home.resolve("release"), "JAVA_VERSION=\"17.0.9\"\n");
    Path java = home.resolve("bin/java");
    Files.writeString(java, "#!/bin/sh\necho 'UnsupportedClassVersionError: class file version 65.0' >&2\nexit 1\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    return home;
  }
}
