package io.sluice.it.swf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sluice.module.TrainingClient;
import io.sluice.swf.SwfModule;
import io.sluice.testing.Engine;
import io.sluice.testing.TestSluice;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.swf.SwfClient;
import software.amazon.awssdk.services.swf.model.DomainInfo;
import software.amazon.awssdk.services.swf.model.RegistrationStatus;

/**
 * SWF's part of the ahead-of-time training run ({@link SwfModule#train}) against a node on the memory
 * engine, as the build runs it: it passes (it checks its answers) and leaves a deprecated domain.
 */
class SwfTrainingTest {

  @Test
  void trainingRegistersDescribesListsAndDeprecatesADomainAndItsTypes() throws Exception {
    try (TestSluice node = TestSluice.start(Engine.MEMORY, InstantSource.system(), new SwfModule().trainingSettings());
         SwfClient swf = SwfClient.builder().endpointOverride(node.endpoint()).region(Region.US_EAST_1)
             .credentialsProvider(TestSluice.credentials()).httpClient(ApacheHttpClient.builder().build()).build()) {
      new SwfModule().train(new TrainingClient(node.endpoint().toString()));

      var deprecated = swf.listDomains(r -> r.registrationStatus(RegistrationStatus.DEPRECATED)).domainInfos();
      assertEquals(1, deprecated.size());
      assertTrue(deprecated.stream().map(DomainInfo::name).allMatch(n -> n.startsWith("sluice-training-")));
      assertEquals(0, swf.listDomains(r -> r.registrationStatus(RegistrationStatus.REGISTERED)).domainInfos().size());
    }
  }
}
