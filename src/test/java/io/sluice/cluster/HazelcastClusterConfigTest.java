package io.sluice.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.sluice.config.SluiceConfig.ClusterConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Hazelcast member configuration Sluice builds from its cluster settings. */
class HazelcastClusterConfigTest {

  @Test
  void tcpMembersJoinOverTcpOnlyUnderTheClusterName() {
    Config hz = HazelcastCluster.config(new ClusterConfig(true, "orders-prod", "10.0.0.5", 5801,
        List.of("10.0.0.5:5801", "10.0.0.6:5801"), ""));

    assertEquals("orders-prod", hz.getClusterName());
    assertEquals(5801, hz.getNetworkConfig().getPort());
    assertFalse(hz.getNetworkConfig().isPortAutoIncrement());
    assertEquals(List.of("10.0.0.5"), List.copyOf(hz.getNetworkConfig().getInterfaces().getInterfaces()));
    JoinConfig join = hz.getNetworkConfig().getJoin();
    assertFalse(join.getMulticastConfig().isEnabled());
    assertFalse(join.getKubernetesConfig().isEnabled());
    assertTrue(join.getTcpIpConfig().isEnabled());
    assertEquals(List.of("10.0.0.5:5801", "10.0.0.6:5801"), join.getTcpIpConfig().getMembers());
    assertEquals("false", hz.getProperty("hazelcast.shutdownhook.enabled"));
  }

  @Test
  void withoutMembersTheNodeLooksForPeersOnItsOwnHostFrom5701() {
    Config hz = HazelcastCluster.config(new ClusterConfig(true, "sluice", "127.0.0.1", 0, List.of(), ""));

    assertEquals(5701, hz.getNetworkConfig().getPort());
    assertTrue(hz.getNetworkConfig().isPortAutoIncrement());
    assertEquals(List.of("127.0.0.1"), hz.getNetworkConfig().getJoin().getTcpIpConfig().getMembers());
  }

  @Test
  void kubernetesServiceDnsDiscoversPeersThroughTheHeadlessService() {
    Config hz = HazelcastCluster.config(new ClusterConfig(true, "sluice", "10.1.2.3", 0, List.of("ignored:1"),
        "sluice-hazelcast.default.svc.cluster.local"));

    JoinConfig join = hz.getNetworkConfig().getJoin();
    assertTrue(join.getKubernetesConfig().isEnabled());
    assertEquals("sluice-hazelcast.default.svc.cluster.local", join.getKubernetesConfig().getProperty("service-dns"));
    assertEquals("5701", join.getKubernetesConfig().getProperty("service-port"));
    assertFalse(join.getTcpIpConfig().isEnabled());
    assertFalse(join.getMulticastConfig().isEnabled());
  }

  @Test
  void vertxStructuresAreConfiguredAsVertxExpects() {
    Config hz = HazelcastCluster.config(new ClusterConfig(true, "sluice", "127.0.0.1", 0, List.of(), ""));

    assertEquals(1, hz.getMultiMapConfig("__vertx.subs").getBackupCount());
    assertEquals(1, hz.getMapConfig("__vertx.haInfo").getBackupCount());
    assertEquals(1, hz.getMapConfig("__vertx.nodeInfo").getBackupCount());
  }
}
