package org.roadmapsync.cluster;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.roadmapsync.sync.IssueFields;
import org.roadmapsync.sync.LocalComment;
import org.roadmapsync.sync.LocalSnapshot;
import org.roadmapsync.sync.RoadmapPort;
import org.roadmapsync.sync.SyncField;

/**
 * The roadmap desk's files on a node of a cluster: every read and write waits until this node's
 * clone has fetched the remote since the node took the clone and the desk over. An entity asking
 * right after a failover would otherwise read a file older than the one it last synced, and sync
 * the old text back.
 */
public final class AfterCloneRoadmapPort implements RoadmapPort {

  private final RoadmapPort files;
  private final CompletionStage<?> cloneCurrent;

  public AfterCloneRoadmapPort(RoadmapPort files, CompletionStage<?> cloneCurrent) {
    this.files = files;
    this.cloneCurrent = cloneCurrent;
  }

  @Override
  public CompletionStage<LocalSnapshot> read(String id) {
    return cloneCurrent.thenCompose(current -> files.read(id));
  }

  @Override
  public CompletionStage<LocalSnapshot> write(
      String id, IssueFields target, Set<SyncField> fields, String expectedHash) {
    return cloneCurrent.thenCompose(current -> files.write(id, target, fields, expectedHash));
  }

  @Override
  public CompletionStage<LocalSnapshot> writeLink(String id, Long number, String expectedHash) {
    return cloneCurrent.thenCompose(current -> files.writeLink(id, number, expectedHash));
  }

  @Override
  public CompletionStage<LocalSnapshot> writeComments(
      String id, List<LocalComment> comments, String expectedHash) {
    return cloneCurrent.thenCompose(current -> files.writeComments(id, comments, expectedHash));
  }
}
