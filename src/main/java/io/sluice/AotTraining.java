package io.sluice;

import io.sluice.config.SluiceConfig;
import io.sluice.module.ServiceModule;
import io.sluice.module.TrainingClient;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The training run behind the ahead-of-time cache that makes start-up fast: starts a node on the
 * in-memory store, lets every module drive its common calls over HTTP ({@link ServiceModule#train}),
 * and stops. Run by the build ({@code java -XX:AOTCacheOutput=target/sluice.aot -jar
 * target/sluice.jar --train}, JDK 25 and newer); the JVM records the classes and profiles it used,
 * and {@code bin/sluice} starts from them.
 */
final class AotTraining {

  private AotTraining() {}

  static void run() throws Exception {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.put("SLUICE_HOST", "127.0.0.1");
    env.put("SLUICE_PORT", "0");
    env.put("SLUICE_STORE", "memory");
    for (ServiceModule<?> module : Sluice.MODULES) {
      env.putAll(module.trainingSettings());
    }
    SluiceConfig config = Sluice.loadConfig(env);
    Sluice node = Sluice.start(config, InstantSource.system()).toCompletionStage().toCompletableFuture()
        .get(60, TimeUnit.SECONDS);
    try {
      TrainingClient client = new TrainingClient("http://127.0.0.1:" + node.port());
      for (ServiceModule<?> module : Sluice.MODULES) {
        module.train(client);
      }
    } finally {
      node.stop().toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    }
  }
}
