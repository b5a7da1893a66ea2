package org.roadmapsync.sync;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.roadmapsync.persistence.CborSerializable;

/**
 * The synced fields of one issue in roadmap terms; both sides are mapped into this shape, so
 * comparing, merging and journaling never deal with GitHub's or the file's representation.
 *
 * <p>Values: {@code body} normalised (LF line endings, surrounding blank lines trimmed, no
 * roadmap-sync marker); {@code labels} sorted and without the mapped status/priority/type labels;
 * {@code status}, {@code priority}, {@code issueType} as the roadmap file writes them ({@code
 * in-progress}, {@code high}, {@code feature}); absent values are null.
 */
public record IssueFields(
    String title,
    String body,
    List<String> labels,
    String milestone,
    String assignee,
    String status,
    String priority,
    String issueType)
    implements CborSerializable {

  public IssueFields {
    labels = labels == null ? List.of() : List.copyOf(new TreeSet<>(labels));
  }

  public Object value(SyncField field) {
    return switch (field) {
      case TITLE -> title;
      case BODY -> body;
      case LABELS -> labels;
      case MILESTONE -> milestone;
      case ASSIGNEE -> assignee;
      case STATUS -> status;
      case PRIORITY -> priority;
      case ISSUE_TYPE -> issueType;
    };
  }

  @SuppressWarnings("unchecked")
  public IssueFields with(SyncField field, Object value) {
    return new IssueFields(
        field == SyncField.TITLE ? (String) value : title,
        field == SyncField.BODY ? (String) value : body,
        field == SyncField.LABELS ? (List<String>) value : labels,
        field == SyncField.MILESTONE ? (String) value : milestone,
        field == SyncField.ASSIGNEE ? (String) value : assignee,
        field == SyncField.STATUS ? (String) value : status,
        field == SyncField.PRIORITY ? (String) value : priority,
        field == SyncField.ISSUE_TYPE ? (String) value : issueType);
  }

  public boolean sameAs(IssueFields other, SyncField field) {
    return other != null && Objects.equals(value(field), other.value(field));
  }
}
