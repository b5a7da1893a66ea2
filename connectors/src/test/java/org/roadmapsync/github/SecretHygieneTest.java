package org.roadmapsync.github;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.roadmapsync.sim.FaultRule;
import org.roadmapsync.sim.GitHubSimulator;
import org.roadmapsync.sim.SimLimits;
import org.roadmapsync.sim.SimSettings;
import org.slf4j.LoggerFactory;

/**
 * The token never shows up in logs (Pekko's included, at DEBUG), error descriptions or toString
 * output.
 */
class SecretHygieneTest {

  private static final String TOKEN = "ghp_SECRET_hygiene_token_1234567890";
  private static final ActorTestKit testKit =
      ActorTestKit.create(
          "secret-hygiene",
          ConfigFactory.parseString(
                  """
      pekko.loglevel = DEBUG
      pekko.loggers = ["org.apache.pekko.event.slf4j.Slf4jLogger"]
      pekko.logging-filter = "org.apache.pekko.event.slf4j.Slf4jLoggingFilter"
      """)
              .withFallback(ConfigFactory.load()));
  private static final GitHubSimulator sim =
      GitHubSimulator.start(
          testKit.system(),
          SimSettings.defaults(TOKEN, "acme/roadmap").withLimits(SimLimits.unlimited()));

  @AfterAll
  static void stop() {
    sim.stop();
    testKit.shutdownTestKit();
  }

  private static void fails(CompletionStage<?> stage, List<String> texts) {
    ExecutionException e =
        assertThrows(
            ExecutionException.class, () -> stage.toCompletableFuture().get(30, TimeUnit.SECONDS));
    texts.add(String.valueOf(e.getMessage()));
    texts.add(GitHubError.of(e).orElseThrow().describe());
    texts.add(GitHubError.of(e).orElseThrow().toString());
  }

  @Test
  void theTokenAppearsNowhere() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Logger pekko = (Logger) LoggerFactory.getLogger("org.apache.pekko");
    Level rootLevel = root.getLevel();
    Level pekkoLevel = pekko.getLevel();
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.DEBUG);
    pekko.setLevel(Level.DEBUG);
    List<String> texts = new java.util.ArrayList<>();
    try {
      GitHubClientSettings settings =
          GitHubClientSettings.of(sim.baseUrl(), TOKEN)
              .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(15));
      GitHubClient client = new GitHubClient(testKit.system(), settings, s -> {});
      texts.add(settings.toString());
      texts.add(settings.credentials().toString());
      client.user().toCompletableFuture().get(30, TimeUnit.SECONDS);
      sim.control().injectFault(FaultRule.drop("GET", "/user", 1));
      fails(client.user(), texts);
      sim.control().injectFault(FaultRule.status("GET", "/user", 1, 500));
      fails(client.user(), texts);
      sim.control().revokeToken(true);
      fails(client.user(), texts);
    } finally {
      root.detachAppender(appender);
      root.setLevel(rootLevel);
      pekko.setLevel(pekkoLevel);
      sim.control().reset();
    }
    List<ILoggingEvent> events = List.copyOf(appender.list);
    assertTrue(events.size() > 5, "DEBUG logging was captured: " + events.size());
    for (ILoggingEvent event : events) {
      assertFalse(
          event.getFormattedMessage().contains(TOKEN),
          "token in log: " + event.getFormattedMessage());
      if (event.getThrowableProxy() != null) {
        assertFalse(
            event.getThrowableProxy().getMessage() != null
                && event.getThrowableProxy().getMessage().contains(TOKEN));
      }
    }
    for (String text : texts) {
      assertFalse(text.contains(TOKEN), text);
    }
  }
}
