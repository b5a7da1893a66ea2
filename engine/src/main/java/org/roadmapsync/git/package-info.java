/**
 * The git-backed roadmap ({@code ROADMAP_GIT_REMOTE}): the service's own clone of the team's
 * repository ({@code RoadmapClone}, Eclipse JGit, blocking), opened and repaired at start ({@code
 * CloneStartup}: clone, branch check, a half-done rebase aborted, uncommitted roadmap changes
 * committed), teammates' commits brought in ({@code RemoteIntegration}: fast-forward, rebase of the
 * service's unpushed commits, and when that conflicts the remote's version of a file both sides
 * changed, left for the entity to merge), and the {@code RoadmapGitSync} actor that commits
 * the service's writes in small batches ({@code CommitMessage}), pushes them (never forced), and
 * fetches at every poll and {@code push} webhook; {@code GitStatus} is what {@code /health} and
 * {@code GET /api/git} show.
 *
 * <p>Files reach the issue entities through the roadmap watcher like any local edit: this package
 * only moves files between the clone's working tree and the remote. Only paths under {@code
 * ROADMAP_GIT_PATH} are ever staged. The GitHub token is given to JGit through a {@code
 * CredentialsProvider} for each call, never written to the clone's configuration or a message.
 *
 * <p>May depend on: {@code roadmap} (the store's write gate and its files), {@code config}; JGit.
 * Its events go out through {@code GitEvents}, which {@code metrics} implements.
 */
package org.roadmapsync.git;
