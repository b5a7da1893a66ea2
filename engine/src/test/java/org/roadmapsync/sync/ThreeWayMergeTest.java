package org.roadmapsync.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.roadmapsync.config.ConflictStrategy;

class ThreeWayMergeTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Instant T1 = T0.plusSeconds(1);
  private static final IssueFields BASE =
      new IssueFields("title", "body", List.of("a", "b"), "v1", "ann", "todo", "high", "feature");

  /**
   * Every non-label field, base value "base": the value each side holds and what the merge must
   * give.
   */
  static Stream<Arguments> matrix() {
    List<Object[]> cases =
        List.of(
            new Object[] {"unchanged", "base", "base", "base"},
            new Object[] {"roadmap only", "mine", "base", "mine"},
            new Object[] {"github only", "base", "theirs", "theirs"},
            new Object[] {"both the same", "same", "same", "same"},
            new Object[] {"cleared on roadmap", null, "base", null},
            new Object[] {"cleared on github", "base", null, null},
            new Object[] {"cleared on both", null, null, null});
    return Arrays.stream(SyncField.values())
        .filter(f -> f != SyncField.LABELS)
        .flatMap(f -> cases.stream().map(c -> Arguments.of(f, c[0], c[1], c[2], c[3])));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("matrix")
  void oneSidedOrAgreeingChangesNeverConflict(
      SyncField field, String name, String mine, String theirs, String want) {
    IssueFields base = BASE.with(field, "base");
    for (ConflictStrategy strategy : ConflictStrategy.values()) {
      MergeOutcome out =
          merge(base, base.with(field, mine), T0, base.with(field, theirs), T1, strategy);

      assertThat(out.merged()).isEqualTo(base.with(field, want));
      assertThat(out.unresolved()).isEmpty();
      assertThat(out.settled()).isEmpty();
      assertThat(out.conflicted()).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(value = SyncField.class, names = "LABELS", mode = EnumSource.Mode.EXCLUDE)
  void bothChangedDifferentlyIsSettledByEachStrategy(SyncField field) {
    IssueFields base = BASE.with(field, "base");
    IssueFields mine = base.with(field, "mine");
    IssueFields theirs = base.with(field, "theirs");
    FieldConflict conflict = new FieldConflict(field, "base", "mine", "theirs");

    assertThat(merge(base, mine, T0, theirs, T0, ConflictStrategy.PREFER_ROADMAP).merged())
        .isEqualTo(mine);
    assertThat(merge(base, mine, T1, theirs, T0, ConflictStrategy.PREFER_GITHUB).merged())
        .isEqualTo(theirs);
    MergeOutcome lww = merge(base, mine, T1, theirs, T0, ConflictStrategy.LAST_WRITE_WINS);
    assertThat(lww.merged()).isEqualTo(mine);
    assertThat(lww.settled()).containsExactly(conflict);
    assertThat(lww.unresolved()).isEmpty();

    MergeOutcome manual = merge(base, mine, T1, theirs, T0, ConflictStrategy.MANUAL);
    assertThat(manual.merged()).isEqualTo(base);
    assertThat(manual.unresolved()).containsExactly(conflict);
    assertThat(manual.settled()).isEmpty();
    assertThat(manual.conflicted()).isTrue();
  }

  static Stream<Arguments> lastWriteTimes() {
    return Stream.of(
        Arguments.of(T1, T0, Side.ROADMAP),
        Arguments.of(T0, T1, Side.GITHUB),
        Arguments.of(T0, T0, Side.GITHUB),
        Arguments.of(null, T0, Side.GITHUB),
        Arguments.of(T0, null, Side.ROADMAP),
        Arguments.of(null, null, Side.GITHUB));
  }

  @ParameterizedTest(name = "roadmap {0}, github {1} -> {2}")
  @MethodSource("lastWriteTimes")
  void lastWriteWinsByTimeTieGoesToGitHubAndAMissingTimeLoses(
      Instant roadmapAt, Instant githubAt, Side winner) {
    IssueFields mine = BASE.with(SyncField.TITLE, "mine");
    IssueFields theirs = BASE.with(SyncField.TITLE, "theirs");

    MergeOutcome out =
        merge(BASE, mine, roadmapAt, theirs, githubAt, ConflictStrategy.LAST_WRITE_WINS);

    assertThat(out.merged()).isEqualTo(winner == Side.ROADMAP ? mine : theirs);
    assertThat(out.settled()).extracting(FieldConflict::field).containsExactly(SyncField.TITLE);
  }

  @Test
  void manualHasNoWinner() {
    SideSnapshot side = new SideSnapshot(BASE, T0);
    assertThatThrownBy(() -> ThreeWayMerge.winner(ConflictStrategy.MANUAL, side, side))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ThreeWayMerge.merge(BASE, side, side, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new SideSnapshot(null, T0)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void withoutBaseEveryDifferenceIsAChangeOnBothSides() {
    IssueFields mine =
        new IssueFields("t", "body", List.of("a"), null, "ann", "todo", null, "other");
    IssueFields theirs =
        new IssueFields("t", "other body", List.of("b"), "v1", "ann", "closed", null, "other");

    MergeOutcome manual = merge(null, mine, T0, theirs, T1, ConflictStrategy.MANUAL);
    assertThat(manual.unresolved())
        .extracting(FieldConflict::field)
        .containsExactly(SyncField.BODY, SyncField.MILESTONE, SyncField.STATUS);
    assertThat(manual.unresolved())
        .first()
        .isEqualTo(new FieldConflict(SyncField.BODY, null, "body", "other body"));
    // nothing agreed yet: an unresolved field has no value, so the next merge still sees the
    // conflict
    assertThat(manual.merged())
        .isEqualTo(new IssueFields("t", null, List.of("a", "b"), null, "ann", null, null, "other"));

    MergeOutcome lww = merge(null, mine, T0, theirs, T1, ConflictStrategy.LAST_WRITE_WINS);
    assertThat(lww.merged()).isEqualTo(theirs.with(SyncField.LABELS, List.of("a", "b")));
    assertThat(lww.settled()).hasSize(3);
  }

  static Stream<Arguments> labelCases() {
    return Stream.of(
        Arguments.of("unchanged", List.of("a", "b"), List.of("a", "b"), List.of("a", "b")),
        Arguments.of(
            "added on roadmap", List.of("a", "b", "c"), List.of("a", "b"), List.of("a", "b", "c")),
        Arguments.of(
            "added on github", List.of("a", "b"), List.of("a", "b", "d"), List.of("a", "b", "d")),
        Arguments.of(
            "added on both",
            List.of("a", "b", "c"),
            List.of("a", "b", "d"),
            List.of("a", "b", "c", "d")),
        Arguments.of(
            "same added on both",
            List.of("a", "b", "c"),
            List.of("a", "b", "c"),
            List.of("a", "b", "c")),
        Arguments.of("removed on roadmap", List.of("a"), List.of("a", "b"), List.of("a")),
        Arguments.of("removed on github", List.of("a", "b"), List.of("b"), List.of("b")),
        Arguments.of("removed on both", List.of(), List.of(), List.of()),
        Arguments.of(
            "add one side, remove other", List.of("a", "b", "c"), List.of("a"), List.of("a", "c")),
        Arguments.of("each removes one", List.of("a"), List.of("b"), List.of()),
        Arguments.of("replaced on both", List.of("x"), List.of("y"), List.of("x", "y")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("labelCases")
  void labelsMergeAsSetsAndNeverConflict(
      String name, List<String> mine, List<String> theirs, List<String> want) {
    for (ConflictStrategy strategy : ConflictStrategy.values()) {
      MergeOutcome out =
          merge(
              BASE,
              BASE.with(SyncField.LABELS, mine),
              T1,
              BASE.with(SyncField.LABELS, theirs),
              T0,
              strategy);

      assertThat(out.merged().labels()).isEqualTo(want);
      assertThat(out.unresolved()).isEmpty();
      assertThat(out.settled()).isEmpty();
    }
  }

  @Test
  void labelsWithoutBaseAreTheUnion() {
    MergeOutcome out =
        merge(
            null,
            BASE.with(SyncField.LABELS, List.of("a")),
            T0,
            BASE.with(SyncField.LABELS, List.of("b")),
            T1,
            ConflictStrategy.MANUAL);

    assertThat(out.merged().labels()).containsExactly("a", "b");
    assertThat(out.conflicted()).isFalse();
  }

  @Test
  void pushAndPullListTheFieldsEachSideLacksButNeverAnUnresolvedOne() {
    IssueFields mine = BASE.with(SyncField.TITLE, "mine").with(SyncField.BODY, "my body");
    IssueFields theirs =
        BASE.with(SyncField.TITLE, "theirs")
            .with(SyncField.STATUS, "closed")
            .with(SyncField.LABELS, List.of("a", "b", "c"));

    MergeOutcome auto = merge(BASE, mine, T0, theirs, T1, ConflictStrategy.LAST_WRITE_WINS);
    assertThat(auto.toPush(theirs)).containsExactly(SyncField.BODY);
    assertThat(auto.toPull(mine))
        .containsExactly(SyncField.TITLE, SyncField.LABELS, SyncField.STATUS);

    MergeOutcome manual = merge(BASE, mine, T0, theirs, T1, ConflictStrategy.MANUAL);
    assertThat(manual.toPush(theirs)).containsExactly(SyncField.BODY);
    assertThat(manual.toPull(mine)).containsExactly(SyncField.LABELS, SyncField.STATUS);
    assertThat(MergeOutcome.differences(mine, theirs))
        .containsExactly(SyncField.TITLE, SyncField.BODY, SyncField.LABELS, SyncField.STATUS);
  }

  @Test
  void resolveTakesEachUnresolvedFieldFromTheChosenSide() {
    IssueFields mine = BASE.with(SyncField.TITLE, "mine").with(SyncField.MILESTONE, "v2");
    IssueFields theirs =
        BASE.with(SyncField.TITLE, "theirs")
            .with(SyncField.MILESTONE, null)
            .with(SyncField.ASSIGNEE, "bob");
    MergeOutcome out = merge(BASE, mine, T0, theirs, T1, ConflictStrategy.MANUAL);

    IssueFields resolved =
        ThreeWayMerge.resolve(
            out, Map.of(SyncField.TITLE, Side.GITHUB, SyncField.MILESTONE, Side.ROADMAP));

    assertThat(resolved)
        .isEqualTo(
            BASE.with(SyncField.TITLE, "theirs")
                .with(SyncField.MILESTONE, "v2")
                .with(SyncField.ASSIGNEE, "bob"));
    assertThat(ThreeWayMerge.resolve(out, Side.ROADMAP))
        .isEqualTo(mine.with(SyncField.ASSIGNEE, "bob"));
    assertThat(ThreeWayMerge.resolve(out, Side.GITHUB)).isEqualTo(theirs);
  }

  @Test
  void resolveRefusesAMissingChoiceAndAFieldNotInConflict() {
    MergeOutcome out =
        merge(
            BASE,
            BASE.with(SyncField.TITLE, "mine"),
            T0,
            BASE.with(SyncField.TITLE, "theirs"),
            T1,
            ConflictStrategy.MANUAL);

    assertThatThrownBy(() -> ThreeWayMerge.resolve(out, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'title'");
    Map<SyncField, Side> extra =
        new EnumMap<>(Map.of(SyncField.TITLE, Side.ROADMAP, SyncField.BODY, Side.GITHUB));
    assertThatThrownBy(() -> ThreeWayMerge.resolve(out, extra))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'body' is not in conflict");
    assertThatThrownBy(() -> ThreeWayMerge.resolve(out, (Side) null))
        .isInstanceOf(NullPointerException.class);
    assertThat(
            ThreeWayMerge.resolve(
                merge(BASE, BASE, T0, BASE, T0, ConflictStrategy.MANUAL), Map.of()))
        .isEqualTo(BASE);
  }

  @Test
  void conflictValuesAreStringsOrStringListsAndSerializeAsCbor() throws Exception {
    FieldConflict labels =
        new FieldConflict(
            SyncField.LABELS, List.of("a"), new java.util.ArrayList<>(List.of("b")), null);
    assertThat(labels.value(Side.ROADMAP)).isEqualTo(List.of("b"));
    assertThat(labels.value(Side.GITHUB)).isNull();
    assertThatThrownBy(() -> new FieldConflict(SyncField.TITLE, 1, "a", "b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FieldConflict(SyncField.LABELS, List.of(1), "a", "b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FieldConflict(null, "a", "a", "b"))
        .isInstanceOf(NullPointerException.class);

    ObjectMapper cbor = new ObjectMapper(new CBORFactory());
    FieldConflict title = new FieldConflict(SyncField.TITLE, null, "mine", "theirs");
    for (FieldConflict conflict : List.of(labels, title)) {
      assertThat(cbor.readValue(cbor.writeValueAsBytes(conflict), FieldConflict.class))
          .isEqualTo(conflict);
    }
  }

  @Test
  void sidesHaveApiNames() {
    assertThat(Side.fromApiName("roadmap")).contains(Side.ROADMAP);
    assertThat(Side.fromApiName("github")).contains(Side.GITHUB);
    assertThat(Side.fromApiName("GitHub")).isEmpty();
  }

  private static MergeOutcome merge(
      IssueFields base,
      IssueFields mine,
      Instant mineAt,
      IssueFields theirs,
      Instant theirsAt,
      ConflictStrategy strategy) {
    return ThreeWayMerge.merge(
        base, new SideSnapshot(mine, mineAt), new SideSnapshot(theirs, theirsAt), strategy);
  }
}
