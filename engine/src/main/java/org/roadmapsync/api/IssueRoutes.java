package org.roadmapsync.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;
import org.roadmapsync.sync.CommentThread;
import org.roadmapsync.sync.DependencySync;
import org.roadmapsync.sync.FieldConflict;
import org.roadmapsync.sync.HistoryEntry;
import org.roadmapsync.sync.IssueFields;
import org.roadmapsync.sync.IssueLink;
import org.roadmapsync.sync.IssueSyncEntity;
import org.roadmapsync.sync.IssueSyncRows;
import org.roadmapsync.sync.IssueSyncState;
import org.roadmapsync.sync.LocalComment;
import org.roadmapsync.sync.RemoteComment;
import org.roadmapsync.sync.Side;
import org.roadmapsync.sync.SyncField;
import org.roadmapsync.sync.SyncService;
import org.roadmapsync.sync.SyncStatus;

/**
 * {@code /api/issues}, {@code /api/sync}, {@code /api/conflicts}: the sync engine's admin
 * endpoints.
 *
 * <p>About 520 lines: one route per endpoint of {@code /api/issues} and its bodies' records (the
 * detail with both sides' comments, a resolve of fields and comments); the work is {@code
 * SyncService}'s, the rows' search, sort and paging {@code IssueListing}'s.
 */
final class IssueRoutes extends AllDirectives {

  private static final Pattern ISSUE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");
  private static final Pattern REPO =
      Pattern.compile("[A-Za-z0-9_.-]{1,100}/[A-Za-z0-9_.-]{1,100}");

  /**
   * Detail of one issue: the row, the failures in a row since the last sync ({@code attempts}, 0
   * when none) and when it is tried again on its own ({@code nextRetryAt}, null when not planned),
   * both sides, the base, the conflict and the history; then, as in the rows, the GitHub issue's
   * web page ({@code url}) and the roadmap file ({@code file}).
   */
  record IssueDetail(
      String id,
      String title,
      String repo,
      Long githubIssue,
      String syncStatus,
      Instant lastSyncAt,
      String lastSyncError,
      int attempts,
      Instant nextRetryAt,
      Map<String, String> pendingChanges,
      IssueFields base,
      IssueFields roadmap,
      IssueFields github,
      Map<String, ConflictValues> conflict,
      List<HistoryView> history,
      CommentsView comments,
      String url,
      String file) {}

  record ConflictValues(Object base, Object roadmap, Object github) {}

  /**
   * Each side's comments (the file's entries, GitHub's comments of the issue as last seen), the
   * comments GitHub refused ({@code comment}, {@code reason}) and the posts under way.
   */
  record CommentsView(
      List<LocalComment> roadmap,
      List<RemoteComment> github,
      List<CommentThread.Problem> errors,
      List<Integer> posting) {}

  /**
   * {@code note}: what pull-request activity ({@code direction} {@code pull-request}) did; absent
   * on sync entries.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record HistoryView(
      Instant at,
      String direction,
      String trigger,
      Map<String, ?> changes,
      String note,
      HistoryEntry.CommentChanges comments) {}

  record Accepted(String status, Integer issues) {}

  record Published(String id, String repo, long githubIssue) {}

  private final SyncService sync;
  private final Optional<String> defaultRepo;
  private final ObjectMapper mapper;
  private final JsonErrors errors;
  private final Optional<String> writesOff;
  private final IssueLocations locations;

  /**
   * @param writesOff why sync may not write (no token, read-only): then what would write answers
   *     503 with it, and issues waiting for a sync carry it
   * @param locations the GitHub issue's web page and the roadmap file of each issue
   */
  IssueRoutes(
      SyncService sync,
      Optional<String> defaultRepo,
      ObjectMapper mapper,
      Optional<String> writesOff,
      IssueLocations locations) {
    this.sync = sync;
    this.defaultRepo = defaultRepo;
    this.mapper = mapper;
    this.errors = new JsonErrors(mapper);
    this.writesOff = writesOff;
    this.locations = locations;
  }

  Route route() {
    return concat(
        pathPrefix(
            "issues",
            () ->
                concat(
                    pathEnd(() -> get(() -> parameterMap(this::list))),
                    pathPrefix(
                        PathMatchers.segment(),
                        id -> ISSUE_ID.matcher(id).matches() ? issue(id) : notFound(id)))),
        path("conflicts", () -> get(this::conflicts)));
  }

