package org.roadmapsync.sim;

import static org.apache.pekko.http.javadsl.model.HttpMethods.DELETE;
import static org.apache.pekko.http.javadsl.model.HttpMethods.GET;
import static org.apache.pekko.http.javadsl.model.HttpMethods.PATCH;
import static org.apache.pekko.http.javadsl.model.HttpMethods.POST;
import static org.apache.pekko.http.javadsl.model.HttpMethods.PUT;
import static org.apache.pekko.http.javadsl.server.PathMatchers.integerSegment;
import static org.apache.pekko.http.javadsl.server.PathMatchers.longSegment;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import org.apache.pekko.http.javadsl.model.HttpMethod;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * GitHub's REST paths, directly under the API root as on api.github.com: one line per endpoint
 * (over 400 lines because the simulator serves some fifty of them; the rules live in the {@code
 * *Commands} classes).
 */
final class ApiRoutes extends AllDirectives {
  private final SimStore store;
  private final FrontDoor front;
  private final GitHubShapes json;

  ApiRoutes(SimStore store, FrontDoor front, GitHubShapes json) {
    this.store = store;
    this.front = front;
    this.json = json;
  }

  Route route() {
    return concat(
        path("user", () -> ok(GET, "/user", (d, c) -> d.json.privateUser(c.actor(), d.now()))),
        path(
            "rate_limit", () -> op(GET, "/rate_limit", c -> SimResponse.ok(front.rateLimitBody()))),
        path(
            "graphql",
            () -> ok(POST, "/graphql", (d, c) -> GraphQlCommands.run(d, c.actor(), c.json()))),
        pathPrefix(
            "repos",
            () -> pathPrefix(segment(), owner -> pathPrefix(segment(), name -> repo(owner, name)))),
        path(
            segment("app").slash("installations").slash(longSegment()).slash("access_tokens"),
            id ->
                method(
                    POST,
                    () ->
                        appOp(
                            "POST /app/installations/{installation_id}/access_tokens",
                            app -> app.exchange(id)))),
        path(
            segment("orgs").slash(segment()).slash("issue-types"),
            org -> ok(GET, "/orgs/{org}/issue-types", (d, c) -> issueTypes(d, org))),
        op(
            "unknown",
            c -> {
              throw GitHubErrorResponse.notFound();
            }));
  }

  private Route repo(String o, String r) {
    String base = json.apiRoot() + "/repos/" + o + "/" + r;
    String t = "/repos/{o}/{r}";
    return concat(
        pathEnd(() -> ok(GET, t, (d, c) -> d.json.repository(d.repo(o, r), d.now()))),
        pathPrefix("issues", () -> issues(o, r, base)),
        pathPrefix("labels", () -> labels(o, r, base)),
        pathPrefix("milestones", () -> milestones(o, r, base)),
        pathPrefix("pulls", () -> pulls(o, r, base)),
        pathPrefix("branches", () -> branches(o, r, base)),
        pathPrefix("git", () -> refs(o, r)),
        pathPrefix("hooks", () -> hooks(o, r, base)),
        path(
            "installation",
            () ->
                method(
                    GET,
                    () ->
                        appOp(
                            "GET " + t + "/installation",
                            app ->
                                app.installationOf(
                                    o,
                                    json,
                                    store.apply(
                                        d -> {
                                          d.repo(o, r); // GitHub's 404 for a repository it lacks
                                          return d.now();
                                        }))))),
        path("assignees", () -> ok(GET, t + "/assignees", (d, c) -> assignable(d, d.repo(o, r)))),
        path(
            segment("assignees").slash(segment()),
            login ->
                found(
                    GET, t + "/assignees/{assignee}", (d, c) -> d.canAssign(d.repo(o, r), login))));
  }

  /** An owner without issue types answers 404, as GitHub does for a user account. */
  private static ArrayNode issueTypes(SimData d, String org) {
    List<SimIssueType> types = d.issueTypesOf(org);
    if (types.isEmpty()) throw GitHubErrorResponse.notFound();
    return GitHubShapes.array(types, d.json::issueType);
  }

  /** The owner first, then the collaborators, as GitHub lists them. */
  private static ArrayNode assignable(SimData d, SimRepo repo) {
    var logins = new ArrayList<String>(List.of(repo.name.owner()));
    d.assignable.stream().filter(a -> !a.equalsIgnoreCase(repo.name.owner())).forEach(logins::add);
    return GitHubShapes.array(logins, d.json::user);
  }

