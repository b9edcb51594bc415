package io.sluice.sns.signing;

import io.sluice.testing.TestLoop;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Checks an SNS envelope's signature with code that is not Sluice's: a Python script that does what
 * the SNS Developer Guide ("Verifying the signatures of Amazon SNS messages") tells a subscriber to
 * do. It reads the JSON, rebuilds the string to sign from the fields the message type signs, takes
 * the RSA public key from the certificate and verifies the SHA1 or SHA256 PKCS#1 v1.5 signature that
 * SignatureVersion names.
 *
 * <p>The verification is done by the {@code cryptography} package when Python has it, else by the
 * script's own standard-library RSA check ({@link Backend#STDLIB} forces that one), so any python3
 * can run it.
 */
final class PythonSnsVerifier {
  private static final String SCRIPT = """
      import base64, hashlib, json, sys

      SIGNED_FIELDS = {
          "Notification": ("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"),
          "SubscriptionConfirmation":
              ("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"),
          "UnsubscribeConfirmation":
              ("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"),
      }
      HASHES = {"1": "sha1", "2": "sha256"}
      # DER DigestInfo prefixes, RFC 8017 section 9.2 note 1.
      DIGEST_INFO = {
          "sha1": bytes.fromhex("3021300906052b0e03021a05000414"),
          "sha256": bytes.fromhex("3031300d060960864801650304020105000420"),
      }


      def string_to_sign(envelope):
          text = ""
          for name in SIGNED_FIELDS[envelope["Type"]]:
              if name == "Subject" and name not in envelope:
                  continue
              text += name + "\\n" + envelope[name] + "\\n"
          return text.encode("utf-8")


      def verify_with_cryptography(cert_pem, signature, data, hash_name):
          from cryptography import x509
          from cryptography.exceptions import InvalidSignature
          from cryptography.hazmat.primitives import hashes
          from cryptography.hazmat.primitives.asymmetric import padding
          key = x509.load_pem_x509_certificate(cert_pem).public_key()
          algorithm = hashes.SHA1() if hash_name == "sha1" else hashes.SHA256()
          try:
              key.verify(signature, data, padding.PKCS1v15(), algorithm)
              return True
          except InvalidSignature:
              return False


      def der_element(der, offset):
          tag, length = der[offset], der[offset + 1]
          offset += 2
          if length & 0x80:
              count = length & 0x7F
              length = int.from_bytes(der[offset:offset + count], "big")
              offset += count
          return tag, offset, offset + length


      def der_children(der, start, end):
          children = []
          while start < end:
              child = der_element(der, start)
              children.append(child)
              start = child[2]
          return children


      def rsa_public_key(cert_pem):
          lines = cert_pem.decode("ascii").splitlines()
          der = base64.b64decode("".join(l for l in lines if l and not l.startswith("-----")))
          _, start, end = der_element(der, 0)
          _, tbs_start, tbs_end = der_children(der, start, end)[0]
          fields = der_children(der, tbs_start, tbs_end)
          if fields[0][0] == 0xA0:
              fields = fields[1:]
          # serial, signature algorithm, issuer, validity, subject, subjectPublicKeyInfo
          _, spki_start, spki_end = fields[5]
          _, bits_start, bits_end = der_children(der, spki_start, spki_end)[1]
          key = der[bits_start + 1:bits_end]
          _, key_start, key_end = der_element(key, 0)
          n, e = (int.from_bytes(key[s:t], "big") for _, s, t in der_children(key, key_start, key_end))
          return n, e


      def verify_with_stdlib(cert_pem, signature, data, hash_name):
          n, e = rsa_public_key(cert_pem)
          size = (n.bit_length() + 7) // 8
          if len(signature) != size:
              return False
          encoded = pow(int.from_bytes(signature, "big"), e, n).to_bytes(size, "big")
          digest = DIGEST_INFO[hash_name] + hashlib.new(hash_name, data).digest()
          return encoded == b"\\x00\\x01" + b"\\xff" * (size - len(digest) - 3) + b"\\x00" + digest


      def main():
          backend, cert_file, envelope_file = sys.argv[1:4]
          with open(cert_file, "rb") as f:
              cert_pem = f.read()
          with open(envelope_file, encoding="utf-8") as f:
              envelope = json.load(f)
          hash_name = HASHES.get(envelope.get("SignatureVersion"))
          if hash_name is None or not envelope.get("SigningCertURL"):
              print("NOT SIGNED: SignatureVersion or SigningCertURL missing")
              return 1
          if backend == "auto":
              try:
                  import cryptography
                  backend = "cryptography"
              except ImportError:
                  backend = "stdlib"
          verify = verify_with_cryptography if backend == "cryptography" else verify_with_stdlib
          if verify(cert_pem, base64.b64decode(envelope["Signature"]), string_to_sign(envelope), hash_name):
              print("VERIFIED by " + backend)
              return 0
          print("BAD SIGNATURE by " + backend)
          return 1


      sys.exit(main())
      """;

  enum Backend {
    /** The {@code cryptography} package if installed, else the standard-library check. */
    AUTO,
    /** The script's own RSA check on Python's standard library. */
    STDLIB
  }

  /** What the script printed and its exit code. */
  record Outcome(int exitCode, String output) {
    boolean verified() {
      return exitCode == 0 && output.startsWith("VERIFIED");
    }
  }

  private PythonSnsVerifier() {
  }

  /** True when {@code python3} runs. */
  static boolean python3Available() {
    TestLoop.requireFull("Python");
    try {
      Process process = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Runs the script on {@code envelopeJson} with the certificate served at the SigningCertURL. */
  static Outcome verify(String envelopeJson, String certificatePem, Backend backend, Path workDir)
      throws IOException, InterruptedException {
    TestLoop.requireFull("Python");
    Path script = workDir.resolve("verify_sns_signature.py");
    Path certificate = workDir.resolve("signing-cert.pem");
    Path envelope = Files.createTempFile(workDir, "envelope", ".json");
    Files.writeString(script, SCRIPT);
    Files.writeString(certificate, certificatePem);
    Files.writeString(envelope, envelopeJson);
    Process process = new ProcessBuilder("python3", script.toString(), backend.name().toLowerCase(),
        certificate.toString(), envelope.toString()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return new Outcome(-1, "timed out: " + output);
    }
    return new Outcome(process.exitValue(), output);
  }
}
