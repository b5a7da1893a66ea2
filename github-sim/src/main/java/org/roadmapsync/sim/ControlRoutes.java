package org.roadmapsync.sim;

import static org.apache.pekko.http.javadsl.server.PathMatchers.integerSegment;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/** The JSON control API under {@code /_sim/}: the same operations as {@link SimControl}. */
final class ControlRoutes extends AllDirectives {
  private final SimControl control;

  ControlRoutes(SimControl control) {
    this.control = control;
  }

  Route route() {
    return pathPrefix(
        "_sim",
        () ->
            concat(
                path("seed", () -> post(() -> call(control::seed))),
                path("stats", () -> get(() -> call(b -> control.stats()))),
                path("app", () -> get(() -> call(b -> control.app()))),
                path(
                    segment("app").slash("installation"),
                    () ->
                        put(
                            () ->
                                call(
                                    b -> {
                                      control.setInstallation(
                                          JsonInput.requiredString(b, "state", "Installation"));
                                      return control.app();
                                    }))),
                path(
                    "reset",
                    () ->
                        post(
                            () ->
                                call(
                                    b -> {
                                      control.reset();
                                      return ok();
                                    }))),
                path(
                    "faults",
                    () ->
                        concat(
                            post(
                                () ->
                                    call(
                                        b -> {
                                          control.injectFault(fault(b));
                                          return ok();
                                        })),
                            delete(
                                () ->
                                    call(
                                        b -> {
                                          control.clearFaults();
                                          return ok();
                                        })))),
                path(
                    "token",
                    () ->
                        put(
                            () ->
                                call(
                                    b -> {
                                      control.revokeToken(b.path("revoked").asBoolean());
                                      return ok();
                                    }))),
                path(
                    "scopes",
                    () ->
                        put(
                            () ->
                                call(
                                    b -> {
                                      control.setTokenScopes(
                                          JsonInput.requiredString(b, "scopes", "Token"));
                                      return ok();
                                    }))),
                path(
                    "dead",
                    () ->
                        put(
                            () ->
                                call(
                                    b -> {
                                      control.playDead(b.path("dead").asBoolean());
                                      return ok();
                                    }))),
                path(
                    "limits",
                    () ->
                        concat(
                            get(() -> call(b -> LimitsJson.toJson(control.limits()))),
                            put(
                                () ->
                                    call(
                                        b -> {
                                          control.setLimits(LimitsJson.merge(control.limits(), b));
                                          return LimitsJson.toJson(control.limits());
                                        })))),
                path(
                    "clock",
                    () ->
                        concat(
                            get(() -> call(b -> clock())),
                            put(
                                () ->
                                    call(
                                        b -> {
                                          if (b.has("speed"))
                                            control.setClockSpeed(b.get("speed").asDouble());
                                          if (b.has("advance_seconds"))
                                            control.advanceClock(
                                                Duration.ofSeconds(
                                                    b.get("advance_seconds").asLong()));
                                          return clock();
                                        })))),
                path(
                    "webhooks",
                    () ->
                        concat(
                            put(
                                () ->
                                    call(
                                        b -> {
                                          control.setWebhook(
                                              Optional.of(
                                                  new SimSettings.WebhookTarget(
                                                      JsonInput.requiredString(b, "url", "Webhook"),
                                                      JsonInput.requiredString(
                                                          b, "secret", "Webhook"),
                                                      b.path("loss_rate").asDouble(0),
                                                      b.path("duplicate_rate").asDouble(0))));
                                          return ok();
                                        })),
                            delete(
                                () ->
                                    call(
                                        b -> {
                                          control.setWebhook(Optional.empty());
                                          return ok();
                                        })))),
                pathPrefix(
                    "repos",
                    () ->
                        pathPrefix(
                            segment(), o -> pathPrefix(segment(), r -> repo(o + "/" + r))))));
  }

