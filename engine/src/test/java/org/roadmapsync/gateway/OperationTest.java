package org.roadmapsync.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.roadmapsync.sync.IssueLink;

class OperationTest {

  @Test
  void writesThatAddSomethingOrMergeAreNotRepeatedAfterARestart() {
    assertFalse(new Operation.Create("o/r", "id1", null).repeatable());
    assertFalse(new Operation.CreatePull("o/r", "feature/x", "main", "T", "B").repeatable());
    assertFalse(new Operation.CommentPull("o/r", 3, "ready").repeatable());
    assertFalse(new Operation.MergePull("o/r", 3, "T (#3)", "squash").repeatable());
  }

  @Test
  void readsAndWritesOfAStateAre() {
    assertTrue(new Operation.Fetch(new IssueLink("o/r", 1)).repeatable());
    assertTrue(new Operation.GetPull("o/r", 3).repeatable());
    assertTrue(new Operation.EditPull("o/r", 3, "T", "B").repeatable());
    assertTrue(new Operation.ClosePull("o/r", 3).repeatable());
  }
}
