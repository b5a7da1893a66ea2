package org.roadmapsync.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncRunTest {

  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void aRunCountsAnswersAndReportsEachTenthOnce() {
    SyncRun run = new SyncRun("o/r", START);
    assertEquals(SyncRun.LISTING, run.progress().state());
    run.dispatching(200);
    List<Integer> logged = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      if (run.answered(i != 7)) {
        logged.add(run.percent());
      }
    }
    assertEquals(List.of(10, 20, 30, 40, 50, 60, 70, 80, 90, 100), logged);
    assertTrue(run.complete());
    assertTrue(run.running());
    run.finish(START.plusSeconds(3));
    SyncRun.Progress p = run.progress();
    assertEquals(SyncRun.FAILED, p.state());
    assertEquals(199, p.done());
    assertEquals(1, p.failed());
    assertEquals(START.plusSeconds(3), p.finishedAt());
    assertEquals("1 of 200 issues did not take the change", p.error());
    assertFalse(run.running());
  }

  @Test
  void anEmptyRunIsFinishedAtOnceAndAFailedListingKeepsItsReason() {
    SyncRun empty = new SyncRun("o/r", START);
    empty.dispatching(0);
    assertTrue(empty.complete());
    assertEquals(100, empty.percent());
    empty.finish(START);
    assertEquals(SyncRun.FINISHED, empty.progress().state());
    assertNull(empty.progress().error());

    SyncRun failed = new SyncRun("o/r", START);
    failed.fail("502 server error", START.plusSeconds(1));
    assertEquals(SyncRun.FAILED, failed.progress().state());
    assertEquals("502 server error", failed.progress().error());
    assertEquals(SyncRun.NEVER_RUN, SyncRun.Progress.neverRun("o/r").state());
  }
}
