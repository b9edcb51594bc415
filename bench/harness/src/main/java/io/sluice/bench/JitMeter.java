package io.sluice.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of the JIT compiler threads of server JVMs ({@code C1 CompilerThread…} and
 * {@code C2 CompilerThread…}, from {@code /proc/<pid>/task/<tid>/stat}): while a JVM still compiles
 * hot code, its rate is still climbing, and on a 2-core machine the compilers take CPU from the
 * server itself. Warm-up goes on until the compilers have gone quiet. Needs no flag in the server
 * JVM; returns 0 where /proc is not available, so the rate alone then decides.
 */
final class JitMeter {
  private final List<Long> pids;
  /** Ticks per compiler thread at the last {@link #start()}; a thread that appears later counts from 0. */
  private Map<String, Long> startTicks = Map.of();
  private long startNanos;

  JitMeter(List<Long> pids) {
    this.pids = pids;
  }

  void start() {
    startTicks = compilerThreadTicks();
    startNanos = System.nanoTime();
  }

  /** Cores the JIT compilers used on average since {@link #start()} (0 when unknown). */
  double coresSinceStart() {
    Map<String, Long> now = compilerThreadTicks();
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    long ticks = 0;
    for (Map.Entry<String, Long> e : now.entrySet()) {
      // A compiler thread the JVM retired meanwhile takes its time with it: a slight undercount.
      ticks += Math.max(0, e.getValue() - startTicks.getOrDefault(e.getKey(), 0L));
    }
    return seconds <= 0 ? 0 : ticks / CpuMeter.TICKS_PER_SECOND / seconds;
  }

  private Map<String, Long> compilerThreadTicks() {
    Map<String, Long> ticks = new HashMap<>();
    for (long pid : pids) {
      try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
        for (Path task : tasks) {
          try {
            String stat = Files.readString(task.resolve("stat"));
            String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
            if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
              String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
              ticks.put(pid + "/" + task.getFileName(), Long.parseLong(f[11]) + Long.parseLong(f[12]));
            }
          } catch (IOException | RuntimeException ignored) {
            // the thread ended while we looked
          }
        }
      } catch (IOException | RuntimeException ignored) {
        // not Linux, or the process is gone
      }
    }
    return ticks;
  }
}
