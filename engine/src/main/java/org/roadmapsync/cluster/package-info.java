/**
 * Several nodes as one service ({@code ROADMAP_SYNC_CLUSTER_*}): the Pekko settings of a node, the
 * placement of the once-per-service daemons as cluster singletons, the roadmap desk through which
 * entities on any node reach the clone's files, and what {@code /health}, {@code /ready} and {@code
 * /alive} say about the cluster. Without cluster settings everything here keeps the one-node
 * service as it always was. It sits above {@code sync} and {@code pulls}: the desk carries the
 * entities' file operations (failing as the {@code roadmap} store does) and their links and pull
 * requests between nodes, as {@code persistence}'s serializable messages.
 */
package org.roadmapsync.cluster;
