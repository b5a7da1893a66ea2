package org.roadmapsync.roadmap;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The fields to set on one roadmap issue; fields not listed are left exactly as they are in the
 * file. Build with {@code IssueEdit.builder().title("...").status(IssueStatus.CLOSED).build()}.
 * {@code milestone(null)}, {@code assignee(null)} and {@code githubIssue(null)} clear the field.
 *
 * <p>{@code comments(list)} gives the complete list the file should hold, in file order: entries
 * are matched to the file's by id; one equal in content (line aside) keeps its characters, a
 * changed one gets edits of its changed keys only, one not in the list is removed and a new one is
 * written where the list puts it. The list may not reorder entries the file has.
 *
 * <p>{@code dependsOn(list)} and {@code blocks(list)} give the complete list of roadmap ids each
 * key should hold; a list equal to the file's, order aside, leaves the key's bytes as they are.
 *
 * @param updatedAt the value for {@code updated}; empty means "now" when anything changes
 */
public record IssueEdit(
    Set<Field> fields,
    String title,
    String body,
    List<String> labels,
    String milestone,
    String assignee,
    IssueStatus status,
    IssuePriority priority,
    IssueType issueType,
    Integer githubIssue,
    Boolean archived,
    List<RoadmapComment> comments,
    List<String> dependsOn,
    List<String> blocks,
    Optional<Instant> updatedAt) {

  /** The fields an edit can set. */
  public enum Field {
    TITLE,
    BODY,
    LABELS,
    MILESTONE,
    ASSIGNEE,
    STATUS,
    PRIORITY,
    ISSUE_TYPE,
    GITHUB_ISSUE,
    ARCHIVED,
    COMMENTS,
    DEPENDS_ON,
    BLOCKS
  }

  public IssueEdit {
    fields = fields.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(fields));
    labels = labels == null ? null : List.copyOf(labels);
    comments = comments == null ? null : List.copyOf(comments);
    dependsOn = dependsOn == null ? null : List.copyOf(dependsOn);
    blocks = blocks == null ? null : List.copyOf(blocks);
  }

  public boolean sets(Field field) {
    return fields.contains(field);
  }

  public Optional<String> milestoneValue() {
    return Optional.ofNullable(milestone);
  }

  public OptionalInt githubIssueValue() {
    return githubIssue == null ? OptionalInt.empty() : OptionalInt.of(githubIssue);
  }

  /** The same edit, writing {@code at} into {@code updated}. */
  public IssueEdit withUpdatedAt(Instant at) {
    return new IssueEdit(
        fields,
        title,
        body,
        labels,
        milestone,
        assignee,
        status,
        priority,
        issueType,
        githubIssue,
        archived,
        comments,
        dependsOn,
        blocks,
        Optional.of(at));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects the fields to set. */
  public static final class Builder {
    private final EnumSet<Field> fields = EnumSet.noneOf(Field.class);
    private String title;
    private String body;
    private List<String> labels;
    private String milestone;
    private String assignee;
    private IssueStatus status;
    private IssuePriority priority;
    private IssueType issueType;
    private Integer githubIssue;
    private Boolean archived;
    private List<RoadmapComment> comments;
    private List<String> dependsOn;
    private List<String> blocks;
    private Instant updatedAt;

    public Builder title(String value) {
      title = requireNonNull(value, "title");
      fields.add(Field.TITLE);
      return this;
    }

    public Builder body(String value) {
      body = requireNonNull(value, "body");
      fields.add(Field.BODY);
      return this;
    }

    public Builder labels(List<String> value) {
      labels = List.copyOf(requireNonNull(value, "labels"));
      fields.add(Field.LABELS);
      return this;
    }

    public Builder milestone(String value) {
      milestone = value == null || value.isBlank() ? null : value;
      fields.add(Field.MILESTONE);
      return this;
    }

    public Builder assignee(String value) {
      assignee = value == null || value.isBlank() ? null : value;
      fields.add(Field.ASSIGNEE);
      return this;
    }

    public Builder status(IssueStatus value) {
      status = requireNonNull(value, "status");
      fields.add(Field.STATUS);
      return this;
    }

    public Builder priority(IssuePriority value) {
      priority = requireNonNull(value, "priority");
      fields.add(Field.PRIORITY);
      return this;
    }

    public Builder issueType(IssueType value) {
      issueType = requireNonNull(value, "issueType");
      fields.add(Field.ISSUE_TYPE);
      return this;
    }

    public Builder githubIssue(Integer value) {
      if (value != null && value <= 0) {
        throw new IllegalArgumentException("a GitHub issue number is positive, got " + value);
      }
      githubIssue = value;
      fields.add(Field.GITHUB_ISSUE);
      return this;
    }

    public Builder archived(boolean value) {
      archived = value;
      fields.add(Field.ARCHIVED);
      return this;
    }

    /**
     * The complete list of comments the file should hold, in file order (see {@link IssueEdit}).
     *
     * @throws IllegalArgumentException when two comments have the same id
     */
    public Builder comments(List<RoadmapComment> value) {
      List<RoadmapComment> list = List.copyOf(requireNonNull(value, "comments"));
      Set<Integer> ids = new HashSet<>();
      for (RoadmapComment comment : list) {
        if (!ids.add(comment.id())) {
          throw new IllegalArgumentException(
              "comment id " + comment.id() + " is in the comments twice");
        }
      }
      comments = list;
      fields.add(Field.COMMENTS);
      return this;
    }

    /** The roadmap ids {@code depends_on} should hold. */
    public Builder dependsOn(List<String> value) {
      dependsOn = List.copyOf(requireNonNull(value, "dependsOn"));
      fields.add(Field.DEPENDS_ON);
      return this;
    }

    /** The roadmap ids {@code blocks} should hold. */
    public Builder blocks(List<String> value) {
      blocks = List.copyOf(requireNonNull(value, "blocks"));
      fields.add(Field.BLOCKS);
      return this;
    }

    /** Writes this time into {@code updated} instead of the current time. */
    public Builder updatedAt(Instant value) {
      updatedAt = requireNonNull(value, "updatedAt");
      return this;
    }

    public IssueEdit build() {
      return new IssueEdit(
          fields,
          title,
          body,
          labels,
          milestone,
          assignee,
          status,
          priority,
          issueType,
          githubIssue,
          archived,
          comments,
          dependsOn,
          blocks,
          Optional.ofNullable(updatedAt));
    }

    private static <T> T requireNonNull(T value, String name) {
      if (value == null) {
        throw new IllegalArgumentException(name + " cannot be null");
      }
      return value;
    }
  }
}
