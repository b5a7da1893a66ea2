package org.roadmapsync.github;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Bodies of earlier 200 responses that came with an {@code ETag}, so a conditional request answered 304 (which
 * costs no quota) can still return the data. Keyed by token fingerprint and URL: two tokens may see different
 * things at one URL, and the raw token is never kept. Least recently used entries go first.
 */
public final class EtagCache {

  /** What is kept of a response; {@code link} is its {@code Link} header (or null), for pagination from cache. */
  public record Entry(String etag, byte[] body, String link) {}

  private record Key(String tokenFingerprint, String url) {}

  private final Map<Key, Entry> entries;

  public EtagCache(int maxEntries) {
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
        return size() > maxEntries;
      }
    };
  }

  public synchronized Optional<Entry> get(GitHubToken token, String url) {
    return Optional.ofNullable(entries.get(new Key(token.fingerprint(), url)));
  }

  public synchronized void put(GitHubToken token, String url, Entry entry) {
    entries.put(new Key(token.fingerprint(), url), entry);
  }

  public synchronized void remove(GitHubToken token, String url) {
    entries.remove(new Key(token.fingerprint(), url));
  }

  public synchronized int size() {
    return entries.size();
  }
}