  private Route issues(String o, String r, String base) {
    String t = "/repos/{o}/{r}/issues";
    return concat(
        pathEnd(
            () ->
                concat(
                    list(
                        GET,
                        t,
                        base + "/issues",
                        (d, c) ->
                            IssueCommands.list(d, d.repo(o, r), IssueListFilters.from(c.params()))),
                    created(
                        POST,
                        t,
                        (d, c) -> IssueCommands.createJson(d, d.repo(o, r), c.actor(), c.json())))),
        path(
            "comments",
            () ->
                list(
                    GET,
                    t + "/comments",
                    base + "/issues/comments",
                    (d, c) -> CommentCommands.listForRepo(d, d.repo(o, r), c.params()))),
        path(
            segment("comments").slash(longSegment()),
            id ->
                concat(
                    ok(
                        GET,
                        t + "/comments/{id}",
                        (d, c) -> CommentCommands.get(d, d.repo(o, r), id)),
                    ok(
                        PATCH,
                        t + "/comments/{id}",
                        (d, c) -> CommentCommands.update(d, d.repo(o, r), id, c.actor(), c.json())),
                    noContent(
                        DELETE,
                        t + "/comments/{id}",
                        (d, c) -> CommentCommands.delete(d, d.repo(o, r), id, c.actor())))),
        pathPrefix(integerSegment(), n -> issue(o, r, n, base)));
  }

  private Route issue(String o, String r, int n, String base) {
    String t = "/repos/{o}/{r}/issues/{n}";
    return concat(
        pathEnd(
            () ->
                concat(
                    ok(GET, t, (d, c) -> IssueCommands.get(d, d.repo(o, r), n)),
                    ok(
                        PATCH,
                        t,
                        (d, c) -> IssueCommands.update(d, d.repo(o, r), n, c.actor(), c.json())))),
        pathPrefix("dependencies", () -> dependencies(o, r, n, base)),
        path(
            "comments",
            () ->
                concat(
                    list(
                        GET,
                        t + "/comments",
                        base + "/issues/" + n + "/comments",
                        (d, c) -> CommentCommands.listForIssue(d, d.repo(o, r), n, c.params())),
                    created(
                        POST,
                        t + "/comments",
                        (d, c) ->
                            CommentCommands.create(d, d.repo(o, r), n, c.actor(), c.json())))),
        path(
            "labels",
            () ->
                concat(
                    ok(GET, t + "/labels", (d, c) -> IssueCommands.issueLabels(d, d.repo(o, r), n)),
                    ok(
                        POST,
                        t + "/labels",
                        (d, c) ->
                            IssueCommands.addLabels(
                                d, d.repo(o, r), n, c.actor(), JsonBody.any(c.rawBody()), false)),
                    ok(
                        PUT,
                        t + "/labels",
                        (d, c) ->
                            IssueCommands.addLabels(
                                d, d.repo(o, r), n, c.actor(), JsonBody.any(c.rawBody()), true)),
                    noContent(
                        DELETE,
                        t + "/labels",
                        (d, c) ->
                            IssueCommands.addLabels(
                                d, d.repo(o, r), n, c.actor(), JsonBody.labels(), true)))),
        path(
            segment("labels").slash(segment()),
            name ->
                ok(
                    DELETE,
                    t + "/labels/{name}",
                    (d, c) -> IssueCommands.removeLabel(d, d.repo(o, r), n, c.actor(), name))),
        path(
            "lock",
            () ->
                concat(
                    noContent(PUT, t + "/lock", (d, c) -> lock(d, c, o, r, n, true)),
                    noContent(DELETE, t + "/lock", (d, c) -> lock(d, c, o, r, n, false)))),
        path(
            "assignees",
            () ->
                concat(
                    created(
                        POST,
                        t + "/assignees",
                        (d, c) ->
                            IssueCommands.assignees(d, d.repo(o, r), n, c.actor(), c.json(), true)),
                    ok(
                        DELETE,
                        t + "/assignees",
                        (d, c) ->
                            IssueCommands.assignees(
                                d, d.repo(o, r), n, c.actor(), c.json(), false)))));
  }

  // The body is read before the repository is looked up, unlike in the other endpoints: bad JSON
  // answers 400 here even for an unknown repository.
  private static void lock(SimData d, Call c, String o, String r, int n, boolean lock) {
    ObjectNode body = c.json();
    IssueCommands.lock(d, d.repo(o, r), n, c.actor(), body, lock);
  }

