package io.sluice.sts.op;

import com.fasterxml.jackson.core.JacksonException;
import io.sluice.protocol.AwsException;
import io.sluice.protocol.CommonError;
import io.sluice.protocol.JsonCodec;
import io.sluice.protocol.Operation;
import io.sluice.protocol.QueryName;
import io.sluice.protocol.RequestContext;
import io.sluice.sts.StsError;
import io.sluice.sts.StsServices;
import io.sluice.sts.StsValidation;
import io.sluice.sts.TemporaryCredentials.Identity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AssumeRole: temporary credentials that act in the account the role ARN names, as the session
 * {@code arn:aws:sts::<account>:assumed-role/<role>/<session>}. Roles are not stored: any role ARN
 * of the right shape can be assumed, and policies, tags and MFA members are accepted but not
 * enforced. DurationSeconds 900..43200 (default 3600); at most 3600 when a role session assumes
 * another role (AWS IAM User Guide, "Role chaining").
 */
public final class AssumeRole implements Operation<AssumeRole.Request, AssumeRole.Response> {
  private static final Pattern ROLE_ARN = Pattern.compile("arn:(aws[a-z-]*):iam::(\\d{12}):role/(?:[^/]+/)*([^/]+)");
  private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]*");
  private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]*");
  private static final int DEFAULT_SECONDS = 3600;
  private static final int CHAINED_MAX_SECONDS = 3600;

  public record PolicyDescriptor(@QueryName("arn") String arn) {}

  public record Tag(String key, String value) {}

  public record Request(String roleArn, String roleSessionName, List<PolicyDescriptor> policyArns, String policy,
                        Integer durationSeconds, List<Tag> tags, List<String> transitiveTagKeys, String externalId,
                        String serialNumber, String tokenCode, String sourceIdentity) {}

  /** The credentials handed out, shared with GetSessionToken. */
  public record Credentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {}

  public record AssumedRoleUser(String assumedRoleId, String arn) {}

  public record Response(Credentials credentials, AssumedRoleUser assumedRoleUser, Integer packedPolicySize,
                         String sourceIdentity) {}

  private final StsServices sts;

  public AssumeRole(StsServices sts) {
    this.sts = sts;
  }

  @Override
  public CompletionStage<Response> execute(RequestContext ctx, Request req) {
    new StsValidation()
        .required("roleArn", req.roleArn())
        .length("roleArn", req.roleArn(), 20, 2048)
        .required("roleSessionName", req.roleSessionName())
        .length("roleSessionName", req.roleSessionName(), 2, 64)
        .pattern("roleSessionName", req.roleSessionName(), SESSION_NAME)
        .range("durationSeconds", req.durationSeconds(), 900, 43200)
        .length("externalId", req.externalId(), 2, 1224)
        .pattern("externalId", req.externalId(), EXTERNAL_ID)
        .length("sourceIdentity", req.sourceIdentity(), 2, 64)
        .pattern("sourceIdentity", req.sourceIdentity(), SESSION_NAME)
        .check();
    Matcher role = ROLE_ARN.matcher(req.roleArn());
    if (!role.matches()) {
      throw AwsException.of(CommonError.ValidationError, "%s is invalid", req.roleArn());
    }
    checkPolicy(req.policy());
    int seconds = req.durationSeconds() != null ? req.durationSeconds() : DEFAULT_SECONDS;
    String account = role.group(2);
    String assumedRoleId = StsServices.stableId("AROA", req.roleArn()) + ":" + req.roleSessionName();
    String arn = "arn:" + role.group(1) + ":sts::" + account + ":assumed-role/" + role.group(3) + "/"
        + req.roleSessionName();
    return sts.caller(ctx).thenCompose(caller -> {
      if (caller.identity().roleSession() && seconds > CHAINED_MAX_SECONDS) {
        throw AwsException.of(CommonError.ValidationError, "The requested DurationSeconds exceeds the 1 hour session"
            + " limit for roles assumed by role chaining.");
      }
      return sts.credentials().issue(new Identity(account, arn, assumedRoleId, true), Duration.ofSeconds(seconds));
    }).thenApply(issued -> new Response(
        new Credentials(issued.accessKeyId(), issued.secretAccessKey(), issued.sessionToken(), issued.expiration()),
        new AssumedRoleUser(assumedRoleId, arn), req.policy() == null ? null : 0, req.sourceIdentity()));
  }

  private static void checkPolicy(String policy) {
    if (policy == null) {
      return;
    }
    try {
      if (!JsonCodec.json().readTree(policy).isObject()) {
        throw new IllegalArgumentException();
      }
    } catch (JacksonException | IllegalArgumentException e) {
      throw AwsException.of(StsError.MalformedPolicyDocument, "The policy is not in the valid JSON format.");
    }
  }
}
