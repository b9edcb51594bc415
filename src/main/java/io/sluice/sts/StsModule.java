package io.sluice.sts;

import io.sluice.config.ServiceSection;
import io.sluice.module.NodeContext;
import io.sluice.module.RunningService;
import io.sluice.module.ServiceModule;
import io.sluice.module.TrainingClient;
import io.sluice.protocol.CredentialSource;
import io.sluice.protocol.ServiceDefinition;
import io.sluice.storage.Sealer;
import io.sluice.storage.documents.DocumentStore;
import io.sluice.time.Timers;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * AWS STS as a module of the node: the temporary credentials in the shared document store on the
 * node's engine (secrets sealed with the SSE key), handed to the gateway as a
 * {@link CredentialSource} so requests signed with them are accepted, a periodic deletion of long
 * expired ones, and {@link TokenVerticle}s for the API.
 */
public final class StsModule implements ServiceModule<StsConfig> {
  private static final Logger LOG = Logger.getLogger(StsModule.class.getName());

  @Override
  public ServiceDefinition definition() {
    return StsApi.DEFINITION;
  }

  @Override
  public ServiceSection<StsConfig> configSection() {
    return StsConfig.SECTION;
  }

  @Override
  public Future<RunningService> start(NodeContext node, StsConfig settings) {
    TemporaryCredentials credentials = new TemporaryCredentials(node.engine().open(DocumentStore.FACTORY),
        new Sealer(node.sseKey()), node.clock());
    StsServices services = new StsServices(credentials, node.config().credentials(), node.clock());
    Timers.Timer cleanup = node.timers().every(settings.cleanupIntervalMs(), () -> credentials.deleteExpired()
        .whenComplete((n, failure) -> {
          if (failure != null) {
            LOG.log(Level.FINE, "deleting expired STS credentials failed; retried at the next interval", failure);
          }
        }));
    return node.vertx().deployVerticle(() -> new TokenVerticle(services),
            new DeploymentOptions().setInstances(node.instances()))
        .map(deployed -> new RunningService() {
          @Override
          public CredentialSource credentials() {
            return credentials;
          }

          @Override
          public Future<Void> stop() {
            cleanup.cancel();
            return Future.succeededFuture();
          }
        });
  }

  @Override
  public void train(TrainingClient client) throws Exception {
    client.query("sts", StsApi.DEFINITION.apiVersion(), "Action=GetCallerIdentity");
    client.query("sts", StsApi.DEFINITION.apiVersion(),
        "Action=AssumeRole&RoleArn=arn:aws:iam::000000000000:role/training&RoleSessionName=training");
  }
}
