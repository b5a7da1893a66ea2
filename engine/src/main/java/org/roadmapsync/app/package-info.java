/**
 * The process: the picocli commands ({@code Main}: serve, health, import, plan, publish, demo,
 * github-sim), start-up and shutdown ({@code RoadmapSyncService}, {@code RoadmapSyncGuardian}), and
 * the wiring of every part ({@code SyncSetup}, {@code SyncRuntimeSetup}, {@code OnboardingSetup},
 * {@code GitSetup} for the git-backed roadmap, {@code AdminServer}). Nothing here decides how an
 * issue syncs.
 *
 * <p>May depend on: every package; no package depends on it. The only place that uses the simulator
 * ({@code sim}) outside tests: the {@code demo} and {@code github-sim} commands.
 */
package org.roadmapsync.app;
