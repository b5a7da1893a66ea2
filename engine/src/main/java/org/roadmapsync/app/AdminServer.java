package org.roadmapsync.app;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;
import org.roadmapsync.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the admin API and hands it to CoordinatedShutdown: unbind, let requests in flight finish.
 */
final class AdminServer {

  private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
  static final Duration IN_FLIGHT_DEADLINE = Duration.ofSeconds(5);

  private AdminServer() {}

  static CompletionStage<ServerBinding> start(
      ActorSystem<?> system, Settings.Http http, Route route) {
    return Http.get(system)
        .newServerAt(http.host(), http.port())
        .bind(route)
        .thenApply(
            binding -> {
              var address = binding.localAddress();
              log.info(
                  "admin API listening on http://{}:{}",
                  address.getAddress().getHostAddress(),
                  address.getPort());
              return binding.addToCoordinatedShutdown(IN_FLIGHT_DEADLINE, system);
            });
  }
}
