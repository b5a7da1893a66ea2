package org.roadmapsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.roadmapsync.intake.DeliveryLog;
import org.roadmapsync.intake.RepositoryPoller;
import org.roadmapsync.pulls.PullRequestLifecycle;
import org.roadmapsync.pulls.PullRequestState;
import org.roadmapsync.sync.EntityTestConfig;
import org.roadmapsync.sync.IssueSyncEntity;
import org.roadmapsync.sync.IssueSyncState;

/**
 * The journal and the read tables are a contract with every database already written: golden
 * samples under {@code src/test/resources/journal-format/} (the bytes as journaled, with their
 * manifest, and the JSON text of the read tables) must read with today's classes, and read as what
 * the sample says. Renaming, removing or retyping a field, or moving a class, fails here until a
 * migration (see {@code intake.MovedFromGateway}) or a new expectation says how old data reads. A
 * new persisted class fails until it has a sample: add an instance to {@link JournalSamples} and
 * run this test once with {@code -Droadmap-sync.journal-samples=write}, which writes a sample of
 * each instance whose shape no sample of its class shows yet (a new file beside the old ones) and
 * changes nothing else. A class that gains a field keeps its old samples: their expected {@code
 * json} then shows how old data reads (e.g. the new field null).
 */
class JournalFormatTest {

  private static final Path SAMPLES = Path.of("src", "test", "resources", "journal-format");
  private static final boolean WRITE_MISSING =
      "write".equals(System.getProperty("roadmap-sync.journal-samples"));
  private static final ObjectMapper PLAIN = new ObjectMapper();

  // the service's own migrations over the entity tests' in-memory journal
  private static final ActorTestKit testKit =
      ActorTestKit.create(
          ConfigFactory.parseResources("roadmap-sync-service.conf")
              .withOnlyPath("pekko.serialization.jackson.migrations")
              .withFallback(EntityTestConfig.config()));
  private static final Serialization serialization =
      SerializationExtension.get(Adapter.toClassic(testKit.system()));
  private static final ObjectMapper cbor =
      JacksonObjectMapperProvider.get(testKit.system())
          .getOrCreate("jackson-cbor", Optional.empty());
  private static final ObjectMapper json =
      JacksonObjectMapperProvider.get(testKit.system())
          .getOrCreate("jackson-json", Optional.empty());

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void everyJournaledSampleReadsAsItSays() throws Exception {
    List<Path> files = samples("journal");
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      JsonNode sample = PLAIN.readTree(file.toFile());
      byte[] bytes = Base64.getDecoder().decode(sample.get("bytes").asText());
      Object read =
          serialization
              .deserialize(
                  bytes, sample.get("serializerId").asInt(), sample.get("manifest").asText())
              .get();
      assertEquals(
          sample.get("readsAs").asText(),
          read.getClass().getName(),
          file + ": the class it reads as");
      assertEquals(sample.get("json"), cbor.readTree(serialize(read)), file + ": what it reads as");
    }
  }

  @Test
  void everyReadTableSampleReadsAsItSays() throws Exception {
    List<Path> files = samples("read-tables");
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      JsonNode sample = PLAIN.readTree(file.toFile());
      Class<?> type = Class.forName(sample.get("readsAs").asText());
      Object read = json.readValue(sample.get("text").asText(), type);
      assertEquals(
          sample.get("json"), json.readTree(json.writeValueAsString(read)), file.toString());
    }
  }

  @Test
  void everyPersistedClassHasASample() throws Exception {
    writeMissing();
    Set<String> journaled = new HashSet<>();
    for (Path file : samples("journal")) {
      journaled.add(PLAIN.readTree(file.toFile()).get("readsAs").asText());
    }
    Set<String> persisted =
        Stream.of(
                IssueSyncEntity.Event.class,
                PullRequestLifecycle.Event.class,
                DeliveryLog.Event.class,
                RepositoryPoller.Event.class)
            .flatMap(event -> Arrays.stream(event.getPermittedSubclasses()))
            .map(Class::getName)
            .collect(Collectors.toCollection(HashSet::new));
    Stream.of(
            IssueSyncState.class,
            PullRequestState.class,
            DeliveryLog.Snapshot.class,
            RepositoryPoller.State.class)
        .map(Class::getName)
        .forEach(persisted::add);
    assertThat(journaled).containsAll(persisted);

    Set<String> blobs = new HashSet<>();
    for (Path file : samples("read-tables")) {
      blobs.add(PLAIN.readTree(file.toFile()).get("readsAs").asText());
    }
    assertThat(blobs)
        .containsExactlyInAnyOrder(
            IssueSyncState.class.getName(),
            PullRequestState.class.getName(),
            PullRequestState.IssueView.class.getName());
  }

  private static byte[] serialize(Object value) {
    return serialization.serialize(value).get();
  }

  private static List<Path> samples(String kind) throws IOException {
    Path dir = SAMPLES.resolve(kind);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }

  /** Only with -Droadmap-sync.journal-samples=write: a sample of each shape not sampled yet. */
  private static void writeMissing() throws IOException {
    if (!WRITE_MISSING) {
      return;
    }
    for (Object value : JournalSamples.journaled()) {
      Serializer serializer = serialization.findSerializerFor(value);
      String manifest = Serializers.manifestFor(serializer, value);
      byte[] bytes = serialize(value);
      ObjectNode sample = PLAIN.createObjectNode();
      sample.put("manifest", manifest);
      sample.put("serializerId", serializer.identifier());
      sample.put("readsAs", value.getClass().getName());
      sample.put("bytes", Base64.getEncoder().encodeToString(bytes));
      sample.set("json", cbor.readTree(bytes));
      writeNewShape("journal", manifest, sample);
    }
    for (Object value : JournalSamples.readTableBlobs()) {
      String text = json.writeValueAsString(value);
      ObjectNode sample = PLAIN.createObjectNode();
      sample.put("readsAs", value.getClass().getName());
      sample.put("text", text);
      sample.set("json", json.readTree(text));
      writeNewShape("read-tables", value.getClass().getName(), sample);
    }
  }

  private static void writeNewShape(String kind, String name, ObjectNode sample)
      throws IOException {
    int count = 0;
    for (Path file : samples(kind)) {
      JsonNode existing = PLAIN.readTree(file.toFile());
      if (existing.get("readsAs").equals(sample.get("readsAs"))) {
        if (existing.get("json").equals(sample.get("json"))) {
          return;
        }
        count++;
      }
    }
    String suffix = count == 0 ? "" : "." + (count + 1);
    Path file = SAMPLES.resolve(kind).resolve(name + suffix + ".json");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file, PLAIN.writerWithDefaultPrettyPrinter().writeValueAsString(sample) + "\n");
  }
}
