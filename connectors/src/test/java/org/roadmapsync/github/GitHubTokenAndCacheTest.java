package org.roadmapsync.github;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GitHubTokenAndCacheTest {

  private static final String SECRET = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";

  @Test
  void tokenNeverShowsItself() {
    GitHubToken token = new GitHubToken(SECRET);
    assertFalse(token.toString().contains(SECRET));
    assertEquals(16, token.fingerprint().length());
    assertFalse(SECRET.contains(token.fingerprint()));
    GitHubClientSettings settings = GitHubClientSettings.of("https://api.github.com", SECRET);
    assertFalse(settings.toString().contains(SECRET));
    assertThrows(IllegalArgumentException.class, () -> new GitHubToken("has space"));
  }

  @Test
  void cacheSeparatesTokensAndEvictsLeastRecentlyUsed() {
    EtagCache cache = new EtagCache(2);
    GitHubToken a = new GitHubToken("token-a");
    GitHubToken b = new GitHubToken("token-b");
    cache.put(a, "https://h/1", new EtagCache.Entry("\"1\"", new byte[] {1}, null));
    assertTrue(cache.get(b, "https://h/1").isEmpty(), "another token must not see a's responses");
    cache.put(a, "https://h/2", new EtagCache.Entry("\"2\"", new byte[] {2}, null));
    assertArrayEquals(
        new byte[] {1}, cache.get(a, "https://h/1").orElseThrow().body()); // 1 is now most recent
    cache.put(a, "https://h/3", new EtagCache.Entry("\"3\"", new byte[] {3}, null));
    assertTrue(cache.get(a, "https://h/2").isEmpty());
    assertTrue(cache.get(a, "https://h/1").isPresent());
    assertEquals(2, cache.size());
  }

  @Test
  void cacheKeepsWithinItsByteBudget() {
    EtagCache cache = new EtagCache(100, 10);
    GitHubToken t = new GitHubToken("token-a");
    cache.put(t, "https://h/1", new EtagCache.Entry("\"1\"", new byte[6], null));
    cache.put(t, "https://h/2", new EtagCache.Entry("\"2\"", new byte[4], null));
    assertEquals(10, cache.bytes());
    cache.put(t, "https://h/3", new EtagCache.Entry("\"3\"", new byte[3], null));
    assertTrue(cache.get(t, "https://h/1").isEmpty(), "eldest evicted to make room");
    assertEquals(7, cache.bytes());
    cache.put(t, "https://h/big", new EtagCache.Entry("\"b\"", new byte[11], null));
    assertTrue(cache.get(t, "https://h/big").isEmpty(), "a body over the whole budget is not kept");
    cache.put(t, "https://h/2", new EtagCache.Entry("\"2b\"", new byte[1], null));
    assertEquals(4, cache.bytes(), "a replaced entry gives its bytes back");
    assertEquals(2, cache.size());
  }

  @Test
  void settingsNormaliseTheBaseUrlAndRefuseNonsense() {
    assertEquals(
        "https://ghe.example.com/api/v3",
        GitHubClientSettings.of("https://ghe.example.com/api/v3/", "t").baseUrl().toString());
    assertThrows(IllegalArgumentException.class, () -> GitHubClientSettings.of("ftp://x", "t"));
    assertThrows(IllegalArgumentException.class, () -> GitHubClientSettings.of("/relative", "t"));
  }

  @Test
  void issuePatchSendsOnlyWhatIsSetAndCanClearTheMilestone() {
    assertEquals(
        "{\"title\":\"T\",\"state\":\"closed\",\"state_reason\":\"not_planned\",\"labels\":[\"a\"],\"milestone\":null}",
        IssuePatch.empty()
            .withTitle("T")
            .withState(IssueState.CLOSED, StateReason.NOT_PLANNED)
            .withLabels(java.util.List.of("a"))
            .withoutMilestone()
            .toJson()
            .toString());
    assertTrue(IssuePatch.empty().isEmpty());
    assertEquals(
        "?state=all&sort=updated&direction=asc&since=2026-01-02T03%3A04%3A05Z&per_page=100",
        IssueQuery.incremental(java.time.Instant.parse("2026-01-02T03:04:05.123Z"))
            .toQueryString());
  }
}
