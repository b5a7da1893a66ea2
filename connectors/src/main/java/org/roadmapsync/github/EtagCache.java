package org.roadmapsync.github;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * Bodies of earlier 200 responses that came with an {@code ETag}, so a conditional request answered
 * 304 (which costs no quota) can still return the data. Keyed by token fingerprint and URL: two
 * tokens may see different things at one URL, and the raw token is never kept. Bounded by entries
 * and by bytes; least recently used entries go first.
 */
public final class EtagCache {

  /**
   * What is kept of a response; {@code link} is its {@code Link} header (or null), for pagination
   * from cache.
   */
  public record Entry(String etag, byte[] body, String link) {}

  private record Key(String tokenFingerprint, String url) {}

  public static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;

  private final int maxEntries;
  private final long maxBytes;
  private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;

  public EtagCache(int maxEntries) {
    this(maxEntries, DEFAULT_MAX_BYTES);
  }

  public EtagCache(int maxEntries, long maxBytes) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
  }

  public Optional<Entry> get(GitHubToken token, String url) {
    return get(token.fingerprint(), url);
  }

  /**
   * @param identity who asks: a token's fingerprint, or what stays the same across an App's renewed
   *     installation tokens ({@link GitHubCredentials#cacheKey()})
   */
  public synchronized Optional<Entry> get(String identity, String url) {
    return Optional.ofNullable(entries.get(new Key(identity, url)));
  }

  public void put(GitHubToken token, String url, Entry entry) {
    put(token.fingerprint(), url, entry);
  }

  public synchronized void put(String identity, String url, Entry entry) {
    Key key = new Key(identity, url);
    Entry old = entries.remove(key);
    if (old != null) {
      bytes -= old.body().length;
    }
    if (entry.body().length > maxBytes || maxEntries == 0) {
      return;
    }
    entries.put(key, entry);
    bytes += entry.body().length;
    Iterator<Entry> eldestFirst = entries.values().iterator();
    while ((entries.size() > maxEntries || bytes > maxBytes) && eldestFirst.hasNext()) {
      bytes -= eldestFirst.next().body().length;
      eldestFirst.remove();
    }
  }

  public synchronized int size() {
    return entries.size();
  }

  public synchronized long bytes() {
    return bytes;
  }
}
