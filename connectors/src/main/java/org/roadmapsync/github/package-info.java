/**
 * The GitHub connector: {@link org.roadmapsync.github.GitHubClient} (REST on Pekko HTTP, ETag
 * cache, pagination, rate-limit snapshots), the model records, the sealed {@link
 * org.roadmapsync.github.GitHubError} taxonomy, and webhook intake helpers ({@link
 * org.roadmapsync.github.WebhookSignatureVerifier}, {@link org.roadmapsync.github.WebhookEvents}).
 *
 * <p>May depend on: {@code config}, Pekko HTTP and Jackson; never on the sync or the simulator.
 */
package org.roadmapsync.github;
