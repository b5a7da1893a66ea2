/**
 * The GitHub simulator: a real Pekko HTTP server that answers GitHub's REST API for issues, labels,
 * milestones, comments, pull requests, repository hooks and their deliveries, {@code /user} and
 * {@code /rate_limit}, with GitHub's rate-limit headers, ETags and 304s, primary and secondary
 * limits on a compressible clock, injected faults, and signed webhooks (each attempt recorded as a
 * delivery of the repository's hook, redeliverable for three days).
 *
 * <p>In a test: {@code GitHubSimulator sim = GitHubSimulator.start(system,
 * SimSettings.defaults(token, "o/r"))}, point the client at {@code sim.baseUrl()} (the API root,
 * like {@code https://api.github.com}), drive the other side with {@code sim.control()} (seed, edit
 * as another user, delete, transfer, faults, limits, clock, stats, reset), and {@code sim.stop()}
 * at the end. The same controls are JSON under {@code /_sim/}.
 *
 * <p>Shape: {@code ApiRoutes}/{@code ControlRoutes} (HTTP) → {@code FrontDoor} (faults, auth,
 * limits, ETag, headers) → {@code SimStore} (one lock around {@code SimData}) → {@code *Commands}
 * (GitHub's rules) → {@code GitHubShapes}/{@code PullJson} (GitHub's shapes); changes leave as
 * {@code SimEvent}s to {@code WebhookDispatcher}, which records each attempt in {@code SimHooks}.
 *
 * <p>May depend on: Pekko HTTP and Jackson only; nothing of roadmap-sync (it stands in for GitHub).
 */
package org.roadmapsync.sim;
