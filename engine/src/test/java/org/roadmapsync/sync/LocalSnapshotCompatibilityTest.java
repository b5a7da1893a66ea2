package org.roadmapsync.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Events journaled before the branch and the history note existed still read, with those fields
 * null.
 */
class LocalSnapshotCompatibilityTest {

  private static final ActorTestKit testKit = ActorTestKit.create(EntityTestConfig.config());

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void anOldLocalSnapshotAndHistoryEntryReadWithoutTheNewFields() throws Exception {
    ObjectMapper cbor =
        JacksonObjectMapperProvider.get(testKit.system())
            .getOrCreate("jackson-cbor", Optional.empty());
    IssueFields fields = new IssueFields("T", "B", List.of(), null, null, "todo", null, null);
    Map<String, Object> oldLocal =
        Map.of(
            "fields",
            fields,
            "updatedAt",
            Instant.parse("2026-01-02T10:00:00Z"),
            "contentHash",
            "h",
            "githubIssue",
            3);
    LocalSnapshot local = cbor.readValue(cbor.writeValueAsBytes(oldLocal), LocalSnapshot.class);
    assertEquals(
        new LocalSnapshot(fields, Instant.parse("2026-01-02T10:00:00Z"), "h", 3L, null), local);
    assertNull(local.branch());

    Map<String, Object> oldEntry =
        Map.of(
            "at",
            Instant.parse("2026-01-02T10:00:00Z"),
            "direction",
            "PUSH",
            "trigger",
            "POLL",
            "changes",
            Map.of("title", new FieldChange("a", "b")));
    HistoryEntry entry = cbor.readValue(cbor.writeValueAsBytes(oldEntry), HistoryEntry.class);
    assertEquals(HistoryEntry.Direction.PUSH, entry.direction());
    assertEquals(new FieldChange("a", "b"), entry.changes().get("title"));
    assertNull(entry.note());
  }
}
