package org.roadmapsync.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Repository webhooks and their deliveries, run inside {@link SimStore#apply}: the list of hooks,
 * the deliveries newest first with GitHub's cursor pagination, and redelivery of one of the last
 * three days.
 */
final class HookCommands {
  private static final String CURSOR_PREFIX = "v1_";

  private HookCommands() {}

  static Listed list(SimData d, SimRepo repo, Map<String, String> params) {
    int page = Paging.page(params);
    int perPage = Paging.perPage(params);
    List<SimHooks.Hook> all = d.hooks.hooksOf(repo);
    return new Listed(
        GitHubShapes.array(Paging.slice(all, page, perPage), h -> hook(d, repo, h)),
        all.size(),
        page,
        perPage);
  }

  static ObjectNode get(SimData d, SimRepo repo, long hookId) {
    return hook(d, repo, d.hooks.hook(repo, hookId));
  }

  /**
   * One page of deliveries; {@code Link: rel="next"} carries a {@code cursor} to the next one, the
   * other parameters kept.
   */
  static SimResponse deliveries(
      SimData d, SimRepo repo, long hookId, Map<String, String> params, String url) {
    SimHooks.Hook hook = d.hooks.hook(repo, hookId);
    SimHooks.Page page = d.hooks.page(hook.id(), cursor(params), Paging.perPage(params));
    SimResponse answer =
        SimResponse.ok(GitHubShapes.array(page.deliveries(), HookCommands::delivery));
    if (page.nextFrom().isEmpty()) {
      return answer;
    }
    StringBuilder next = new StringBuilder("<").append(url).append("?per_page=");
    next.append(Paging.perPage(params))
        .append("&cursor=")
        .append(CURSOR_PREFIX)
        .append(page.nextFrom().get());
    return answer.withHeader("Link", next.append(">; rel=\"next\"").toString());
  }

  /**
   * Sends the delivery's event again, same payload and guid, as a new delivery marked {@code
   * redelivery}. Only within the last three days, as on GitHub.
   */
  static ObjectNode redeliver(SimData d, SimRepo repo, long hookId, long deliveryId) {
    SimHooks.Hook hook = d.hooks.hook(repo, hookId);
    SimHooks.Delivery delivery = d.hooks.delivery(hook.id(), deliveryId);
    if (!delivery.redeliverableAt(d.clock.now())) {
      throw GitHubErrorResponse.unprocessable(
          "The delivery is more than 3 days old and can no longer be redelivered.");
    }
    d.pendingEvents.add(delivery.event().again());
    return GitHubShapes.MAPPER.createObjectNode();
  }

  static ObjectNode hook(SimData d, SimRepo repo, SimHooks.Hook hook) {
    String url = d.json.repoUrl(repo) + "/hooks/" + hook.id();
    ObjectNode h = GitHubShapes.MAPPER.createObjectNode();
    h.put("type", "Repository").put("id", hook.id()).put("name", "web").put("active", true);
    h.putArray("events").add("*");
    ObjectNode config = h.putObject("config");
    config
        .put("content_type", "json")
        .put("insecure_ssl", "0")
        .put("secret", "********")
        .put("url", d.hooks.target().map(SimSettings.WebhookTarget::url).orElse(null));
    h.put("updated_at", GitHubShapes.time(d.hooks.targetSince()))
        .put("created_at", GitHubShapes.time(hook.createdAt()))
        .put("url", url)
        .put("test_url", url + "/test")
        .put("ping_url", url + "/pings")
        .put("deliveries_url", url + "/deliveries");
    ObjectNode last = h.putObject("last_response");
    List<SimHooks.Delivery> all = d.hooks.deliveriesOf(hook.repoKey());
    if (all.isEmpty()) {
      last.putNull("code").put("status", "unused").putNull("message");
    } else {
      SimHooks.Delivery newest = all.get(all.size() - 1);
      last.put("code", newest.statusCode()).put("status", "active").put("message", newest.status());
    }
    return h;
  }

  /** GitHub's {@code hook-delivery-item}: a delivery without its request and response. */
  static ObjectNode delivery(SimHooks.Delivery delivery) {
    ObjectNode j = GitHubShapes.MAPPER.createObjectNode();
    j.put("id", delivery.id())
        .put("guid", delivery.event().guid())
        .put("delivered_at", GitHubShapes.time(delivery.deliveredAt()))
        .put("redelivery", delivery.event().redelivery())
        .put("duration", delivery.durationSeconds())
        .put("status", delivery.status())
        .put("status_code", delivery.statusCode())
        .put("event", delivery.event().event())
        .put("action", delivery.event().action())
        .putNull("installation_id")
        .put("repository_id", delivery.event().repositoryId())
        .putNull("throttled_at");
    return j;
  }

  private static Optional<Long> cursor(Map<String, String> params) {
    String cursor = params.get("cursor");
    if (cursor == null || cursor.isBlank()) {
      return Optional.empty();
    }
    try {
      if (cursor.startsWith(CURSOR_PREFIX)) {
        return Optional.of(Long.parseLong(cursor.substring(CURSOR_PREFIX.length())));
      }
    } catch (NumberFormatException e) {
      // answered below like any cursor GitHub did not hand out
    }
    throw GitHubErrorResponse.invalid("HookDelivery", "cursor", "invalid");
  }
}