  private Route conflicts() {
    return located(
        where ->
            onSuccess(
                sync.rows().conflicts(),
                rows ->
                    json(
                        StatusCodes.OK,
                        rows.stream()
                            .map(row -> IssueListing.ConflictView.of(row, where))
                            .toList())));
  }

  /**
   * Every row (of {@code status}), or with any of {@link IssueListing#PAGE_PARAMETERS} a page of
   * them.
   */
  private Route list(Map<String, String> parameters) {
    Optional<String> status = Optional.ofNullable(parameters.get("status"));
    if (status.isPresent() && SyncStatus.fromApiName(status.get()).isEmpty()) {
      return bad(
          "status must be one of synced, pending, error, conflict, unlinked; got '"
              + status.get()
              + "'");
    }
    Optional<SyncStatus> wanted = status.flatMap(SyncStatus::fromApiName);
    IssueListing.Parsed parsed =
        IssueListing.paged(parameters) ? IssueListing.parse(parameters, wanted) : null;
    if (parsed != null && parsed.error() != null) {
      return bad(parsed.error());
    }
    if (parsed != null && IssueListing.countsOnly(parsed.query())) {
      return onSuccess(
          sync.rows().countByStatus(),
          counts -> json(StatusCodes.OK, IssueListing.counted(counts, parsed.query())));
    }
    // a page is chosen among every issue (its counts too); the array has the status's rows
    return onSuccess(
        sync.list(parsed == null ? wanted : Optional.empty()),
        rows ->
            parsed == null && rows.isEmpty()
                // no row to locate: the operator's `?status=error` on a healthy service
                ? json(StatusCodes.OK, List.of())
                : located(
                    where -> {
                      Function<IssueSyncRows.IssueRow, IssueListing.IssueView> view =
                          row -> IssueListing.IssueView.of(withReason(row), where);
                      return parsed == null
                          ? json(StatusCodes.OK, rows.stream().map(view).toList())
                          : json(StatusCodes.OK, IssueListing.page(rows, parsed.query(), view));
                    }));
  }

  /** Runs the inner route with where each issue can be seen (GitHub's page, its file). */
  private Route located(Function<IssueLocations.Locator, Route> inner) {
    return onSuccess(locations.current(), inner::apply);
  }

  /** When sync may not write, a linked issue not synced yet says why. */
  private IssueSyncRows.IssueRow withReason(IssueSyncRows.IssueRow row) {
    if (writesOff.isEmpty()
        || row.lastSyncError() != null
        || !row.syncStatus().equals(SyncStatus.PENDING.apiName())) {
      return row;
    }
    return new IssueSyncRows.IssueRow(
        row.id(),
        row.title(),
        row.repo(),
        row.githubIssue(),
        row.syncStatus(),
        row.lastSyncAt(),
        notSynced(),
        row.pendingChanges());
  }

  private String notSynced() {
    return "not synced: " + writesOff.orElseThrow();
  }

  /** 503 with the reason when sync may not write, else the route. */
  private Route refusedWithoutWrites(Supplier<Route> inner) {
    return writesOff
        .map(why -> complete(errors.response(StatusCodes.SERVICE_UNAVAILABLE, why)))
        .orElseGet(inner);
  }

  private Route issue(String id) {
    return concat(
        pathEnd(
            () ->
                get(
                    () ->
                        located(
                            where ->
                                known(
                                    id,
                                    state ->
                                        onSuccess(
                                            sync.dependencies(id),
                                            dependencies ->
                                                json(
                                                    StatusCodes.OK,
                                                    withDependencies(
                                                        withReason(detail(state, where)),
                                                        dependencies))))))),
        path(
            "sync",
            () ->
                post(
                    () ->
                        refusedWithoutWrites(
                            () ->
                                known(
                                    id,
                                    state ->
                                        onSuccess(
                                            sync.syncNow(id),
                                            done ->
                                                json(
                                                    StatusCodes.ACCEPTED,
                                                    new Accepted("accepted", 1))))))),
        path(
            "resolve",
            () ->
                post(
                    () ->
                        refusedWithoutWrites(
                            () -> body(json -> known(id, state -> resolve(id, state, json)))))),
        path(
            "link",
            () ->
                refusedWithoutWrites(
                    () ->
                        concat(
                            post(() -> body(json -> known(id, state -> link(id, json)))),
                            delete(() -> known(id, state -> unlink(id, state)))))),
        path(
            "publish",
            () -> post(() -> refusedWithoutWrites(() -> known(id, state -> publish(id))))));
  }

