/**
 * The local side of sync: the {@code .roadmap/} folder written by the {@code roadmap} tool.
 *
 * <ul>
 *   <li>{@link org.roadmapsync.roadmap.RoadmapStore} reads every issue ({@code loadAll}, {@code
 *       read}), applies {@link org.roadmapsync.roadmap.IssueEdit}s losslessly and atomically
 *       ({@code apply}), creates issue files ({@code create}), and reads {@code config.yaml},
 *       milestones and projects. It tells one listener of each write ({@code onWrite}) and lets
 *       work that changes many files hold its writes off ({@code withoutWrites}): the git-backed
 *       roadmap commits the writes and checks out teammates' commits between them.
 *   <li>{@link org.roadmapsync.roadmap.RoadmapWatcher} reports user changes as {@link
 *       org.roadmapsync.roadmap.RoadmapEvent}s; the store's own writes are recognised by hash.
 *   <li>An issue's {@code comments} are {@link org.roadmapsync.roadmap.RoadmapComment}s; an edit
 *       gives the whole wanted list ({@code IssueEdit.Builder.comments}) and only the entries that
 *       differ are rewritten.
 *   <li>A file that cannot be used becomes a {@link org.roadmapsync.roadmap.RoadmapFileProblem}
 *       (path, line, reason) and is never rewritten.
 * </ul>
 *
 * <p>Lossless editing: {@code FrontMatterDocument} keeps the exact text and the snakeyaml-engine
 * nodes with their marks; {@code FrontMatterEditor} replaces the characters of one value (or
 * inserts one key) and copies every other character. Every call blocks on file I/O: run it on a
 * blocking dispatcher.
 *
 * <p>May depend on: {@code config}; never on Pekko or anything of the sync.
 */
package org.roadmapsync.roadmap;
