package org.roadmapsync.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.roadmapsync.config.RepoRef;
import org.roadmapsync.github.GitHubClient;
import org.roadmapsync.github.GitHubClientSettings;
import org.roadmapsync.github.Issue;
import org.roadmapsync.roadmap.IssueStatus;
import org.roadmapsync.roadmap.RoadmapIssue;
import org.roadmapsync.roadmap.RoadmapStore;
import org.roadmapsync.sim.GitHubSimulator;
import org.roadmapsync.sim.SimLimits;
import org.roadmapsync.sim.SimSettings;

/**
 * The corpus pushed over HTTP to the GitHub simulator and read back: what GitHub stores maps back
 * unchanged.
 */
class FieldMappingSimulatorTest {
  private static final ActorTestKit testKit =
      ActorTestKit.create(
          "field-mapping-sim",
          ConfigFactory.parseString("pekko.loglevel = WARNING").withFallback(ConfigFactory.load()));
  private static final String TOKEN = "ghp_field_mapping_test";
  private static final RepoRef REPO = RepoRef.parse("acme/roadmap");

  @TempDir static Path temp;
  private static List<RoadmapIssue> issues;
  private static GitHubSimulator sim;
  private static GitHubClient client;

  private final FieldMapping mapping = new FieldMapping(MappingSettings.defaults());

  @BeforeAll
  static void start() throws IOException {
    issues = new java.util.ArrayList<>();
    for (String snapshot : List.of(Corpus.CURRENT, Corpus.OLDER)) {
      issues.addAll(
          RoadmapStore.open(Corpus.copy(snapshot, temp.resolve(snapshot))).loadAll().issues());
    }
    String[] assignees =
        issues.stream().flatMap(i -> i.assignee().stream()).distinct().toArray(String[]::new);
    sim =
        GitHubSimulator.start(
            testKit.system(),
            SimSettings.defaults(TOKEN, REPO.toString())
                .withAssignable(assignees)
                .withLimits(SimLimits.unlimited()));
    client =
        new GitHubClient(
            testKit.system(), GitHubClientSettings.of(sim.baseUrl(), TOKEN), snapshot -> {});
  }

  @AfterAll
  static void stop() {
    sim.stop();
    testKit.shutdownTestKit();
  }

  @Test
  void everyCorpusIssueCreatedAndThenRewrittenReadsBackUnchanged() throws Exception {
    assertThat(issues).hasSizeGreaterThan(200);
    List<Long> numbers = new java.util.ArrayList<>();
    for (RoadmapIssue issue : issues) {
      IssueFields fields = mapping.fromRoadmap(issue);
      Issue created =
          await(client.createIssue(REPO, mapping.toNewIssue(issue.id(), fields, number(fields))));
      if (!IssueStatus.fromYaml(fields.status()).orElseThrow().isOpen()) {
        // GitHub creates issues open: closing takes a second request
        await(
            client.updateIssue(
                REPO,
                created.number(),
                mapping.toPatch(issue.id(), fields, Set.of(SyncField.STATUS), null)));
      }
      numbers.add(created.number());
      Issue read = await(client.getIssue(REPO, created.number())).value();
      assertThat(mapping.fromGitHub(read)).as(issue.path().toString()).isEqualTo(fields);
      assertThat(BodyMarker.markedId(read.body())).contains(issue.id());
    }
    // every issue now takes the next one's fields in one PATCH, as a push of all fields would send
    // them
    for (int i = 0; i < issues.size(); i++) {
      IssueFields target = mapping.fromRoadmap(issues.get((i + 1) % issues.size()));
      String id = issues.get(i).id();
      await(
          client.updateIssue(
              REPO,
              numbers.get(i),
              mapping.toPatch(id, target, EnumSet.allOf(SyncField.class), number(target))));
      Issue read = await(client.getIssue(REPO, numbers.get(i))).value();
      assertThat(mapping.fromGitHub(read)).as(issues.get(i).path().toString()).isEqualTo(target);
      assertThat(BodyMarker.markedId(read.body())).contains(id);
    }
  }

  private Long number(IssueFields fields) throws Exception {
    if (fields.milestone() == null) {
      return null;
    }
    Optional<Long> number = await(client.milestoneNumber(REPO, fields.milestone(), true));
    return number.orElseThrow();
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
