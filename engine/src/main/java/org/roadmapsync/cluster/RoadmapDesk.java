package org.roadmapsync.cluster;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.roadmapsync.persistence.CborSerializable;
import org.roadmapsync.pulls.PullRequestIndex;
import org.roadmapsync.pulls.PullSnapshot;
import org.roadmapsync.roadmap.RoadmapStoreException;
import org.roadmapsync.sync.IssueFields;
import org.roadmapsync.sync.IssueLink;
import org.roadmapsync.sync.LinkIndex;
import org.roadmapsync.sync.LocalComment;
import org.roadmapsync.sync.LocalSnapshot;
import org.roadmapsync.sync.RoadmapPort;
import org.roadmapsync.sync.SyncField;

/**
 * The roadmap clone's counter, a cluster singleton on the node that owns the clone: entities on any
 * node read and write their files through it ({@link DeskRoadmapPort}), and tell it the links and
 * pull requests they hold, so that the pollers and the importer beside it know a link made a moment
 * ago on another node before the read tables show it.
 */
public final class RoadmapDesk {

  public sealed interface Command extends CborSerializable {}

  public record Read(String id, ActorRef<Answer> replyTo) implements Command {}

  public record Write(
      String id,
      IssueFields target,
      Set<SyncField> fields,
      String expectedHash,
      ActorRef<Answer> replyTo)
      implements Command {}

  public record WriteLink(String id, Long number, String expectedHash, ActorRef<Answer> replyTo)
      implements Command {}

  public record WriteComments(
      String id, List<LocalComment> comments, String expectedHash, ActorRef<Answer> replyTo)
      implements Command {}

  /** Entity {@code id} holds {@code link} now (null: none). */
  public record LinkHeld(String id, IssueLink link) implements Command {}

  /** The lifecycle of {@code issueId} holds {@code pull} of {@code repo} now (null: none). */
  public record PullHeld(String issueId, String repo, PullSnapshot pull) implements Command {}

  /**
   * The file as it is after the read or write, or why it failed: {@code stale} with the hashes when
   * the file had changed since the entity decided, which the entity handles apart from the rest.
   */
  public record Answer(
      LocalSnapshot snapshot, String error, boolean stale, String expectedHash, String actualHash)
      implements CborSerializable {

    static Answer of(LocalSnapshot snapshot, Throwable failure) {
      if (failure == null) {
        return new Answer(snapshot, null, false, null, null);
      }
      Throwable cause = failure;
      while (cause instanceof CompletionException && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof RoadmapStoreException.StaleIssue stale) {
        return new Answer(null, stale.getMessage(), true, stale.expectedHash(), stale.actualHash());
      }
      return new Answer(null, String.valueOf(cause.getMessage()), false, null, null);
    }
  }

  private RoadmapDesk() {}

  /**
   * The entities' files: {@code files} itself on one node; in a cluster the desk's, with this
   * node's announcements of links and pull requests also told to it.
   */
  public static RoadmapPort entityFiles(
      Placement placement,
      RoadmapPort files,
      LinkIndex links,
      PullRequestIndex pulls,
      ActorSystem<?> system) {
    if (!placement.clustered()) {
      return files;
    }
    ActorRef<Command> desk =
        placement.once(
            create(new AfterCloneRoadmapPort(files, placement.cloneCurrent()), links, pulls),
            "roadmap-desk");
    links.alsoTell((id, link) -> desk.tell(new LinkHeld(id, link)));
    pulls.alsoTell((issueId, repo, pull) -> desk.tell(new PullHeld(issueId, repo, pull)));
    return new DeskRoadmapPort(desk, system);
  }

  /**
   * The desk over this node's {@code files} and indexes; it runs only where the singleton is, so
   * only the owner's clone and indexes are used.
   */
  public static Behavior<Command> create(
      RoadmapPort files, LinkIndex links, PullRequestIndex pulls) {
    return Behaviors.receive(Command.class)
        .onMessage(Read.class, r -> answer(files.read(r.id()), r.replyTo()))
        .onMessage(
            Write.class,
            w -> answer(files.write(w.id(), w.target(), w.fields(), w.expectedHash()), w.replyTo()))
        .onMessage(
            WriteLink.class,
            w -> answer(files.writeLink(w.id(), w.number(), w.expectedHash()), w.replyTo()))
        .onMessage(
            WriteComments.class,
            w -> answer(files.writeComments(w.id(), w.comments(), w.expectedHash()), w.replyTo()))
        .onMessage(
            LinkHeld.class,
            held -> {
              links.record(held.id(), held.link());
              return Behaviors.same();
            })
        .onMessage(
            PullHeld.class,
            held -> {
              pulls.record(held.issueId(), held.repo(), held.pull());
              return Behaviors.same();
            })
        .build();
  }

  private static Behavior<Command> answer(
      CompletionStage<LocalSnapshot> done, ActorRef<Answer> replyTo) {
    done.whenComplete((snapshot, failure) -> replyTo.tell(Answer.of(snapshot, failure)));
    return Behaviors.same();
  }
}
