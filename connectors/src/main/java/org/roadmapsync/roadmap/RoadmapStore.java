package org.roadmapsync.roadmap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.FileVisitor;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code .roadmap/} folder as sync sees it: reads every issue, applies edits losslessly and
 * atomically, and remembers what it wrote so the watcher can tell its own writes from the user's.
 *
 * <p>All methods block on file I/O: call them from a blocking dispatcher. They are safe to call
 * from several threads; edits of one issue are serialised.
 *
 * <p>Just over 400 lines: the store is the one door to the folder (read, edit, create, list); the
 * parsing and lossless editing it uses are {@code IssueFileParser}, {@code FrontMatterEditor},
 * {@code IssueEditApplier} and {@code AtomicFiles}.
 */
public final class RoadmapStore {
  private static final Logger log = LoggerFactory.getLogger(RoadmapStore.class);

  private final Path root;
  private final Clock clock;
  private final Map<String, Path> index = new ConcurrentHashMap<>();
  private final Map<String, RoadmapFileProblem> problems = new ConcurrentHashMap<>();

  /**
   * The last few hashes written per id: a watcher may read any of them after quick successive
   * writes.
   */
  private final Map<String, List<String>> ownWrites = new ConcurrentHashMap<>();

  private static final int OWN_WRITES_KEPT = 8;

  /**
   * Writes hold it shared; {@link #withoutWrites} exclusively: a git checkout of the folder never
   * interleaves with a write (it would overwrite it, or the write would land in a half-made tree).
   */
  private final ReadWriteLock gate = new ReentrantReadWriteLock();

  private volatile Runnable writeListener = () -> {};
  private final Map<String, Object> locks = new ConcurrentHashMap<>();
  private final RoadmapMetadataReader metadata;
  private final ParsedFilesMemo parsedFiles = new ParsedFilesMemo();

  private RoadmapStore(Path root, Clock clock) {
    this.root = root;
    this.clock = clock;
    this.metadata = new RoadmapMetadataReader(root);
  }

  public static RoadmapStore open(Path roadmapDir) {
    return open(roadmapDir, Clock.systemUTC());
  }

