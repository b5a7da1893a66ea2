package org.roadmapsync.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHubAppSettingsTest {

  @TempDir Path dir;

  private Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("ROADMAP_DIR", dir.resolve(".roadmap").toString());
    env.put("ROADMAP_SYNC_DATA_DIR", dir.resolve(".roadmap-sync").toString());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  private Path keyFile(String resource) throws IOException {
    Path file = dir.resolve(resource);
    Files.writeString(file, AppPrivateKeyTest.resource(resource));
    return file;
  }

  private InvalidSettingsException refused(Map<String, String> env) {
    return assertThrows(
        InvalidSettingsException.class, () -> SettingsLoader.load(env, ConfigFactory.empty()));
  }

  @Test
  void withoutAppSettingsThereIsNoApp() {
    Settings s = SettingsLoader.load(env(), ConfigFactory.empty());
    assertThat(s.github().app()).isEmpty();
    assertThat(s.github().configured()).isFalse();
  }

  @Test
  void anAppFromAKeyFileConfiguresGitHubWithoutAToken() throws IOException {
    Settings s =
        SettingsLoader.load(
            env(
                "ROADMAP_GITHUB_APP_ID", "123456",
                "ROADMAP_GITHUB_APP_PRIVATE_KEY", keyFile("pkcs1.pem").toString(),
                "ROADMAP_GITHUB_APP_INSTALLATION_ID", "987"),
            ConfigFactory.empty());
    GitHubApp app = s.github().app().orElseThrow();
    assertThat(app.appId()).isEqualTo(123456);
    assertThat(app.installationId()).contains(987L);
    assertThat(app.privateKey().key().getModulus().bitLength()).isEqualTo(2048);
    assertThat(s.github().token()).isEmpty();
    assertThat(s.github().configured()).isTrue();
    assertThat(s.toString())
        .doesNotContain(AppPrivateKeyTest.resource("pkcs1.pem").substring(40, 80));
  }

  @Test
  void thePemValueItselfAndHoconKeysWorkToo() {
    String pem = AppPrivateKeyTest.resource("pkcs8.pem");
    Settings s =
        SettingsLoader.load(
            env("ROADMAP_GITHUB_APP_PRIVATE_KEY", pem),
            ConfigFactory.parseString("roadmap-sync.github.app.id = 42"));
    assertThat(s.github().app().orElseThrow().appId()).isEqualTo(42);
    assertThat(s.github().app().orElseThrow().installationId()).isEqualTo(Optional.empty());
  }

  @Test
  void aMalformedKeyIsNamedNeverEchoed() {
    String pkcs1 = AppPrivateKeyTest.resource("pkcs1.pem");
    String broken = pkcs1.substring(0, 200) + "\n-----END RSA PRIVATE KEY-----\n";
    var e = refused(env("ROADMAP_GITHUB_APP_ID", "1", "ROADMAP_GITHUB_APP_PRIVATE_KEY", broken));
    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0))
        .startsWith("ROADMAP_GITHUB_APP_PRIVATE_KEY: the key given is not accepted")
        .doesNotContain(pkcs1.substring(40, 100));
  }

  @Test
  void aPathToNothingIsNamedNeverEchoed() {
    var e =
        refused(
            env(
                "ROADMAP_GITHUB_APP_ID", "1",
                "ROADMAP_GITHUB_APP_PRIVATE_KEY", "MIIEowIBAAKCAQEAsecretish"));
    assertThat(e.problems()).hasSize(1);
    assertThat(e.problems().get(0))
        .startsWith("ROADMAP_GITHUB_APP_PRIVATE_KEY: the value given is neither PEM text nor")
        .doesNotContain("secretish");
  }

  @Test
  void anAppIdWithoutAKeyIsNamed() {
    var e = refused(env("ROADMAP_GITHUB_APP_ID", "1"));
    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("ROADMAP_GITHUB_APP_PRIVATE_KEY: not set");
  }

  @Test
  void aKeyWithoutAnAppIdIsNamed() throws IOException {
    var e = refused(env("ROADMAP_GITHUB_APP_PRIVATE_KEY", keyFile("pkcs1.pem").toString()));
    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("ROADMAP_GITHUB_APP_ID: not set");
  }

  @Test
  void anAppAndATokenTogetherAskToChooseOne() throws IOException {
    var e =
        refused(
            env(
                "GITHUB_TOKEN", "ghp_x",
                "ROADMAP_GITHUB_APP_ID", "1",
                "ROADMAP_GITHUB_APP_PRIVATE_KEY", keyFile("pkcs1.pem").toString()));
    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith(
            "GITHUB_TOKEN and ROADMAP_GITHUB_APP_ID (a GitHub App) are both set; choose one")
        .doesNotContain("ghp_x");
  }

  @Test
  void badIdsAreNamedWithWhatIsAccepted() throws IOException {
    var e =
        refused(
            env(
                "ROADMAP_GITHUB_APP_ID", "my-app",
                "ROADMAP_GITHUB_APP_PRIVATE_KEY", keyFile("pkcs1.pem").toString(),
                "ROADMAP_GITHUB_APP_INSTALLATION_ID", "0"));
    assertThat(e.problems())
        .containsExactlyInAnyOrder(
            "ROADMAP_GITHUB_APP_ID: 'my-app' is not accepted; expected a positive whole number: the"
                + " App ID of the App's settings page",
            "ROADMAP_GITHUB_APP_INSTALLATION_ID: '0' is not accepted; expected a positive whole"
                + " number: the installation's id (the end of its settings URL); unset, it is found"
                + " from the repository");
  }

  @Test
  void anEcKeyIsRefused() throws IOException {
    var e =
        refused(
            env(
                "ROADMAP_GITHUB_APP_ID",
                "1",
                "ROADMAP_GITHUB_APP_PRIVATE_KEY",
                keyFile("ec.pem").toString()));
    assertThat(e.problems().get(0)).contains("'EC PRIVATE KEY', not an RSA private key");
  }
}
