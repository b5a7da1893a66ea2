package org.roadmapsync.sim;

import static org.apache.pekko.http.javadsl.server.PathMatchers.integerSegment;
import static org.apache.pekko.http.javadsl.server.PathMatchers.longSegment;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/** GitHub's REST paths, directly under the API root as on api.github.com. */
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
        path(
            "user",
            () ->
                get(
                    () ->
                        op(
                            "GET /user",
                            c ->
                                SimResponse.ok(
                                    store.apply(d -> d.json.privateUser(c.actor(), d.now())))))),
        path(
            "rate_limit",
            () -> get(() -> op("GET /rate_limit", c -> SimResponse.ok(front.rateLimitBody())))),
        path(
            "graphql",
            () ->
                post(
                    () ->
                        op(
                            "POST /graphql",
                            c ->
                                SimResponse.ok(
                                    store.apply(
                                        d -> GraphQlCommands.run(d, c.actor(), c.json())))))),
        pathPrefix(
            "repos",
            () -> pathPrefix(segment(), owner -> pathPrefix(segment(), name -> repo(owner, name)))),
        op(
            "unknown",
            c -> {
              throw GitHubErrorResponse.notFound();
            }));
  }

  private Route repo(String o, String r) {
    String base = json.apiRoot() + "/repos/" + o + "/" + r;
    return concat(
        pathEnd(
            () ->
                get(
                    () ->
                        op(
                            "GET /repos/{o}/{r}",
                            c ->
                                SimResponse.ok(
                                    store.apply(d -> d.json.repository(d.repo(o, r), d.now())))))),
        pathPrefix("issues", () -> issues(o, r, base)),
        pathPrefix("labels", () -> labels(o, r, base)),
        pathPrefix("milestones", () -> milestones(o, r, base)),
        pathPrefix("pulls", () -> pulls(o, r, base)),
        pathPrefix("branches", () -> branches(o, r, base)),
        pathPrefix("git", () -> refs(o, r)),
        path(
            "assignees",
            () ->
                get(
                    () ->
                        op(
                            "GET /repos/{o}/{r}/assignees",
                            c ->
                                SimResponse.ok(
                                    store.apply(
                                        d -> {
                                          SimRepo repo = d.repo(o, r);
                                          var logins =
                                              new ArrayList<String>(List.of(repo.name.owner()));
                                          d.assignable.stream()
                                              .filter(a -> !a.equalsIgnoreCase(repo.name.owner()))
                                              .forEach(logins::add);
                                          return GitHubShapes.array(logins, d.json::user);
                                        }))))),
        path(
            segment("assignees").slash(segment()),
            login ->
                get(
                    () ->
                        op(
                            "GET /repos/{o}/{r}/assignees/{assignee}",
                            c ->
                                store.apply(d -> d.canAssign(d.repo(o, r), login))
                                    ? SimResponse.noContent()
                                    : SimResponse.error(GitHubErrorResponse.notFound())))));
  }

  private Route issues(String o, String r, String base) {
    String t = "/repos/{o}/{r}/issues";
    return concat(
        pathEnd(
            () ->
                concat(
                    get(
                        () ->
                            op(
                                "GET " + t,
                                c ->
                                    SimResponse.list(
                                        store.apply(
                                            d ->
                                                IssueCommands.list(
                                                    d,
                                                    d.repo(o, r),
                                                    IssueListFilters.from(c.params()))),
                                        base + "/issues",
                                        c.params()))),
                    post(
                        () ->
                            op(
                                "POST " + t,
                                c ->
                                    SimResponse.created(
                                        store.apply(
                                            d ->
                                                IssueCommands.createJson(
                                                    d, d.repo(o, r), c.actor(), c.json()))))))),
        path(
            "comments",
            () ->
                get(
                    () ->
                        op(
                            "GET " + t + "/comments",
                            c ->
                                SimResponse.list(
                                    store.apply(
                                        d ->
                                            CommentCommands.listForRepo(
                                                d, d.repo(o, r), c.params())),
                                    base + "/issues/comments",
                                    c.params())))),
        path(
            segment("comments").slash(longSegment()),
            id ->
                concat(
                    get(
                        () ->
                            op(
                                "GET " + t + "/comments/{id}",
                                c ->
                                    SimResponse.ok(
                                        store.apply(
                                            d -> CommentCommands.get(d, d.repo(o, r), id))))),
                    patch(
                        () ->
                            op(
                                "PATCH " + t + "/comments/{id}",
                                c ->
                                    SimResponse.ok(
                                        store.apply(
                                            d ->
                                                CommentCommands.update(
                                                    d, d.repo(o, r), id, c.actor(), c.json()))))),
                    delete(
                        () ->
                            op(
                                "DELETE " + t + "/comments/{id}",
                                c -> {
                                  store.apply(
                                      d -> {
                                        CommentCommands.delete(d, d.repo(o, r), id, c.actor());
                                        return null;
                                      });
                                  return SimResponse.noContent();
                                })))),
        pathPrefix(integerSegment(), n -> issue(o, r, n, base)));
  }

  private Route issue(String o, String r, int n, String base) {
    String t = "/repos/{o}/{r}/issues/{n}";
    return concat(
        pathEnd(
            () ->
                concat(
                    get(
                        () ->
                            op(
                                "GET " + t,
                                c ->
                                    SimResponse.ok(
                                        store.apply(d -> IssueCommands.get(d, d.repo(o, r), n))))),
                    patch(
                        () ->
                            op(
                                "PATCH " + t,
                                c ->
                                    SimResponse.ok(
                                        store.apply(
                                            d ->
                                                IssueCommands.update(
                                                    d, d.repo(o, r), n, c.actor(), c.json()))))))),
        path(
            "comments",
            () ->
                concat(
                    get(
                        () ->
                            op(
                                "GET " + t + "/comments",
                                c ->
                                    SimResponse.list(
                                        store.apply(
                                            d ->
                                                CommentCommands.listForIssue(
                                                    d, d.repo(o, r), n, c.params())),
                                        base + "/issues/" + n + "/comments",
                                        c.params()))),
                    post(
                        () ->
                            op(
                                "POST " + t + "/comments",
                                c ->
                                    SimResponse.created(
                                        store.apply(
                                            d ->
                                                CommentCommands.create(
                                                    d, d.repo(o, r), n, c.actor(), c.json()))))))),
        path(
            "labels",
            () ->
                concat(
                    get(
                        () ->
                            op(
                                "GET " + t + "/labels",
                                c ->
                                    SimResponse.ok(
                                        store.apply(
                                            d -> IssueCommands.issueLabels(d, d.repo(o, r), n))))),
                    post(
                        () ->
                            op(
                                "POST " + t + "/labels",
                                c ->
                                    SimResponse.ok(
                                        store.apply(
                                            d ->
                                                IssueCommands.addLabels(
                                                    d,
                                                    d.repo(o, r),
                                                    n,
                                                    c.actor(),
                                                    JsonBody.any(c.rawBody()),
                                                    false))))),
                    put(
                        () ->
                            op(
                                "PUT " + t + "/labels",
                                c ->
                                    SimResponse.ok(
                                        store.apply(
                                            d ->
                                                IssueCommands.addLabels(
                                                    d,
                                                    d.repo(o, r),
                                                    n,
                                                    c.actor(),
                                                    JsonBody.any(c.rawBody()),
                                                    true))))),
                    delete(
                        () ->
                            op(
                                "DELETE " + t + "/labels",
                                c -> {
                                  store.apply(
                                      d ->
                                          IssueCommands.addLabels(
                                              d,
                                              d.repo(o, r),
                                              n,
                                              c.actor(),
                                              JsonBody.labels(),
                                              true));
                                  return SimResponse.noContent();
                                })))),
        path(
            segment("labels").slash(segment()),
            name ->
                delete(
                    () ->
                        op(
                            "DELETE " + t + "/labels/{name}",
                            c ->
                                SimResponse.ok(
                                    store.apply(
                                        d ->
                                            IssueCommands.removeLabel(
                                                d, d.repo(o, r), n, c.actor(), name)))))),
        path(
            "lock",
            () ->
                concat(
                    put(() -> op("PUT " + t + "/lock", c -> lock(o, r, n, c, true))),
                    delete(() -> op("DELETE " + t + "/lock", c -> lock(o, r, n, c, false))))),
        path(
            "assignees",
            () ->
                concat(
                    post(
                        () ->
                            op(
                                "POST " + t + "/assignees",
                                c ->
                                    SimResponse.created(
                                        store.apply(
                                            d ->
                                                IssueCommands.assignees(
                                                    d,
                                                    d.repo(o, r),
                                                    n,
                                                    c.actor(),
                                                    c.json(),
                                                    true))))),
                    delete(
                        () ->
                            op(
                                "DELETE " + t + "/assignees",
                                c ->
                                    SimResponse.ok(
                                        store.apply(
                                            d ->
                                                IssueCommands.assignees(
                                                    d,
                                                    d.repo(o, r),
                                                    n,
                                                    c.actor(),
                                                    c.json(),
                                                    false))))))));
  }

  private SimResponse lock(String o, String r, int n, Call c, boolean lock) {
    ObjectNode body = c.json();
    store.apply(
        d -> {
          IssueCommands.lock(d, d.repo(o, r), n, c.actor(), body, lock);
          return null;
        });
    return SimResponse.noContent();
  }

  private Route labels(String o, String r, String base) {
    String t = "/repos/{o}/{r}/labels";
    return concat(
        pathEnd(
            () ->
                concat(
                    get(
                        () ->
                            op(
                                "GET " + t,
                                c ->
                                    SimResponse.list(
                                        store.apply(
                                            d ->
                                                LabelCommands.list(
                                                    d,
                                                    d.repo(o, r),
                                                    Paging.page(c.params()),
                                                    Paging.perPage(c.params()))),
                                        base + "/labels",
                                        c.params()))),
                    post(
                        () ->
                            op(
                                "POST " + t,
                                c ->
                                    SimResponse.created(
                                        store.apply(
                                            d ->
                                                LabelCommands.create(
                                                    d, d.repo(o, r), c.actor(), c.json()))))))),
        path(
            segment(),
            name ->
                concat(
                    get(
                        () ->
                            op(
                                "GET " + t + "/{name}",
                                c ->
                                    SimResponse.ok(
                                        store.apply(
                                            d -> LabelCommands.get(d, d.repo(o, r), name))))),
                    patch(
                        () ->
                            op(
                                "PATCH " + t + "/{name}",
                                c ->
                                    SimResponse.ok(
                                        store.apply(
                                            d ->
                                                LabelCommands.update(
                                                    d, d.repo(o, r), c.actor(), name, c.json()))))),
                    delete(
                        () ->
                            op(
                                "DELETE " + t + "/{name}",
                                c -> {
                                  store.apply(
                                      d -> {
                                        LabelCommands.delete(d, d.repo(o, r), c.actor(), name);
                                        return null;
                                      });
                                  return SimResponse.noContent();
                                })))));
  }

  private Route milestones(String o, String r, String base) {
    String t = "/repos/{o}/{r}/milestones";
    return concat(
        pathEnd(
            () ->
                concat(
                    get(
                        () ->
                            op(
                                "GET " + t,
                                c ->
                                    SimResponse.list(
                                        store.apply(
                                            d ->
                                                MilestoneCommands.list(
                                                    d, d.repo(o, r), c.params())),
                                        base + "/milestones",
                                        c.params()))),
                    post(
                        () ->
                            op(
                                "POST " + t,
                                c ->
                                    SimResponse.created(
                                        store.apply(
                                            d ->
                                                MilestoneCommands.create(
                                                    d, d.repo(o, r), c.actor(), c.json()))))))),
        path(
            integerSegment(),
            n ->
                concat(
                    get(
                        () ->
                            op(
                                "GET " + t + "/{n}",
                                c ->
                                    SimResponse.ok(
                                        store.apply(
                                            d -> MilestoneCommands.get(d, d.repo(o, r), n))))),
                    patch(
                        () ->
                            op(
                                "PATCH " + t + "/{n}",
                                c ->
                                    SimResponse.ok(
                                        store.apply(
                                            d ->
                                                MilestoneCommands.update(
                                                    d, d.repo(o, r), c.actor(), n, c.json()))))),
                    delete(
                        () ->
                            op(
                                "DELETE " + t + "/{n}",
                                c -> {
                                  store.apply(
                                      d -> {
                                        MilestoneCommands.delete(d, d.repo(o, r), c.actor(), n);
                                        return null;
                                      });
                                  return SimResponse.noContent();
                                })))));
  }

  private Route pulls(String o, String r, String base) {
    String t = "/repos/{o}/{r}/pulls";
    return concat(
        pathEnd(
            () ->
                concat(
                    get(
                        () ->
                            op(
                                "GET " + t,
                                c ->
                                    SimResponse.list(
                                        store.apply(
                                            d -> PullCommands.list(d, d.repo(o, r), c.params())),
                                        base + "/pulls",
                                        c.params()))),
                    post(
                        () ->
                            op(
                                "POST " + t,
                                c ->
                                    SimResponse.created(
                                        store.apply(
                                            d ->
                                                PullCommands.create(
                                                    d, d.repo(o, r), c.actor(), c.json()))))))),
        path(
            integerSegment(),
            n ->
                concat(
                    get(
                        () ->
                            op(
                                "GET " + t + "/{n}",
                                c ->
                                    SimResponse.ok(
                                        store.apply(d -> PullCommands.get(d, d.repo(o, r), n))))),
                    patch(
                        () ->
                            op(
                                "PATCH " + t + "/{n}",
                                c ->
                                    SimResponse.ok(
                                        store.apply(
                                            d ->
                                                PullCommands.update(
                                                    d, d.repo(o, r), n, c.actor(), c.json()))))))),
        path(
            integerSegment().slash("merge"),
            n ->
                concat(
                    get(
                        () ->
                            op(
                                "GET " + t + "/{n}/merge",
                                c ->
                                    store.apply(d -> PullCommands.merged(d, d.repo(o, r), n))
                                        ? SimResponse.noContent()
                                        : SimResponse.error(GitHubErrorResponse.notFound()))),
                    put(
                        () ->
                            op(
                                "PUT " + t + "/{n}/merge",
                                c ->
                                    SimResponse.ok(
                                        store.apply(
                                            d ->
                                                PullCommands.merge(
                                                    d, d.repo(o, r), n, c.actor(), c.json()))))))));
  }

  private Route branches(String o, String r, String base) {
    String t = "/repos/{o}/{r}/branches";
    return concat(
        pathEnd(
            () ->
                get(
                    () ->
                        op(
                            "GET " + t,
                            c ->
                                SimResponse.list(
                                    store.apply(
                                        d -> BranchCommands.list(d, d.repo(o, r), c.params())),
                                    base + "/branches",
                                    c.params())))),
        path(
            segment(),
            b ->
                get(
                    () ->
                        op(
                            "GET " + t + "/{branch}",
                            c ->
                                SimResponse.ok(
                                    store.apply(d -> BranchCommands.get(d, d.repo(o, r), b)))))));
  }

  private Route refs(String o, String r) {
    String t = "/repos/{o}/{r}/git";
    return concat(
        path(
            "refs",
            () ->
                post(
                    () ->
                        op(
                            "POST " + t + "/refs",
                            c ->
                                SimResponse.created(
                                    store.apply(
                                        d ->
                                            BranchCommands.createRef(
                                                d, d.repo(o, r), c.json())))))),
        path(
            segment("ref").slash("heads").slash(segment()),
            b ->
                get(
                    () ->
                        op(
                            "GET " + t + "/ref/heads/{branch}",
                            c ->
                                SimResponse.ok(
                                    store.apply(d -> BranchCommands.getRef(d, d.repo(o, r), b)))))),
        path(
            segment("refs").slash("heads").slash(segment()),
            b ->
                delete(
                    () ->
                        op(
                            "DELETE " + t + "/refs/heads/{branch}",
                            c -> {
                              store.apply(
                                  d -> {
                                    BranchCommands.deleteRef(d.repo(o, r), b);
                                    return null;
                                  });
                              return SimResponse.noContent();
                            }))));
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
