package org.roadmapsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class AppPrivateKeyTest {

  static String resource(String name) {
    try (InputStream in = AppPrivateKeyTest.class.getResourceAsStream("/github-app/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void pkcs1AsGitHubIssuesItAndPkcs8ReadAsTheSameKey() {
    AppPrivateKey pkcs1 = AppPrivateKey.fromPem(resource("pkcs1.pem"));
    AppPrivateKey pkcs8 = AppPrivateKey.fromPem(resource("pkcs8.pem"));
    assertThat(pkcs1.key().getModulus()).isEqualTo(pkcs8.key().getModulus());
    assertThat(pkcs1.key().getPrivateExponent()).isEqualTo(pkcs8.key().getPrivateExponent());
    assertThat(pkcs1.key().getModulus().bitLength()).isEqualTo(2048);
  }

  @Test
  void theKeySignsWhatItsPublicPemVerifies() throws Exception {
    AppPrivateKey key = AppPrivateKey.fromPem(resource("pkcs1.pem"));
    Signature signer = Signature.getInstance("SHA256withRSA");
    signer.initSign(key.key());
    signer.update("payload".getBytes(StandardCharsets.UTF_8));
    byte[] signature = signer.sign();

    String pem = resource("public.pem").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    var published =
        KeyFactory.getInstance("RSA")
            .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
    Signature verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(published);
    verifier.update("payload".getBytes(StandardCharsets.UTF_8));
    assertThat(verifier.verify(signature)).isTrue();
    assertThat(key.publicKey()).isEqualTo(published);
  }

  @Test
  void aKeyOnOneLineWithEscapedLineBreaksReads() {
    String oneLine = resource("pkcs1.pem").strip().replace("\n", "\\n");
    assertThat(oneLine).doesNotContain("\n");
    assertThat(AppPrivateKey.fromPem(oneLine).key().getModulus())
        .isEqualTo(AppPrivateKey.fromPem(resource("pkcs1.pem")).key().getModulus());
  }

  @Test
  void whatIsNotAnRsaPrivateKeyIsRefusedWithoutQuotingIt() {
    String pkcs1 = resource("pkcs1.pem");
    String body = pkcs1.lines().skip(1).findFirst().orElseThrow();
    assertThatThrownBy(() -> AppPrivateKey.fromPem("not a key"))
        .hasMessageContaining("no PEM block");
    assertThatThrownBy(() -> AppPrivateKey.fromPem(resource("public.pem")))
        .hasMessageContaining("'PUBLIC KEY', not an RSA private key");
    assertThatThrownBy(() -> AppPrivateKey.fromPem(resource("ec.pem")))
        .hasMessageContaining("'EC PRIVATE KEY'");
    String truncated =
        "-----BEGIN RSA PRIVATE KEY-----\n" + body + "\n-----END RSA PRIVATE KEY-----\n";
    assertThatThrownBy(() -> AppPrivateKey.fromPem(truncated))
        .hasMessageContaining("does not hold a readable RSA private key")
        .hasMessageNotContaining(body.substring(0, 20));
    assertThatThrownBy(
            () ->
                AppPrivateKey.fromPem(
                    "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----"))
        .hasMessageContaining("encrypted");
  }

  @Test
  void toStringNeverShowsTheKey() {
    AppPrivateKey key = AppPrivateKey.fromPem(resource("pkcs1.pem"));
    assertThat(key.toString()).isEqualTo("AppPrivateKey[****]");
    var app = new GitHubApp(1, key, java.util.Optional.empty());
    assertThat(app.toString()).doesNotContain(key.key().getModulus().toString(16).substring(0, 16));
    assertThat(app.toString())
        .doesNotContain(key.key().getPrivateExponent().toString().substring(0, 16));
  }
}