  private Route unlink(String id, IssueSyncState state) {
    return onSuccess(
        sync.unlink(id),
        done ->
            located(
                where ->
                    json(
                        StatusCodes.OK,
                        detail(state.apply(new IssueSyncEntity.Unlinked()), where))));
  }

  /**
   * The detail with {@code dependencies} (pending relations, GitHub's no file links, refused
   * writes, unusable ids, cycles) when the dependencies' sync runs.
   */
  private Object withDependencies(
      IssueDetail detail, Optional<DependencySync.IssueDependencies> dependencies) {
    if (dependencies.isEmpty()) {
      return detail;
    }
    com.fasterxml.jackson.databind.node.ObjectNode node = mapper.valueToTree(detail);
    node.set("dependencies", mapper.valueToTree(dependencies.get()));
    return node;
  }

  private IssueDetail withReason(IssueDetail d) {
    if (writesOff.isEmpty()
        || d.lastSyncError() != null
        || !d.syncStatus().equals(SyncStatus.PENDING.apiName())) {
      return d;
    }
    return new IssueDetail(
        d.id(),
        d.title(),
        d.repo(),
        d.githubIssue(),
        d.syncStatus(),
        d.lastSyncAt(),
        notSynced(),
        d.attempts(),
        d.nextRetryAt(),
        d.pendingChanges(),
        d.base(),
        d.roadmap(),
        d.github(),
        d.conflict(),
        d.history(),
        d.comments(),
        d.url(),
        d.file());
  }

  private Route resolve(String id, IssueSyncState state, JsonNode body) {
    List<FieldConflict> fields = state.conflict();
    List<CommentThread.Conflict> comments = state.comments().conflicts();
    if (fields.isEmpty() && comments.isEmpty()) {
      return complete(errors.response(StatusCodes.CONFLICT, "issue " + id + " is not in conflict"));
    }
    Map<SyncField, Side> choices = new EnumMap<>(SyncField.class);
    Map<Integer, Side> commentChoices = new HashMap<>();
    if (body.hasNonNull("keep")) {
      Optional<Side> side = side(body.get("keep"));
      if (side.isEmpty()) {
        return bad("keep must be \"roadmap\" or \"github\"");
      }
      fields.forEach(c -> choices.put(c.field(), side.get()));
      comments.forEach(c -> commentChoices.put(c.comment(), side.get()));
    } else if (body.path("fields").isObject()) {
      for (var it = body.get("fields").fields(); it.hasNext(); ) {
        var entry = it.next();
        Optional<SyncField> field = SyncField.fromApiName(entry.getKey());
        Optional<CommentThread.Conflict> comment =
            comments.stream().filter(c -> c.apiName().equals(entry.getKey())).findFirst();
        Optional<Side> side = side(entry.getValue());
        if ((field.isEmpty() && comment.isEmpty()) || side.isEmpty()) {
          return bad(
              "fields maps a field name (or comment:ID) to \"roadmap\" or \"github\"; got "
                  + entry.getKey()
                  + ": "
                  + entry.getValue());
        }
        field.ifPresent(f -> choices.put(f, side.get()));
        comment.ifPresent(c -> commentChoices.put(c.comment(), side.get()));
      }
      List<String> missing = new ArrayList<>();
      fields.stream()
          .map(FieldConflict::field)
          .filter(f -> !choices.containsKey(f))
          .forEach(f -> missing.add(f.apiName()));
      comments.stream()
          .filter(c -> !commentChoices.containsKey(c.comment()))
          .forEach(c -> missing.add(c.apiName()));
      if (!missing.isEmpty()) {
        return bad("no choice for the conflicting field(s) " + String.join(", ", missing));
      }
    } else {
      return bad(
          "expected {\"keep\":\"roadmap\"|\"github\"} or {\"fields\":{\"title\":\"github\",...}}");
    }
    return answer(
        sync.resolve(id, choices, commentChoices),
        StatusCodes.CONFLICT,
        done -> json(StatusCodes.OK, new Accepted("resolved", 1)));
  }

