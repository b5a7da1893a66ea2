/**
 * Several nodes as one service ({@code ROADMAP_SYNC_CLUSTER_*}): the Pekko settings of a node, the
 * placement of the once-per-service daemons as cluster singletons, the roadmap desk through which
 * entities on any node reach the clone's files, and what {@code /health}, {@code /ready} and {@code
 * /alive} say about the cluster. Without cluster settings everything here keeps the one-node
 * service as it always was.
 */
package org.roadmapsync.cluster;
