package org.roadmapsync.github;

import java.util.concurrent.CompletionStage;

/**
 * The seam between the client's operations and the network. The client builds every operation as a
 * {@link GitHubRequest} and sends it through exactly one {@code execute}; a governor can wrap a
 * transport to meter, pace or hold back calls ({@code request ->
 * permits.acquire(request).thenCompose(p -> inner.execute(request))}). Completes with a 2xx or a
 * 304 response; anything else fails with a {@link GitHubException}.
 */
@FunctionalInterface
public interface GitHubTransport {

  CompletionStage<GitHubResponse> execute(GitHubRequest request);
}