  /** Opens a roadmap folder; the clock gives the time written to {@code updated}. */
  public static RoadmapStore open(Path roadmapDir, Clock clock) {
    Path root = roadmapDir.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException(
          "roadmap folder " + root + " does not exist or is not a folder");
    }
    AtomicFiles.removeLeftovers(root.resolve("issues"));
    AtomicFiles.removeLeftovers(root.resolve("archive"));
    return new RoadmapStore(root, clock);
  }

  public Path root() {
    return root;
  }

  /** Reads every issue file; a bad file becomes a problem and every other file still loads. */
  public LoadResult loadAll() {
    long forgets = parsedFiles.forgetsSoFar();
    return load(
        file -> {
          ParsedIssueFile parsed = withoutDocument(parseOrProblem(file.path()));
          parsedFiles.remember(file, parsed, forgets);
          return parsed;
        });
  }

  /**
   * As {@link #loadAll}, for a reader of each issue's id, link, milestone, relations and hash only:
   * the issues come without their text (body, comments, front matter), and a file that has not
   * changed since the last load is not parsed again (see {@link ParsedFilesMemo}).
   */
  public LoadResult loadRelations() {
    long forgets = parsedFiles.forgetsSoFar();
    return load(
        file ->
            parsedFiles
                .recall(file)
                .orElseGet(() -> parsedFiles.remember(file, parseOrProblem(file.path()), forgets)));
  }

  /** The file changed on disk (the watcher saw it): the next load parses it again. */
  void changedOnDisk(Path relative) {
    parsedFiles.forget(relative);
  }

  private LoadResult load(Function<ParsedFilesMemo.StampedFile, ParsedIssueFile> parse) {
    List<ParsedFilesMemo.StampedFile> files = stampedIssueFiles();
    List<ParsedIssueFile> parsed =
        (files.size() > 256 ? files.parallelStream() : files.stream()).map(parse).toList();
    parsedFiles.retain(
        files.stream().map(ParsedFilesMemo.StampedFile::path).collect(Collectors.toSet()));
    IssueIndex.Resolved resolved = IssueIndex.resolve(parsed);
    Map<String, Path> paths = new HashMap<>();
    resolved.issues().forEach((id, file) -> paths.put(id, file.issue().path()));
    Map<String, RoadmapFileProblem> unusable = new HashMap<>();
    resolved.problems().stream()
        .filter(p -> p.issueId().isPresent() && !paths.containsKey(p.issueId().get()))
        .forEach(p -> unusable.putIfAbsent(p.issueId().get(), p));
    // swap in place so readers on other threads never see an empty index
    index.putAll(paths);
    index.keySet().retainAll(paths.keySet());
    problems.putAll(unusable);
    problems.keySet().retainAll(unusable.keySet());
    List<RoadmapIssue> issues =
        resolved.issues().values().stream().map(ParsedIssueFile.Parsed::issue).toList();
    if (!resolved.problems().isEmpty()) {
      log.warn(
          "{} roadmap file(s) cannot be used: {}", resolved.problems().size(), resolved.problems());
    }
    return new LoadResult(issues, resolved.problems(), resolved.shadowed());
  }

  /** The issue as it is on disk now. */
  public Optional<RoadmapIssue> read(String id) {
    Optional<ParsedIssueFile.Parsed> parsed = readParsed(id);
    return parsed.map(ParsedIssueFile.Parsed::issue);
  }

  /** Applies an edit; returns the content hash of the file afterwards. */
  public String apply(String id, IssueEdit edit) {
    return apply(id, edit, Optional.empty());
  }

  /**
   * Applies an edit only if the file still has {@code expectedHash} (no blind writes over an edit
   * the caller has not seen); returns the content hash of the file afterwards.
   */
  public String apply(String id, IssueEdit edit, Optional<String> expectedHash) {
    return edit(id, current -> edit, expectedHash).contentHash();
  }

  /**
   * Builds an edit from the issue as it is on disk and applies it, only if the file still has
   * {@code expectedHash}; returns the issue as written. The file is read once for the whole step.
   */
  public RoadmapIssue edit(
      String id, Function<RoadmapIssue, IssueEdit> editOf, Optional<String> expectedHash) {
    gate.readLock().lock();
    try {
      Edited edited = editUnderGate(id, editOf, expectedHash);
      if (edited.written()) {
        writeListener.run();
      }
      return edited.issue();
    } finally {
      gate.readLock().unlock();
    }
  }

  private record Edited(RoadmapIssue issue, boolean written) {}

  private Edited editUnderGate(
      String id, Function<RoadmapIssue, IssueEdit> editOf, Optional<String> expectedHash) {
    synchronized (locks.computeIfAbsent(id, k -> new Object())) {
      ParsedIssueFile.Parsed parsed =
          readParsed(id).orElseThrow(() -> new RoadmapStoreException.IssueNotFound(id));
      RoadmapIssue current = parsed.issue();
      if (expectedHash.isPresent() && !expectedHash.get().equals(current.contentHash())) {
        throw new RoadmapStoreException.StaleIssue(id, expectedHash.get(), current.contentHash());
      }
      IssueEdit edit = editOf.apply(current);
      IssueEditApplier.Plan plan =
          IssueEditApplier.plan(parsed.document(), current, edit, clock.instant());
      if (!plan.changed()) {
        return new Edited(current, false);
      }
      Path target = IssueLayout.target(current.path(), plan.milestone(), plan.archived());
      boolean move = plan.relocate() && !target.equals(current.path());
      if (move && Files.exists(root.resolve(target))) {
        throw new RoadmapStoreException.Io(
            "cannot move roadmap issue " + id,
            new FileAlreadyExistsException(root.resolve(target).toString()));
      }
      byte[] bytes = plan.text().getBytes(StandardCharsets.UTF_8);
      RoadmapIssue written = verified(id, current, edit, bytes, move ? target : current.path());
      rememberOwnWrite(id, written.contentHash());
      Path file = root.resolve(current.path());
      try {
        // a user save since our read must not be overwritten: check again just before the rename
        AtomicFiles.write(
            file,
            bytes,
            () -> {
              String onDisk = ContentHash.of(Files.readAllBytes(file));
              if (!onDisk.equals(current.contentHash())) {
                throw new RoadmapStoreException.StaleIssue(id, current.contentHash(), onDisk);
              }
            });
        if (move) {
          // content first, then one rename: a crash in between leaves one whole file in the old
          // folder
          AtomicFiles.move(file, root.resolve(target));
          index.put(id, target);
          log.info("moved roadmap issue {} from {} to {}", id, current.path(), target);
        }
      } catch (IOException e) {
        throw new RoadmapStoreException.Io("cannot write roadmap issue " + id, e);
      }
      return new Edited(written, true);
    }
  }

  /**
   * Creates a new issue file (for an issue first seen on GitHub) with a fresh id, in the folder of
   * its milestone, holding the fields the edit sets; the title is required. {@code created} and
   * {@code updated} are now. Returns the issue as written.
   */
  public RoadmapIssue create(IssueEdit fields) {
    return create(fields, clock.instant());
  }

  /**
   * As {@link #create(IssueEdit)}, with {@code created} for the file's {@code created} and the
   * edit's {@code updatedAt} (else {@code created}) for its {@code updated}: an imported GitHub
   * issue keeps GitHub's times. The file is written the way the {@code roadmap} tool writes a new
   * issue (see {@link NewIssueFile}), atomically: a failure leaves nothing behind and names the
   * folder.
   */
  public RoadmapIssue create(IssueEdit fields, Instant created) {
    if (!fields.sets(IssueEdit.Field.TITLE)) {
      throw new IllegalArgumentException("a new roadmap issue needs a title");
    }
    gate.readLock().lock();
    try {
      RoadmapIssue written = createUnderGate(fields, created);
      writeListener.run();
      return written;
    } finally {
      gate.readLock().unlock();
    }
  }

  private RoadmapIssue createUnderGate(IssueEdit fields, Instant created) {
    // one lock for all creations, so two never pick the same fresh id
    synchronized (locks.computeIfAbsent("", k -> new Object())) {
      String id = freshId();
      Path relative =
          IssueLayout.target(
              NewIssueFile.fileName(id, fields.title()),
              fields.milestoneValue(),
              fields.sets(IssueEdit.Field.ARCHIVED) && fields.archived());
      byte[] bytes =
          NewIssueFile.text(id, fields, created, fields.updatedAt().orElse(created))
              .getBytes(StandardCharsets.UTF_8);
      RoadmapIssue written = verifiedNew(id, relative, bytes, fields);
      Path file = root.resolve(relative);
      Path folder = file.getParent();
      try {
        if (Files.exists(file)) {
          throw new FileAlreadyExistsException(file.toString());
        }
        rememberOwnWrite(id, written.contentHash());
        AtomicFiles.write(file, bytes);
      } catch (IOException e) {
        throw new RoadmapStoreException.Io(
            "cannot create roadmap issue " + relative + " in the folder " + folder, e);
      }
      index.put(id, relative);
      log.info("created roadmap issue {} at {}", id, relative);
      return written;
    }
  }

  /**
   * Where {@link #create} puts a new issue with this title and milestone, relative to the roadmap
   * folder; the file name's {@code {id}} stands for the id it gets.
   */
  public static Path newIssuePath(String title, Optional<String> milestone) {
    return IssueLayout.target(NewIssueFile.fileName("{id}", title), milestone, false);
  }

  /** A new file's text read back: it must parse, keep its id and hold the fields it was made of. */
  private static RoadmapIssue verifiedNew(String id, Path path, byte[] bytes, IssueEdit fields) {
    ParsedIssueFile parsed = IssueFileParser.parse(path, bytes);
    if (!(parsed instanceof ParsedIssueFile.Parsed ok)) {
      throw new IllegalStateException(
          "a new issue file does not parse: " + ((ParsedIssueFile.Failed) parsed).problem());
    }
    List<String> wrong = IssueEditApplier.mismatches(ok.issue(), ok.issue(), fields);
    if (!ok.issue().id().equals(id) || !wrong.isEmpty()) {
      throw new IllegalStateException("a new issue file does not hold its fields: " + wrong);
    }
    return ok.issue();
  }

  /** Reads the edited text back: it must parse, keep its id and hold the edit's values. */
  private static RoadmapIssue verified(
      String id, RoadmapIssue before, IssueEdit edit, byte[] bytes, Path path) {
    ParsedIssueFile reread = IssueFileParser.parse(path, bytes);
    if (reread instanceof ParsedIssueFile.Failed failed) {
      throw new RoadmapStoreException.EditNotLossless(id, failed.problem().toString());
    }
    RoadmapIssue after = ((ParsedIssueFile.Parsed) reread).issue();
    List<String> wrong = IssueEditApplier.mismatches(after, before, edit);
    if (!wrong.isEmpty()) {
      throw new RoadmapStoreException.EditNotLossless(id, "fields not as requested: " + wrong);
    }
    return after;
  }

  private String freshId() {
    while (true) {
      String id = UUID.randomUUID().toString().substring(0, 8);
      if (!index.containsKey(id) && !problems.containsKey(id)) {
        return id;
      }
    }
  }

  private void rememberOwnWrite(String id, String hash) {
    ownWrites.compute(
        id,
        (k, hashes) -> {
          List<String> kept = new ArrayList<>(hashes == null ? List.of() : hashes);
          kept.add(hash);
          return List.copyOf(kept.subList(Math.max(0, kept.size() - OWN_WRITES_KEPT), kept.size()));
        });
  }

  /**
   * Told after each write that changed a file (an edit, a move, a new file), on the writer's
   * thread: the git-backed roadmap commits them. One listener; it must not block.
   */
  public void onWrite(Runnable listener) {
    this.writeListener = listener;
  }

  /**
   * Runs {@code work} while no write of this store is under way or can start (writes wait): for
   * work that changes many files of the folder at once, such as a git checkout.
   */
  public <T> T withoutWrites(Supplier<T> work) {
    gate.writeLock().lock();
    try {
      return work.get();
    } finally {
      gate.writeLock().unlock();
    }
  }

  /**
   * A roadmap file's text read as an issue, without a store: its id and link for a commit message.
   * Empty when it does not parse.
   *
   * @param relativePath the file relative to the roadmap folder (its name gives the id)
   */
  public static Optional<RoadmapIssue> parse(Path relativePath, byte[] bytes) {
    return IssueFileParser.parse(relativePath, bytes) instanceof ParsedIssueFile.Parsed parsed
        ? Optional.of(parsed.issue())
        : Optional.empty();
  }

  /**
   * A file's text with an edit applied the way {@link #edit} writes it (untouched bytes kept), but
   * written nowhere and never moved: for merging two versions of one file. Empty when the text does
   * not parse or the edit cannot be made losslessly.
   */
  public static Optional<byte[]> editedText(
      Path relativePath, byte[] bytes, IssueEdit edit, Instant now) {
    if (!(IssueFileParser.parse(relativePath, bytes) instanceof ParsedIssueFile.Parsed parsed)) {
      return Optional.empty();
    }
    try {
      IssueEditApplier.Plan plan =
          IssueEditApplier.plan(parsed.document(), parsed.issue(), edit, now);
      if (!plan.changed()) {
        return Optional.of(bytes);
      }
      byte[] text = plan.text().getBytes(StandardCharsets.UTF_8);
      verified(parsed.issue().id(), parsed.issue(), edit, text, relativePath);
      return Optional.of(text);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * True when {@code contentHash} is what this store last wrote for the issue (not a user change).
   */
  public boolean isOwnWrite(String id, String contentHash) {
    return ownWrites.getOrDefault(id, List.of()).contains(contentHash);
  }

  public RoadmapConfig config() {
    return metadata.config();
  }

  public FolderListing<RoadmapMilestone> milestones() {
    return metadata.milestones();
  }

  public FolderListing<RoadmapProject> projects() {
    return metadata.projects();
  }

  /** Reads one issue file by its path relative to the root (for the watcher). */
  ParsedIssueFile parseFile(Path relative) throws IOException {
    return IssueFileParser.parse(relative, Files.readAllBytes(root.resolve(relative)));
  }

  /**
   * Every issue file under {@code issues/} and {@code archive/issues/}, relative to the root. An
   * entry that disappears while the folders are walked (a save's temporary file, a file deleted) is
   * left out; any other failure to list throws, because a partial listing would make the files it
   * missed look deleted.
   */
  List<Path> issueFiles() {
    return stampedIssueFiles().stream().map(ParsedFilesMemo.StampedFile::path).toList();
  }

  private List<ParsedFilesMemo.StampedFile> stampedIssueFiles() {
    List<ParsedFilesMemo.StampedFile> files = new ArrayList<>();
    for (Path top : List.of(root.resolve("issues"), root.resolve("archive").resolve("issues"))) {
      if (!Files.isDirectory(top)) {
        continue;
      }
      try {
        Files.walkFileTree(top, issueFileCollector(root, files));
      } catch (IOException e) {
        throw new RoadmapStoreException.Io("cannot list " + top, e);
      }
    }
    files.sort(Comparator.comparing(file -> file.path().toString()));
    return files;
  }

  /**
   * Collects issue files, relative to {@code root}, into {@code files}; an entry that vanished
   * between the folder's listing and its reading is left out, any other failure ends the walk.
   */
  static FileVisitor<Path> issueFileCollector(Path root, List<ParsedFilesMemo.StampedFile> files) {
    return new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
        Path relative = root.relativize(file);
        if (attributes.isRegularFile() && IssueLayout.isIssueFile(relative)) {
          files.add(
              new ParsedFilesMemo.StampedFile(relative, ParsedFilesMemo.Stamp.of(attributes)));
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }
    };
  }

  private static ParsedIssueFile withoutDocument(ParsedIssueFile file) {
    return file instanceof ParsedIssueFile.Parsed parsed ? parsed.withoutDocument() : file;
  }

  private ParsedIssueFile parseOrProblem(Path relative) {
    try {
      return parseFile(relative);
    } catch (IOException e) {
      return new ParsedIssueFile.Failed(
          new RoadmapFileProblem(
              relative,
              1,
              "cannot read the file: " + e,
              RoadmapFileProblem.Kind.UNREADABLE,
              IssueLayout.idFromFileName(relative)),
          "");
    }
  }

  private Optional<ParsedIssueFile.Parsed> readParsed(String id) {
    Path path = index.get(id);
    if (path == null) {
      RoadmapFileProblem known = problems.get(id);
      if (known == null) {
        loadAll();
        known = problems.get(id);
        path = index.get(id);
      } else if (known.kind() != RoadmapFileProblem.Kind.DUPLICATE_ID) {
        path = known.path();
      }
      if (path == null) {
        if (known != null) {
          throw new RoadmapStoreException.UnusableFile(known);
        }
        return Optional.empty();
      }
    }
    ParsedIssueFile file;
    try {
      file = parseFile(path);
    } catch (NoSuchFileException gone) {
      index.remove(id);
      problems.remove(id);
      loadAll();
      return index.containsKey(id) || problems.containsKey(id) ? readParsed(id) : Optional.empty();
    } catch (IOException e) {
      throw new RoadmapStoreException.Io("cannot read roadmap issue " + id, e);
    }
    if (file instanceof ParsedIssueFile.Failed failed) {
      problems.put(id, failed.problem());
      throw new RoadmapStoreException.UnusableFile(failed.problem());
    }
    ParsedIssueFile.Parsed parsed = (ParsedIssueFile.Parsed) file;
    if (!parsed.issue().id().equals(id)) {
      throw new RoadmapStoreException.UnusableFile(
          new RoadmapFileProblem(
              path,
              1,
              "the file now has id '" + parsed.issue().id() + "'",
              RoadmapFileProblem.Kind.ID_MISMATCH,
              Optional.of(id)));
    }
    problems.remove(id);
    index.put(id, path);
    return Optional.of(parsed);
  }

  @Override
  public String toString() {
    return "RoadmapStore[" + root + ", " + index.size() + " issues]";
  }
}
