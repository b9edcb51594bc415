package io.sluice.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of two Sluice JVMs that form one cluster on one Redis (their own key prefix, a
 * cluster name of their own, each other as members): start one {@link SluiceProcess} with each.
 */
public final class TwoNodeCluster {
  private TwoNodeCluster() {}

  /** The environments of node A and node B, each with {@code extra} added. */
  public static List<Map<String, String>> environments(String prefixBase, Map<String, String> extra) {
    String cluster = "sluice-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    int portA = RedisTestServer.freePort();
    int portB = RedisTestServer.freePort();
    String members = "127.0.0.1:" + portA + ",127.0.0.1:" + portB;
    String prefix = RedisTestServer.uniquePrefix(prefixBase);
    return List.of(node(prefix, cluster, portA, members, extra), node(prefix, cluster, portB, members, extra));
  }

  private static Map<String, String> node(String prefix, String cluster, int port, String members,
                                          Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.put("SLUICE_REDIS_KEY_PREFIX", prefix);
    env.put("SLUICE_CLUSTER_ENABLED", "true");
    env.put("SLUICE_CLUSTER_NAME", cluster);
    env.put("SLUICE_CLUSTER_HOST", "127.0.0.1");
    env.put("SLUICE_CLUSTER_PORT", Integer.toString(port));
    env.put("SLUICE_CLUSTER_MEMBERS", members);
    return Map.copyOf(env);
  }
}
