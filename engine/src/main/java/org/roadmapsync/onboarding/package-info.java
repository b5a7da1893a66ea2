/**
 * Onboarding a team's existing work: importing GitHub issues that no roadmap file links as files
 * the {@code roadmap} tool reads as its own ({@code RepositoryImporter}, one per repository, the
 * only writer of imported files; {@code Importer} lists and hands them over, and takes what the
 * intake saw for continuous import), the plan of what a sync would do now, written nowhere ({@code
 * SyncPlanner}), and publishing many roadmap issues at once ({@code BulkPublisher}, through each
 * issue entity's own publish, paced by the governor).
 *
 * <p>May depend on: {@code sync} (entities, mapping, links, the round's decision), {@code roadmap}
 * (the store), {@code github} (the client and its model), {@code config}. The intake reaches it
 * only through the callback it is given; GitHub only through the governed client it is given.
 */
package org.roadmapsync.onboarding;