  private Route repo(String repo) {
    return concat(
        path("hook-deliveries", () -> get(() -> call(b -> control.hookDeliveries(repo)))),
        path(
            segment("pulls").slash(integerSegment()).slash("mergeable"),
            n ->
                put(
                    () ->
                        call(
                            b ->
                                control.setPullMergeable(
                                    repo, n, b.path("mergeable").asBoolean(true))))),
        path(
            segment("pulls").slash(integerSegment()).slash("merge"),
            n ->
                post(
                    () ->
                        call(
                            b ->
                                control.mergePullAs(
                                    actor(b),
                                    repo,
                                    n,
                                    JsonInput.string(b, "merge_method", "PullRequest", false))))),
        path(
            segment("pulls").slash(integerSegment()),
            n -> patch(() -> call(b -> control.editPullAs(actor(b), repo, n, b)))),
        path(
            segment("branches").slash(segment()).slash("push"),
            branch ->
                post(
                    () ->
                        call(
                            b ->
                                GitHubShapes.MAPPER
                                    .createObjectNode()
                                    .put("sha", control.pushCommit(actor(b), repo, branch))))),
        issues(repo));
  }

  private Route issues(String repo) {
    return pathPrefix(
        "issues",
        () ->
            concat(
                pathEnd(() -> post(() -> call(b -> control.createIssueAs(actor(b), repo, b)))),
                path(
                    integerSegment(),
                    n ->
                        concat(
                            patch(() -> call(b -> control.editIssueAs(actor(b), repo, n, b))),
                            delete(
                                () ->
                                    parameterOptional(
                                        "actor",
                                        a ->
                                            call(
                                                b -> {
                                                  control.deleteIssue(
                                                      a.orElse("ghost-user"), repo, n);
                                                  return ok();
                                                }))))),
                path(
                    integerSegment().slash("comments"),
                    n ->
                        post(
                            () ->
                                call(
                                    b ->
                                        control.commentAs(
                                            actor(b),
                                            repo,
                                            n,
                                            JsonInput.requiredString(b, "body", "IssueComment"))))),
                path(
                    integerSegment().slash("transfer"),
                    n ->
                        post(
                            () ->
                                call(
                                    b ->
                                        control.transferIssue(
                                            actor(b),
                                            repo,
                                            n,
                                            JsonInput.requiredString(b, "to", "Transfer")))))));
  }

  private static String actor(JsonNode body) {
    String actor = JsonInput.string(body, "actor", "Control", false);
    if (actor == null) throw GitHubErrorResponse.invalid("Control", "actor", "missing_field");
    ((ObjectNode) body).remove("actor");
    return actor;
  }

  private static FaultRule fault(JsonNode b) {
    return new FaultRule(
        b.path("method").asText("*"),
        b.path("path").asText(".*"),
        b.path("count").asInt(1),
        b.hasNonNull("status") ? Optional.of(b.get("status").asInt()) : Optional.empty(),
        Duration.ofMillis(b.path("latency_ms").asLong(0)),
        b.path("drop").asBoolean(false),
        FaultRule.FaultBody.valueOf(b.path("body").asText("GITHUB_ERROR").toUpperCase(Locale.ROOT)),
        b.path("answer_late").asBoolean(false));
  }

  private ObjectNode clock() {
    return GitHubShapes.MAPPER
        .createObjectNode()
        .put("now", control.clock().now().toString())
        .put("speed", control.clock().speed());
  }

  private static ObjectNode ok() {
    return GitHubShapes.MAPPER.createObjectNode().put("ok", true);
  }

  private Route call(Function<ObjectNode, JsonNode> operation) {
    return entity(
        Unmarshaller.entityToString(),
        raw -> {
          int status = 200;
          JsonNode answer;
          try {
            answer = operation.apply(JsonInput.parseObject(raw));
          } catch (GitHubErrorResponse e) {
            status = e.status();
            answer = SimResponse.error(e).body();
          } catch (IllegalArgumentException e) {
            status = 400;
            answer = GitHubShapes.MAPPER.createObjectNode().put("message", e.getMessage());
          }
          try {
            return complete(
                HttpResponse.create()
                    .withStatus(status)
                    .withEntity(
                        ContentTypes.APPLICATION_JSON,
                        GitHubShapes.MAPPER.writeValueAsBytes(answer)));
          } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
          }
        });
  }
}
