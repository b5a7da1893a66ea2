package org.roadmapsync.roadmap;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the issue files of a {@link RoadmapStore} and reports user changes to a listener, on the
 * watcher's own thread. A recursive {@link WatchService} says where to look; a periodic rescan (by
 * size and modification time) catches what watches miss. Events are debounced: a file is read once
 * it has been quiet for {@link Settings#debounce()}, because editors save in several steps. Writes
 * made by the store itself are recognised by content hash and not reported.
 *
 * <p>{@link #start} reads every file as the baseline before returning, so an engine that starts the
 * watcher and then calls {@link RoadmapStore#loadAll()} misses nothing.
 */
public final class RoadmapWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RoadmapWatcher.class);

  /**
   * @param debounce quiet time before a changed file is read
   * @param rescanInterval how often every file is checked even without watch events
   */
  public record Settings(Duration debounce, Duration rescanInterval) {
    public Settings {
      if (debounce.isNegative() || rescanInterval.isNegative() || rescanInterval.isZero()) {
        throw new IllegalArgumentException(
            "debounce must be >= 0 and the rescan interval > 0, got "
                + debounce
                + " and "
                + rescanInterval);
      }
    }

    public static Settings defaults() {
      return new Settings(Duration.ofMillis(300), Duration.ofSeconds(30));
    }
  }

  private final RoadmapStore store;
  private final Settings settings;
  private final Consumer<RoadmapEvent> listener;
  private final WatchService watchService;
  private final Map<WatchKey, Path> watchedFolders = new HashMap<>();
  private final Thread thread;
  private Map<Path, WatchedFiles.Seen> seen = new HashMap<>();
  private LoadResult loaded;
  private volatile boolean running = true;

  private RoadmapWatcher(RoadmapStore store, Settings settings, Consumer<RoadmapEvent> listener)
      throws IOException {
    this.store = store;
    this.settings = settings;
    this.listener = listener;
    this.watchService = store.root().getFileSystem().newWatchService();
    this.thread = new Thread(this::run, "roadmap-watcher");
    this.thread.setDaemon(true);
  }

  /**
   * Starts watching, taking its first view of the files from {@code load} (which reads them all, as
   * {@link RoadmapStore#loadAll()} does) instead of reading each file a second time: the folders
   * are watched before the load, so a change made while it runs is reported.
   */
  public static RoadmapWatcher start(
      RoadmapStore store,
      Settings settings,
      Consumer<RoadmapEvent> listener,
      Supplier<LoadResult> load) {
    try {
      RoadmapWatcher watcher = new RoadmapWatcher(store, settings, listener);
      watcher.registerTree(store.root());
      LoadResult loaded = load.get();
      watcher.seen = watcher.viewOf(loaded);
      watcher.loaded = loaded;
      watcher.thread.start();
      log.info("watching {} ({} issue files)", store.root(), watcher.seen.size());
      return watcher;
    } catch (IOException e) {
      throw new RoadmapStoreException.Io("cannot watch " + store.root(), e);
    }
  }

  /**
   * What the load given to {@link #start} found, handed over once: the watcher keeps none of it (a
   * roadmap of 100,000 issues is hundreds of megabytes).
   */
  public synchronized LoadResult takeLoaded() {
    LoadResult taken = loaded;
    loaded = null;
    return taken;
  }

  /**
   * The first view from the files the load parsed: their id and hash as read, their size and time
   * now (a change since is in the watch events already queued). Files the load did not use (bad or
   * shadowed ones, a few) are read here.
   */
  private Map<Path, WatchedFiles.Seen> viewOf(LoadResult loaded) {
    Map<Path, RoadmapIssue> parsed = new HashMap<>();
    loaded.issues().forEach(issue -> parsed.put(issue.path(), issue));
    Map<Path, WatchedFiles.Seen> view = new HashMap<>();
    for (Path relative : store.issueFiles()) {
      BasicFileAttributes attributes;
      try {
        attributes =
            Files.readAttributes(store.root().resolve(relative), BasicFileAttributes.class);
      } catch (IOException gone) {
        continue;
      }
      long size = attributes.size();
      long modified = attributes.lastModifiedTime().toMillis();
      RoadmapIssue issue = parsed.get(relative);
      if (issue != null) {
        view.put(
            relative,
            new WatchedFiles.Seen(
                Optional.of(issue.id()), issue.contentHash(), size, modified, Optional.empty()));
      } else {
        read(relative, size, modified, null).ifPresent(s -> view.put(relative, s));
      }
    }
    return view;
  }

  /** Stops the watcher thread and waits for it; no event is delivered after this returns. */
  @Override
  public void close() {
    running = false;
    try {
      watchService.close();
    } catch (IOException e) {
      log.debug("closing the watch service: {}", e.toString());
    }
    if (Thread.currentThread() != thread) {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    Set<Path> dirty = new HashSet<>();
    boolean fullScanDue = false;
    long firstDirtyAt = 0;
    long lastEventAt = 0;
    long nextRescan = System.nanoTime() + settings.rescanInterval().toNanos();
    long debounce = settings.debounce().toNanos();
    while (running) {
      try {
        long now = System.nanoTime();
        long wait = nextRescan - now;
        if (!dirty.isEmpty() || fullScanDue) {
          wait = Math.min(wait, lastEventAt + debounce - now);
        }
        WatchKey key =
            watchService.poll(
                Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)), TimeUnit.MILLISECONDS);
        while (key != null) {
          fullScanDue |= collect(key, dirty);
          lastEventAt = System.nanoTime();
          if (firstDirtyAt == 0) {
            firstDirtyAt = lastEventAt;
          }
          key = watchService.poll();
        }
        now = System.nanoTime();
        boolean quiet = now - lastEventAt >= debounce || now - firstDirtyAt >= 10 * debounce;
        // State is reset before a pass: a pass that fails (the folder cannot be listed) is not
        // retried at
        // once in a loop, the next periodic rescan looks again.
        if ((!dirty.isEmpty() || fullScanDue) && quiet) {
          Set<Path> paths = Set.copyOf(dirty);
          boolean full = fullScanDue;
          dirty.clear();
          fullScanDue = false;
          firstDirtyAt = 0;
          reconcile(paths, full);
        }
        if (now >= nextRescan) {
          nextRescan = System.nanoTime() + settings.rescanInterval().toNanos();
          reconcile(Set.of(), true);
        }
      } catch (ClosedWatchServiceException | InterruptedException e) {
        break;
      } catch (RuntimeException e) {
        log.error("roadmap watcher pass failed; trying again on the next pass", e);
      }
    }
    log.info("stopped watching {}", store.root());
  }

  /** Records the paths a watch key reports; true when only a full scan can tell what happened. */
  private boolean collect(WatchKey key, Set<Path> dirty) {
    Path folder = watchedFolders.get(key);
    boolean full = false;
    for (WatchEvent<?> event : key.pollEvents()) {
      if (event.kind() == OVERFLOW || folder == null) {
        full = true;
        continue;
      }
      Path child = folder.resolve((Path) event.context());
      Path relative = store.root().relativize(child);
      if (IssueLayout.isIgnored(relative)) {
        continue;
      }
      if (event.kind() == ENTRY_CREATE && Files.isDirectory(child)) {
        registerTree(child);
        full = true;
      } else if (IssueLayout.isIssueFile(relative)) {
        dirty.add(relative);
      } else if (event.kind() == ENTRY_DELETE && !relative.toString().endsWith(".md")) {
        full = true; // a folder went away with its files
      }
    }
    if (!key.reset()) {
      watchedFolders.remove(key);
    }
    return full;
  }

  private void reconcile(Set<Path> dirty, boolean full) {
    List<RoadmapEvent> events;
    if (full) {
      Map<Path, WatchedFiles.Seen> next = scan(dirty, true, seen);
      events = WatchedFiles.diff(seen, next, store::isOwnWrite);
      seen = next;
    } else {
      events = reconcileDirty(dirty);
    }
    for (RoadmapEvent event : events) {
      try {
        listener.accept(event);
      } catch (RuntimeException e) {
        log.error("roadmap event listener failed on {}", event, e);
      }
    }
  }

  /**
   * The events of the {@code dirty} files, and {@link #seen} brought up to date with them. Only
   * their ids can change hands, so the comparison takes those files and every other file with one
   * of their ids (which file wins an id depends on all of them): the same events as comparing the
   * whole views, without copying and grouping every file of a large roadmap for each change (a
   * webhook burst writes hundreds a second).
   */
  private List<RoadmapEvent> reconcileDirty(Set<Path> dirty) {
    Map<Path, WatchedFiles.Seen> before = new HashMap<>();
    for (Path path : dirty) {
      WatchedFiles.Seen old = seen.get(path);
      if (old != null) {
        before.put(path, old);
      }
    }
    Map<Path, WatchedFiles.Seen> after = scan(dirty, false, before);
    Set<String> ids = new HashSet<>();
    before.values().forEach(s -> s.id().ifPresent(ids::add));
    after.values().forEach(s -> s.id().ifPresent(ids::add));
    if (!ids.isEmpty()) {
      seen.forEach(
          (path, other) -> {
            if (!dirty.contains(path) && other.id().isPresent() && ids.contains(other.id().get())) {
              before.put(path, other);
              after.put(path, other);
            }
          });
    }
    List<RoadmapEvent> events = WatchedFiles.diff(before, after, store::isOwnWrite);
    for (Path path : dirty) {
      WatchedFiles.Seen now = after.get(path);
      if (now == null) {
        seen.remove(path);
      } else {
        seen.put(path, now);
      }
    }
    return events;
  }

  /**
   * The next view of the files: on a full scan every file is listed and the ones whose size or
   * modification time moved are read again; otherwise only the dirty paths are read.
   */
  private Map<Path, WatchedFiles.Seen> scan(
      Set<Path> dirty, boolean full, Map<Path, WatchedFiles.Seen> previous) {
    Map<Path, WatchedFiles.Seen> next = new HashMap<>(full ? Map.of() : previous);
    Set<Path> paths = new HashSet<>(dirty);
    if (full) {
      paths.addAll(store.issueFiles());
    }
    for (Path relative : paths) {
      Path file = store.root().resolve(relative);
      BasicFileAttributes attributes;
      try {
        attributes = Files.readAttributes(file, BasicFileAttributes.class);
      } catch (IOException gone) {
        next.remove(relative);
        continue;
      }
      if (!attributes.isRegularFile()) {
        next.remove(relative);
        continue;
      }
      long size = attributes.size();
      long modified = attributes.lastModifiedTime().toMillis();
      WatchedFiles.Seen old = previous.get(relative);
      if (!dirty.contains(relative)
          && old != null
          && old.size() == size
          && old.modified() == modified) {
        next.put(relative, old);
        continue;
      }
      read(relative, size, modified, old)
          .ifPresentOrElse(s -> next.put(relative, s), () -> next.remove(relative));
    }
    return next;
  }

  private Optional<WatchedFiles.Seen> read(
      Path relative, long size, long modified, WatchedFiles.Seen old) {
    try {
      byte[] bytes = Files.readAllBytes(store.root().resolve(relative));
      if (old != null && old.id().isPresent() && old.problem().isEmpty()) {
        // The store's own write of this file, as most changes are while sync runs: known without a
        // parse.
        String hash = ContentHash.of(bytes);
        if (store.isOwnWrite(old.id().get(), hash)) {
          return Optional.of(
              new WatchedFiles.Seen(old.id(), hash, size, modified, Optional.empty()));
        }
      }
      store.changedOnDisk(relative);
      ParsedIssueFile parsed = IssueFileParser.parse(relative, bytes);
      if (parsed instanceof ParsedIssueFile.Parsed ok) {
        return Optional.of(
            new WatchedFiles.Seen(
                Optional.of(ok.issue().id()),
                ok.issue().contentHash(),
                size,
                modified,
                Optional.empty()));
      }
      ParsedIssueFile.Failed failed = (ParsedIssueFile.Failed) parsed;
      return Optional.of(
          new WatchedFiles.Seen(
              failed.problem().issueId(),
              failed.contentHash(),
              size,
              modified,
              Optional.of(failed.problem())));
    } catch (NoSuchFileException gone) {
      return Optional.empty();
    } catch (IOException e) {
      log.warn("cannot read {}: {}", relative, e.toString());
      return Optional.empty();
    }
  }

  private void registerTree(Path folder) {
    try (Stream<Path> walk = Files.walk(folder)) {
      walk.filter(Files::isDirectory)
          .forEach(
              dir -> {
                Path relative = store.root().relativize(dir);
                if (relative.toString().isEmpty() || !IssueLayout.isIgnored(relative)) {
                  try {
                    watchedFolders.put(
                        dir.register(watchService, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY), dir);
                  } catch (IOException e) {
                    log.warn("cannot watch {}: {}", dir, e.toString());
                  }
                }
              });
    } catch (IOException | UncheckedIOException e) {
      log.warn("cannot watch under {}: {}", folder, e.toString());
    }
  }
}