  private Route labels(String o, String r, String base) {
    String t = "/repos/{o}/{r}/labels";
    return concat(
        pathEnd(
            () ->
                concat(
                    list(
                        GET,
                        t,
                        base + "/labels",
                        (d, c) ->
                            LabelCommands.list(
                                d,
                                d.repo(o, r),
                                Paging.page(c.params()),
                                Paging.perPage(c.params()))),
                    created(
                        POST,
                        t,
                        (d, c) -> LabelCommands.create(d, d.repo(o, r), c.actor(), c.json())))),
        path(
            segment(),
            name ->
                concat(
                    ok(GET, t + "/{name}", (d, c) -> LabelCommands.get(d, d.repo(o, r), name)),
                    ok(
                        PATCH,
                        t + "/{name}",
                        (d, c) -> LabelCommands.update(d, d.repo(o, r), c.actor(), name, c.json())),
                    noContent(
                        DELETE,
                        t + "/{name}",
                        (d, c) -> LabelCommands.delete(d, d.repo(o, r), c.actor(), name)))));
  }

  private Route milestones(String o, String r, String base) {
    String t = "/repos/{o}/{r}/milestones";
    return concat(
        pathEnd(
            () ->
                concat(
                    list(
                        GET,
                        t,
                        base + "/milestones",
                        (d, c) -> MilestoneCommands.list(d, d.repo(o, r), c.params())),
                    created(
                        POST,
                        t,
                        (d, c) -> MilestoneCommands.create(d, d.repo(o, r), c.actor(), c.json())))),
        path(
            integerSegment(),
            n ->
                concat(
                    ok(GET, t + "/{n}", (d, c) -> MilestoneCommands.get(d, d.repo(o, r), n)),
                    ok(
                        PATCH,
                        t + "/{n}",
                        (d, c) ->
                            MilestoneCommands.update(d, d.repo(o, r), c.actor(), n, c.json())),
                    noContent(
                        DELETE,
                        t + "/{n}",
                        (d, c) -> MilestoneCommands.delete(d, d.repo(o, r), c.actor(), n)))));
  }

  private Route pulls(String o, String r, String base) {
    String t = "/repos/{o}/{r}/pulls";
    return concat(
        pathEnd(
            () ->
                concat(
                    list(
                        GET,
                        t,
                        base + "/pulls",
                        (d, c) -> PullCommands.list(d, d.repo(o, r), c.params())),
                    created(
                        POST,
                        t,
                        (d, c) -> PullCommands.create(d, d.repo(o, r), c.actor(), c.json())))),
        path(
            integerSegment(),
            n ->
                concat(
                    ok(GET, t + "/{n}", (d, c) -> PullCommands.get(d, d.repo(o, r), n)),
                    ok(
                        PATCH,
                        t + "/{n}",
                        (d, c) -> PullCommands.update(d, d.repo(o, r), n, c.actor(), c.json())))),
        path(
            integerSegment().slash("merge"),
            n ->
                concat(
                    found(GET, t + "/{n}/merge", (d, c) -> PullCommands.merged(d, d.repo(o, r), n)),
                    ok(
                        PUT,
                        t + "/{n}/merge",
                        (d, c) -> PullCommands.merge(d, d.repo(o, r), n, c.actor(), c.json())))));
  }

  private Route branches(String o, String r, String base) {
    String t = "/repos/{o}/{r}/branches";
    return concat(
        pathEnd(
            () ->
                list(
                    GET,
                    t,
                    base + "/branches",
                    (d, c) -> BranchCommands.list(d, d.repo(o, r), c.params()))),
        path(
            segment(),
            b -> ok(GET, t + "/{branch}", (d, c) -> BranchCommands.get(d, d.repo(o, r), b))));
  }

  private Route refs(String o, String r) {
    String t = "/repos/{o}/{r}/git";
    return concat(
        path(
            "refs",
            () ->
                created(
                    POST,
                    t + "/refs",
                    (d, c) -> BranchCommands.createRef(d, d.repo(o, r), c.json()))),
        path(
            segment("ref").slash("heads").slash(segment()),
            b ->
                ok(
                    GET,
                    t + "/ref/heads/{branch}",
                    (d, c) -> BranchCommands.getRef(d, d.repo(o, r), b))),
        path(
            segment("refs").slash("heads").slash(segment()),
            b ->
                noContent(
                    DELETE,
                    t + "/refs/heads/{branch}",
                    (d, c) -> BranchCommands.deleteRef(d.repo(o, r), b))));
  }

  private Route hooks(String o, String r, String base) {
    String t = "/repos/{o}/{r}/hooks";
    return concat(
        pathEnd(
            () ->
                list(
                    GET,
                    t,
                    base + "/hooks",
                    (d, c) -> HookCommands.list(d, d.repo(o, r), c.params()))),
        path(
            longSegment(),
            id -> ok(GET, t + "/{hook_id}", (d, c) -> HookCommands.get(d, d.repo(o, r), id))),
        path(
            longSegment().slash("deliveries"),
            id ->
                answer(
                    GET,
                    t + "/{hook_id}/deliveries",
                    (d, c) ->
                        HookCommands.deliveries(
                            d,
                            d.repo(o, r),
                            id,
                            c.params(),
                            base + "/hooks/" + id + "/deliveries"))),
        path(
            longSegment().slash("deliveries").slash(longSegment()).slash("attempts"),
            (id, delivery) ->
                accepted(
                    POST,
                    t + "/{hook_id}/deliveries/{delivery_id}/attempts",
                    (d, c) -> HookCommands.redeliver(d, d.repo(o, r), id, delivery))));
  }

