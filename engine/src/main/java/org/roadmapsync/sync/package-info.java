/**
 * The sync core: one event-sourced {@code IssueSyncEntity} per roadmap issue (its lock, state and
 * history), the pure decisions it takes ({@code ThreeWayMerge}, {@code RoundPlan}, {@code
 * FieldMapping}), the ports it calls ({@code GitHubPort}, {@code RoadmapPort}), the {@code
 * RoadmapObserver} that brings file changes, the links ({@code LinkIndex}, {@code LinkDirectory})
 * and the read side ({@code IssueSyncProjection} into {@code issue_sync_status}, {@code
 * IssueSyncRows}, {@code SyncService}).
 *
 * <p>May depend on: {@code roadmap}, {@code github} (model records), {@code persistence}, {@code
 * config}. Never on the gateway or intake: they are reached through the ports and commands defined
 * here.
 */
package org.roadmapsync.sync;
