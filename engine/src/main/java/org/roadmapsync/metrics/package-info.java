/**
 * The {@code /metrics} counters: {@code Metrics} keeps a Micrometer Prometheus registry and is told
 * what happens by the gateway ({@code GatewayEvents}), the client (rate limits, request outcomes),
 * the entities ({@code SyncMetrics}) and the health monitor.
 *
 * <p>May depend on: {@code gateway}, {@code health}, {@code sync}, {@code git} and {@code github},
 * for the listener interfaces they define.
 */
package org.roadmapsync.metrics;