  private Route dependencies(String o, String r, int n, String base) {
    String t = "/repos/{o}/{r}/issues/{n}/dependencies";
    String url = base + "/issues/" + n + "/dependencies";
    return concat(
        path(
            "blocked_by",
            () ->
                concat(
                    list(
                        GET,
                        t + "/blocked_by",
                        url + "/blocked_by",
                        (d, c) -> DependencyCommands.blockedBy(d, d.repo(o, r), n, c.params())),
                    created(
                        POST,
                        t + "/blocked_by",
                        (d, c) ->
                            DependencyCommands.add(d, d.repo(o, r), n, c.actor(), c.json())))),
        path(
            segment("blocked_by").slash(longSegment()),
            id ->
                ok(
                    DELETE,
                    t + "/blocked_by/{issue_id}",
                    (d, c) -> DependencyCommands.remove(d, d.repo(o, r), n, id, c.actor()))),
        path(
            "blocking",
            () ->
                list(
                    GET,
                    t + "/blocking",
                    url + "/blocking",
                    (d, c) -> DependencyCommands.blocking(d, d.repo(o, r), n, c.params()))));
  }

  // The endpoint shapes. Each runs its work in one store.apply, so that a request reads and
  // changes the data atomically and its webhooks leave after it.

  private Route ok(HttpMethod method, String path, BiFunction<SimData, Call, JsonNode> read) {
    return op(method, path, c -> SimResponse.ok(store.apply(d -> read.apply(d, c))));
  }

  private Route created(
      HttpMethod method, String path, BiFunction<SimData, Call, ObjectNode> create) {
    return op(method, path, c -> SimResponse.created(store.apply(d -> create.apply(d, c))));
  }

  /** Work GitHub does later: answered 202. */
  private Route accepted(
      HttpMethod method, String path, BiFunction<SimData, Call, ObjectNode> request) {
    return op(method, path, c -> SimResponse.accepted(store.apply(d -> request.apply(d, c))));
  }

  /** An endpoint that shapes its whole answer, headers included. */
  private Route answer(
      HttpMethod method, String path, BiFunction<SimData, Call, SimResponse> read) {
    return op(method, path, c -> store.apply(d -> read.apply(d, c)));
  }

  /** One page; {@code url} is where the {@code Link} header sends a client for the others. */
  private Route list(
      HttpMethod method, String path, String url, BiFunction<SimData, Call, Listed> page) {
    return op(
        method, path, c -> SimResponse.list(store.apply(d -> page.apply(d, c)), url, c.params()));
  }

  private Route noContent(HttpMethod method, String path, BiConsumer<SimData, Call> change) {
    return op(
        method,
        path,
        c -> {
          store.apply(
              d -> {
                change.accept(d, c);
                return null;
              });
          return SimResponse.noContent();
        });
  }

  /** GitHub answers its yes-or-no questions with 204 or 404. */
  private Route found(HttpMethod method, String path, BiPredicate<SimData, Call> question) {
    return op(
        method,
        path,
        c ->
            store.apply(d -> question.test(d, c))
                ? SimResponse.noContent()
                : SimResponse.error(GitHubErrorResponse.notFound()));
  }

  /**
   * The name, {@code GET /user} and the like, is what the stats count by and how the front door
   * knows {@code GET /rate_limit}, which spends no quota.
   */
  private Route op(HttpMethod method, String path, FrontDoor.Endpoint endpoint) {
    return method(method, () -> op(method.value() + " " + path, endpoint));
  }

  /** An endpoint of the App itself, authenticated by its JWT (see {@link FrontDoor#serveApp}). */
  private Route appOp(String name, java.util.function.Function<SimApp, SimResponse> endpoint) {
    return extractRequest(
        request ->
            completeWithFuture(
                front.serveApp(
                    name,
                    request,
                    app -> {
                      try {
                        return endpoint.apply(app);
                      } catch (GitHubErrorResponse e) {
                        return SimResponse.error(e);
                      }
                    })));
  }

  private Route op(String name, FrontDoor.Endpoint endpoint) {
    return extractRequest(
        request ->
            parameterMap(
                params ->
                    entity(
                        Unmarshaller.entityToString(),
                        body ->
                            completeWithFuture(
                                front.serve(name, request, Map.copyOf(params), body, endpoint)))));
  }
}
