package org.roadmapsync.roadmap;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Turns an issue file's {@code comments} into a wanted list with text edits, matching entries by
 * {@code id}: an entry with the same content keeps every character, a changed one gets edits of
 * only its changed keys ({@link CommentEntryEditor}), a removed one loses its lines, and a new one
 * is written in the tool's style where the list puts it. Existing entries never move.
 */
final class CommentListEditor {
  private final FrontMatterDocument doc;
  private final FrontMatterEditor editor;
  private final NodeSpans spans;
  private final String eol;
  private final String issueId;

  CommentListEditor(FrontMatterDocument doc, FrontMatterEditor editor, String issueId) {
    this.doc = doc;
    this.editor = editor;
    this.spans = new NodeSpans(doc);
    this.eol = doc.lineEnding();
    this.issueId = issueId;
  }

  /**
   * Makes the edits that turn {@code current} (the file's list, as parsed from the document) into
   * {@code wanted}; false when there is nothing to change.
   *
   * @throws IllegalArgumentException when {@code wanted} repeats an id or reorders entries the file
   *     has
   */
  boolean edit(List<RoadmapComment> current, List<RoadmapComment> wanted) {
    requireFileOrder(current, wanted);
    if (RoadmapComment.sameContents(current, wanted)) {
      return false;
    }
    Optional<NodeTuple> entry = doc.entry("comments");
    if (entry.isEmpty()) {
      // the tool's place for the key: just before github_issue, its last key
      int at =
          doc.entry("github_issue")
              .map(t -> spans.lineStart(doc.start(t.getKeyNode())))
              .orElse(doc.yamlEnd());
      editor.replace(at, at, "comments:" + eol + CommentEntryText.entries(wanted, 0, eol));
      return true;
    }
    NodeTuple tuple = entry.get();
    int keyColumn = spans.column(doc.start(tuple.getKeyNode()));
    if (!(tuple.getValueNode() instanceof SequenceNode list) || list.getValue().isEmpty()) {
      // null or []: the first entries arrive as a block list under the key, as the tool writes it
      editor.replace(spans.keyEnd(tuple), spans.tupleEnd(tuple), ":");
      int at = spans.lineAfter(tuple);
      editor.replace(at, at, CommentEntryText.entries(wanted, keyColumn, eol));
    } else if (wanted.isEmpty()) {
      editor.replace(
          spans.keyEnd(tuple),
          list.getFlowStyle() == FlowStyle.FLOW ? spans.tupleEnd(tuple) : spans.lineAfter(tuple),
          list.getFlowStyle() == FlowStyle.FLOW ? ": []" : ": []" + eol);
    } else if (list.getFlowStyle() == FlowStyle.FLOW) {
      rewriteFlowList(tuple, list, current, wanted, keyColumn);
    } else {
      editBlockList(list, current, wanted);
    }
    return true;
  }

  private void editBlockList(
      SequenceNode list, List<RoadmapComment> current, List<RoadmapComment> wanted) {
    List<Node> items = list.getValue();
    int dashColumn = spans.leadingSpaces(spans.itemLineStart(items.get(0)));
    Map<Integer, Integer> indexOfId = indexOfId(current);
    CommentEntryEditor entries = new CommentEntryEditor(doc, editor, spans, issueId);
    Set<Integer> kept = new HashSet<>();
    int previousKept = -1;
    for (RoadmapComment want : wanted) {
      Integer index = indexOfId.get(want.id());
      if (index == null) {
        int at =
            previousKept < 0
                ? spans.itemLineStart(items.get(0))
                : spans.lineAfter(items.get(previousKept));
        editor.replace(at, at, CommentEntryText.entry(want, dashColumn, eol));
      } else {
        entries.edit((MappingNode) items.get(index), current.get(index), want, dashColumn);
        kept.add(index);
        previousKept = index;
      }
    }
    // deletions last: an entry inserted where a removed one starts must come before the removal
    for (int i = 0; i < items.size(); i++) {
      if (!kept.contains(i)) {
        editor.replace(spans.itemLineStart(items.get(i)), spans.lineAfter(items.get(i)), "");
      }
    }
  }

  /**
   * A hand-written {@code [{id: 1, ...}]} becomes a block list written from the comments; it is
   * refused when an entry kept has keys sync does not know, since they would be lost.
   */
  private void rewriteFlowList(
      NodeTuple tuple,
      SequenceNode list,
      List<RoadmapComment> current,
      List<RoadmapComment> wanted,
      int keyColumn) {
    Set<Integer> wantedIds = new HashSet<>();
    wanted.forEach(c -> wantedIds.add(c.id()));
    for (int i = 0; i < current.size(); i++) {
      if (wantedIds.contains(current.get(i).id())) {
        CommentEntryEditor.refuseUnknownKeys(
            (MappingNode) list.getValue().get(i), current.get(i).id(), issueId);
      }
    }
    editor.replace(
        spans.keyEnd(tuple),
        spans.lineAfter(tuple),
        ":" + eol + CommentEntryText.entries(wanted, keyColumn, eol));
  }

  private static void requireFileOrder(List<RoadmapComment> current, List<RoadmapComment> wanted) {
    Map<Integer, Integer> indexOfId = indexOfId(current);
    Set<Integer> seen = new HashSet<>();
    int lastIndex = -1;
    for (RoadmapComment want : wanted) {
      if (!seen.add(want.id())) {
        throw new IllegalArgumentException("comment id " + want.id() + " is in the list twice");
      }
      Integer index = indexOfId.get(want.id());
      if (index == null) {
        continue;
      }
      if (index < lastIndex) {
        throw new IllegalArgumentException(
            "the list puts comment "
                + want.id()
                + " after comment "
                + current.get(lastIndex).id()
                + ", which the file has after it; existing comments keep their order");
      }
      lastIndex = index;
    }
  }

  private static Map<Integer, Integer> indexOfId(List<RoadmapComment> comments) {
    Map<Integer, Integer> index = new HashMap<>();
    for (int i = 0; i < comments.size(); i++) {
      index.put(comments.get(i).id(), i);
    }
    return index;
  }
}