  private Route link(String id, JsonNode body) {
    JsonNode number = body.get("githubIssue");
    if (number == null
        || !number.canConvertToLong()
        || !number.isIntegralNumber()
        || number.asLong() <= 0) {
      return bad("githubIssue must be a positive issue number");
    }
    String repo = body.hasNonNull("repo") ? body.get("repo").asText() : defaultRepo.orElse(null);
    if (repo == null || !REPO.matcher(repo).matches()) {
      return bad(
          repo == null
              ? "no repo given and no default repository configured"
              : "repo must be owner/name");
    }
    IssueLink link = new IssueLink(repo, number.asLong());
    return onSuccess(
        sync.links().linkedTo(link),
        owner ->
            owner
                .filter(other -> !other.equals(id))
                .map(
                    other ->
                        complete(
                            errors.response(
                                StatusCodes.CONFLICT,
                                link + " is already linked to roadmap issue " + other)))
                .orElseGet(
                    () ->
                        answer(
                            sync.link(id, link),
                            StatusCodes.UNPROCESSABLE_ENTITY,
                            done ->
                                located(
                                    where ->
                                        known(
                                            id,
                                            state ->
                                                json(StatusCodes.OK, detail(state, where)))))));
  }

  private Route publish(String id) {
    return answer(
        sync.publish(id),
        StatusCodes.UNPROCESSABLE_ENTITY,
        link -> json(StatusCodes.OK, new Published(id, link.repo(), link.number())));
  }

  /** Runs the inner route for an issue sync knows, else 404. */
  private Route known(String id, Function<IssueSyncState, Route> inner) {
    return onSuccess(sync.state(id), state -> state.map(inner).orElseGet(() -> notFound(id)));
  }

  /** An entity's refusal (a StatusReply error) becomes {@code refusal} with its reason. */
  private <T> Route answer(CompletionStage<T> reply, StatusCode refusal, Function<T, Route> ok) {
    return onComplete(
        reply,
        result -> {
          if (result.isSuccess()) {
            return ok.apply(result.get());
          }
          Throwable error = result.failed().get();
          if (error instanceof StatusReply.ErrorMessage message) {
            return complete(errors.response(refusal, message.getMessage()));
          }
          return complete(
              errors.response(
                  StatusCodes.SERVICE_UNAVAILABLE,
                  "sync did not answer in time: " + error.getMessage()));
        });
  }

  private Route body(Function<JsonNode, Route> inner) {
    return entity(
        Jackson.unmarshaller(mapper, JsonNode.class),
        json -> json.isObject() ? inner.apply(json) : bad("expected a JSON object"));
  }

  private static Optional<Side> side(JsonNode value) {
    return switch (value.asText("")) {
      case "roadmap" -> Optional.of(Side.ROADMAP);
      case "github" -> Optional.of(Side.GITHUB);
      default -> Optional.empty();
    };
  }

  private Route notFound(String id) {
    return complete(
        errors.response(StatusCodes.NOT_FOUND, "no roadmap issue with id '" + id + "'"));
  }

  private Route bad(String detail) {
    return complete(errors.response(StatusCodes.BAD_REQUEST, detail));
  }

  private <T> Route json(StatusCode status, T body) {
    return complete(status, body, Jackson.marshaller(mapper));
  }

  static IssueDetail detail(IssueSyncState s, IssueLocations.Locator where) {
    Map<String, ConflictValues> conflict = new LinkedHashMap<>();
    s.conflict()
        .forEach(
            c ->
                conflict.put(
                    c.field().apiName(), new ConflictValues(c.base(), c.roadmap(), c.github())));
    List<HistoryView> history =
        s.history().stream()
            .map(
                h ->
                    new HistoryView(
                        h.at(),
                        h.direction().apiName(),
                        h.trigger().apiName(),
                        h.changes(),
                        h.note(),
                        h.comments()))
            .toList();
    s.comments()
        .conflicts()
        .forEach(
            c ->
                conflict.put(
                    c.apiName(), new ConflictValues(c.base(), c.roadmap(), c.githubText())));
    CommentThread thread = s.comments();
    CommentsView comments =
        new CommentsView(
            s.local() == null || s.local().comments() == null ? List.of() : s.local().comments(),
            thread.githubInOrder(),
            thread.problems(),
            List.copyOf(thread.posting().keySet()));
    return new IssueDetail(
        s.id(),
        s.title(),
        s.link() == null ? null : s.link().repo(),
        s.link() == null ? null : s.link().number(),
        s.status().apiName(),
        s.lastSyncAt(),
        s.localProblem() != null ? s.localProblem() : s.syncError(),
        s.requeued() == null ? 0 : s.requeued().attempts(),
        s.requeued() == null ? null : s.requeued().at(),
        s.pendingChanges(),
        s.base(),
        s.local() == null ? null : s.local().fields(),
        s.remote() == null ? null : s.remote().fields(),
        conflict,
        history,
        comments,
        s.link() == null ? null : where.url(s.link().repo(), s.link().number()),
        where.file(s.id()));
  }
}
