package io.sluice.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time of processes from {@code /proc/<pid>/stat} (user + system, in clock ticks), so a result
 * can show how many cores the server and the load client used: a client near a full core of its
 * own would be suspect as the bottleneck; and of the whole machine, so that what other processes
 * took meanwhile shows. Returns NaN where /proc is not available.
 */
final class CpuMeter {
  static final double TICKS_PER_SECOND = ticksPerSecond();
  private final List<Long> pids;
  private long startTicks;
  private long startNanos;

  CpuMeter(List<Long> pids) {
    this.pids = pids;
  }

  /** A meter of the whole machine (every CPU's busy time, from /proc/stat), to tell what else ran. */
  static CpuMeter machine() {
    return new CpuMeter(null);
  }

  /** A meter of the harness's own process. */
  static CpuMeter self() {
    return new CpuMeter(List.of(ProcessHandle.current().pid()));
  }

  void start() {
    startTicks = ticks();
    startNanos = System.nanoTime();
  }

  /** Cores used on average since {@link #start()}. */
  double coresSinceStart() {
    long t = ticks();
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    if (t < 0 || startTicks < 0 || seconds <= 0) {
      return Double.NaN;
    }
    return (t - startTicks) / TICKS_PER_SECOND / seconds;
  }

  /** CPU time (user + system) one process has used so far, in ms; -1 if unknown. */
  static long cpuMillis(long pid) {
    long t = new CpuMeter(List.of(pid)).ticks();
    return t < 0 ? -1 : Math.round(t * 1000 / TICKS_PER_SECOND);
  }

  private long ticks() {
    if (pids == null) {
      return machineTicks();
    }
    long sum = 0;
    for (long pid : pids) {
      try {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // Fields after the command (which may contain spaces) start after the last ')'.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        sum += Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
      } catch (IOException | RuntimeException e) {
        return -1;
      }
    }
    return sum;
  }

  /** Busy ticks of all CPUs: user, nice, system, irq, softirq and steal from the first line of /proc/stat. */
  private static long machineTicks() {
    try {
      String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
      return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
          + Long.parseLong(f[7]) + Long.parseLong(f[8]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static double ticksPerSecond() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      p.waitFor();
      return Double.parseDouble(out);
    } catch (IOException | RuntimeException e) {
      return 100;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 100;
    }
  }
}
