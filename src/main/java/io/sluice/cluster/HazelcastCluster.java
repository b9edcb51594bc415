package io.sluice.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import io.sluice.config.SluiceConfig.ClusterConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Hazelcast cluster Sluice nodes form so that their Vert.x event buses are one: a cluster-wide
 * publish (new messages on a queue, a changed queue) reaches every node. Hazelcast holds no Sluice
 * state; Redis does.
 *
 * <p>Configured in code from {@link ClusterConfig}: the cluster name, the address to bind and
 * advertise, discovery through a Kubernetes headless Service's DNS name or over TCP at a list of
 * members (never multicast), and timings short enough that a node that dies is dropped within
 * seconds and a stopping node leaves at once. Loaded only when clustering is enabled.
 */
final class HazelcastCluster {
  private static final Logger LOG = Logger.getLogger(HazelcastCluster.class.getName());
  private static final int DEFAULT_PORT = 5701;

  private HazelcastCluster() {}

  /** Builds a clustered Vert.x from {@code builder} (which carries {@code options}) and joins the cluster. */
  static Future<Vertx> join(VertxBuilder builder, VertxOptions options, ClusterConfig cluster) {
    // Hazelcast is chatty at INFO; membership changes are logged here.
    Logger.getLogger("com.hazelcast").setLevel(Level.WARNING);
    HazelcastClusterManager manager = new HazelcastClusterManager(config(cluster));
    // The event bus's own TCP server: any free port, on the address the other nodes reach.
    options.getEventBusOptions().setHost(cluster.host()).setPort(0).setClusterPublicHost(cluster.host());
    return builder.with(options).withClusterManager(manager).buildClustered()
        .onSuccess(v -> {
          manager.nodeListener(new io.vertx.core.spi.cluster.NodeListener() {
            @Override
            public void nodeAdded(String nodeId) {
              LOG.info("Sluice cluster '" + cluster.name() + "': node joined, " + manager.getNodes().size() + " nodes");
            }

            @Override
            public void nodeLeft(String nodeId) {
              LOG.info("Sluice cluster '" + cluster.name() + "': node left, " + manager.getNodes().size() + " nodes");
            }
          });
          LOG.info("Sluice cluster '" + cluster.name() + "' joined: " + manager.getNodes().size() + " nodes");
        });
  }

  /** The Hazelcast member configuration for {@code cluster}. */
  static Config config(ClusterConfig cluster) {
    Config hz = new Config();
    hz.setClusterName(cluster.name());
    hz.setInstanceName("sluice-" + cluster.name() + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
    hz.setProperty("hazelcast.logging.type", "jdk");
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    // Sluice's own shutdown hook leaves the cluster after draining; Hazelcast's would leave first.
    hz.setProperty("hazelcast.shutdownhook.enabled", "false");
    hz.setProperty("hazelcast.graceful.shutdown.max.wait", "10");
    hz.setProperty("hazelcast.wait.seconds.before.join", "0");
    hz.setProperty("hazelcast.max.wait.seconds.before.join", "0");
    hz.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    hz.setProperty("hazelcast.max.no.heartbeat.seconds", "10");
    hz.setProperty("hazelcast.socket.bind.any", "false");
    hz.setProperty("hazelcast.local.localAddress", cluster.host());

    NetworkConfig network = hz.getNetworkConfig();
    network.setPort(cluster.port() == 0 ? DEFAULT_PORT : cluster.port());
    network.setPortAutoIncrement(cluster.port() == 0);
    network.getInterfaces().setEnabled(true).setInterfaces(List.of(cluster.host()));
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    if (!cluster.kubernetesServiceDns().isEmpty()) {
      join.getKubernetesConfig().setEnabled(true)
          .setProperty("service-dns", cluster.kubernetesServiceDns())
          .setProperty("service-port", Integer.toString(network.getPort()));
    } else {
      join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(2)
          .setMembers(cluster.members().isEmpty() ? List.of(cluster.host()) : cluster.members());
    }

    // The structures Vert.x keeps in Hazelcast (as in vertx-hazelcast's default-cluster.xml).
    hz.addMultiMapConfig(new MultiMapConfig("__vertx.subs").setBackupCount(1)
        .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
    hz.addMapConfig(new MapConfig("__vertx.haInfo").setBackupCount(1));
    hz.addMapConfig(new MapConfig("__vertx.nodeInfo").setBackupCount(1));
    return hz;
  }
}
