package org.roadmapsync.cluster;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.Address;
import org.apache.pekko.cluster.Cluster;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardCoordinator;
import org.apache.pekko.dispatch.Futures;
import scala.collection.immutable.IndexedSeq;
import scala.concurrent.Future;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Puts every shard on the oldest node, where the singletons run. An issue's entity reads and writes
 * its file in the roadmap clone, and the clone is one working tree on one machine: the node whose
 * {@code RoadmapGitSync} commits and pushes it. Entities elsewhere would edit a clone nobody
 * pushes. When the oldest node goes, the next oldest takes the singletons and, through this
 * strategy, the shards; a shard found anywhere else is moved there.
 */
public final class OldestNodeAllocation extends ShardCoordinator.AbstractShardAllocationStrategy {

  private static final int MOVES_PER_ROUND = 10;

  private final Cluster cluster;

  public OldestNodeAllocation(Cluster cluster) {
    this.cluster = cluster;
  }

  @Override
  public Future<ActorRef> allocateShard(
      ActorRef requester, String shardId, Map<ActorRef, IndexedSeq<String>> allocations) {
    return Futures.successful(oldestRegion(allocations).orElse(requester));
  }

  @Override
  public Future<Set<String>> rebalance(
      Map<ActorRef, IndexedSeq<String>> allocations, Set<String> inProgress) {
    Set<String> moves = new HashSet<>();
    Optional<ActorRef> home = oldestRegion(allocations);
    if (home.isPresent() && inProgress.isEmpty()) {
      allocations.forEach(
          (region, shards) -> {
            if (!region.equals(home.get())) {
              for (String shard : CollectionConverters.asJava(shards)) {
                if (moves.size() < MOVES_PER_ROUND) {
                  moves.add(shard);
                }
              }
            }
          });
    }
    return Futures.successful(moves);
  }

  private Optional<ActorRef> oldestRegion(Map<ActorRef, IndexedSeq<String>> allocations) {
    Optional<Address> oldest = oldestUp(cluster).map(Member::address);
    return oldest.flatMap(
        address ->
            allocations.keySet().stream()
                .filter(region -> address.equals(addressOf(region)))
                .findFirst());
  }

  private Address addressOf(ActorRef region) {
    Address address = region.path().address();
    return address.hasLocalScope() ? cluster.selfAddress() : address;
  }

  /** The oldest member that is up: the one the singletons run on. */
  static Optional<Member> oldestUp(Cluster cluster) {
    return StreamSupport.stream(cluster.state().getMembers().spliterator(), false)
        .filter(m -> m.status() == MemberStatus.up() || m.status() == MemberStatus.leaving())
        .min(Member.ageOrdering());
  }
}
