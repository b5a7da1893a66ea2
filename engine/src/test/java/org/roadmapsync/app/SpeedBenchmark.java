package org.roadmapsync.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.roadmapsync.intake.LinkedBenchIssues;
import org.roadmapsync.sim.GitHubSimulator;
import org.roadmapsync.sim.SimLimits;
import org.roadmapsync.sim.SimSettings;

/**
 * Not a test: figures for docs/BENCHMARKS.md (issue 18). One simulator seeded with n issues, then
 * side by side: (a) a plain Octokit script in Node that lists every issue, 100 a page, and writes a
 * file per issue, timed from its process start to its exit; (b) roadmap-sync as a separate JVM
 * (`serve`, as a user runs it) over n roadmap files already equal to GitHub and naming their issue,
 * timed from its process start until {@code /api/issues} counts every issue {@code synced}. Prints
 * the GitHub requests of each, the service's heap after a full GC, and what the journal holds per
 * issue; then (c) the service started again over the synced issues, until idle, and (d) in that run
 * 100 GitHub edits and a sync asked for: until every file is written, and the events a round costs.
 * Octokit is installed with npm into {@code target/octokit-node} of the folder the command runs in
 * (kept between runs) as the simulator's conformance test does. Run with {@code ./mvnw -q -pl
 * engine -am test-compile exec:java -Dconnectors.benchmarks.skip=true
 * -Dexec.mainClass=org.roadmapsync.app.SpeedBenchmark -Dexec.classpathScope=test}; optional {@code
 * -Dexec.args="<issues> [--postgres] [--jar] [service JVM options...]"} (default 5000 -Xmx1g), e.g.
 * {@code -XX:StartFlightRecording=filename=/tmp/sync.jfr} for a profile; {@code --jar} runs the
 * packaged jar through {@code bin/roadmap-sync} (build it first with {@code ./mvnw install
 * -DskipTests}).
 */
public final class SpeedBenchmark {

  private static final String TOKEN = "bench-token";
  private static final String OWNER = "bench";
  private static final String REPO = OWNER + "/repo";
  private static final String REST = "@octokit/rest@22.0.1";
  private static final Path NODE_DIR = Path.of("target", "octokit-node").toAbsolutePath();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern MILESTONES =
      Pattern.compile("listening|watching|roadmap loaded|poll of|Cluster Node .* is JOINING|ERROR");
  private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

  public static void main(String[] args) throws Exception {
    int issues = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
    List<String> options =
        new ArrayList<>(Arrays.asList(args).subList(Math.min(1, args.length), args.length));
    boolean postgres = options.remove("--postgres");
    Launch launch = Launch.of(options);
    boolean ok = false;
    ActorSystem<Void> system =
        ActorSystem.create(
            Behaviors.empty(),
            "speed",
            ConfigFactory.parseString("pekko.loglevel = WARNING")
                .withFallback(ConfigFactory.load()));
    try {
      GitHubSimulator github =
          GitHubSimulator.start(
              system,
              SimSettings.defaults(TOKEN, REPO)
                  .withLimits(SimLimits.github().withPrimary(1_000_000, Duration.ofHours(1))));
      LinkedBenchIssues.seed(github, REPO, issues);
      Path folder = Files.createTempDirectory("roadmap-sync-speed");
      LinkedBenchIssues.writeFiles(folder, issues);
      System.out.printf(
          "%d issues; machine: %d cores, load average %s%n",
          issues, Runtime.getRuntime().availableProcessors(), load());
      octokit(github, folder.resolve("octokit-out"), issues);
      try (Storage training = Storage.of(folder.resolve("training-data"), postgres)) {
        launch.train(folder, env(github, folder, training), issues);
      }
      try (Storage storage = Storage.of(folder.resolve("data"), postgres)) {
        roadmapSync(github, folder, issues, launch, storage);
      }
      removeRecursively(folder); // ~60 MB a run: files, the script's files, the database
      ok = true;
    } catch (Exception | Error e) {
      e.printStackTrace();
    } finally {
      // exec:java would otherwise wait for the actor system's threads
      Runtime.getRuntime().halt(ok ? 0 : 1);
    }
  }

  private static void octokit(GitHubSimulator github, Path out, int issues) throws Exception {
    installOctokit();
    JsonNode before = stats(github);
    long start = System.nanoTime();
    ProcessBuilder pb =
        new ProcessBuilder("node", "list-and-write.mjs")
            .directory(NODE_DIR.toFile())
            .redirectErrorStream(true);
    pb.environment()
        .putAll(
            Map.of(
                "SIM_BASE_URL",
                github.baseUrl(),
                "SIM_TOKEN",
                TOKEN,
                "SIM_OWNER",
                OWNER,
                "SIM_REPO",
                "repo",
                "OUT_DIR",
                out.toString()));
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IllegalStateException("the Octokit script failed: " + output);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long written;
    try (var files = Files.list(out)) {
      written = files.count();
    }
    System.out.printf(
        "%n== (a) Octokit script (node process start to exit): %.1f s, %d files of %d; %s; load %s%n",
        seconds, written, issues, requests(before, stats(github)), load());
    System.out.println("  script said: " + output.trim());
  }

  /** The service's settings over the folder's roadmap, its journal in {@code storage}. */
  private static Map<String, String> env(GitHubSimulator github, Path folder, Storage storage) {
    Map<String, String> env = new java.util.HashMap<>(storage.settings());
    env.putAll(
        Map.of(
            "ROADMAP_DIR",
            folder.resolve(".roadmap").toString(),
            "ROADMAP_SYNC_HTTP_PORT",
            "0",
            "GITHUB_TOKEN",
            TOKEN,
            "ROADMAP_GITHUB_API_URL",
            github.baseUrl(),
            "ROADMAP_GITHUB_REPO",
            REPO,
            "ROADMAP_GITHUB_SYNC_INTERVAL_MINUTES",
            "60",
            "ROADMAP_GITHUB_AUTO_SYNC_ENABLED",
            "true"));
    return env;
  }

  private static void roadmapSync(
      GitHubSimulator github, Path folder, int issues, Launch launch, Storage storage)
      throws Exception {
    Map<String, String> env = env(github, folder, storage);
    JsonNode before = stats(github);
    long start = System.nanoTime();
    try (ServiceProcess service = launch.start(folder, env)) {
      String api = service.awaitListening(Duration.ofMinutes(2));
      double listening = (System.nanoTime() - start) / 1e9;
      double answering = -1;
      long synced = 0;
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
      while (synced < issues) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("only " + synced + " synced:\n" + service.output());
        }
        JsonNode page = get(api + "/api/issues?limit=0");
        if (answering < 0) {
          answering = (System.nanoTime() - start) / 1e9;
        }
        long now = page.path("counts").path("synced").asLong();
        if (now / 1000 > synced / 1000) {
          System.out.printf(
              "  %.1f s: %d synced (%s)%n",
              (System.nanoTime() - start) / 1e9, now, page.path("counts"));
        }
        synced = now;
        // polling interval of a deadline loop, not a synchronisation; every poll reads the table
        TimeUnit.MILLISECONDS.sleep(200);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpu = cpuSeconds(service.pid());
      String loadNow = load();
      // stopped only once idle, as a user would find it: the first poll's watermark journaled
      while (!idle(service.output(), api)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("not idle:\n" + service.output());
        }
        // polling interval of a deadline loop, not a synchronisation
        TimeUnit.MILLISECONDS.sleep(100);
      }
      double idle = (System.nanoTime() - start) / 1e9;
      JsonNode after = stats(github);
      long heap = heapAfterGc(service.pid());
      System.out.printf(
          "%n== (b) roadmap-sync (JVM start %s to all %d synced in /api/issues): %.1f s; %s; load %s%n",
          launch, issues, seconds, requests(before, after), loadNow);
      System.out.printf(
          "  CPU used by the service meanwhile (user + system, JIT and GC included): %.1f s%n",
          cpu);
      System.out.printf(
          "  admin API listening %.1f s, answering %.1f s after start; idle %.1f s after start;"
              + " heap used after a full GC, idle: %d MB%n",
          listening, answering, idle, heap / 1024);
      Path log = Files.createTempFile("roadmap-sync-speed", ".log");
      Files.writeString(log, service.output());
      System.out.println("  the service's milestones (its whole log: " + log + "):");
      service
          .output()
          .lines()
          .filter(l -> MILESTONES.matcher(l).find())
          .forEach(l -> System.out.println("    " + l));
      service.terminate();
      service.awaitExit(Duration.ofMinutes(1));
    }
    journal(storage, issues);
    restart(github, folder, env, issues, launch, storage);
  }

  /**
   * (c) The same service started again over the synced issues: until its API answers, and until it
   * is idle (the roadmap loaded and its first poll ended), with every file as it was.
   */
  private static void restart(
      GitHubSimulator github,
      Path folder,
      Map<String, String> env,
      int issues,
      Launch launch,
      Storage storage)
      throws Exception {
    Map<Path, Long> files = fileStamps(folder.resolve(".roadmap"));
    JsonNode before = stats(github);
    long start = System.nanoTime();
    try (ServiceProcess service = launch.start(folder, env)) {
      String api = service.awaitListening(Duration.ofMinutes(2));
      double listening = (System.nanoTime() - start) / 1e9;
      double answering = -1;
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
      while (!idle(service.output(), api)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("not idle:\n" + service.output());
        }
        if (answering < 0) {
          get(api + "/api/issues?limit=0");
          answering = (System.nanoTime() - start) / 1e9;
        }
        // polling interval of a deadline loop, not a synchronisation
        TimeUnit.MILLISECONDS.sleep(100);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpu = cpuSeconds(service.pid());
      JsonNode counts = get(api + "/api/issues?limit=0").path("counts");
      long heap = heapAfterGc(service.pid());
      Map<Path, Long> after = fileStamps(folder.resolve(".roadmap"));
      System.out.printf(
          "%n== (c) restart of roadmap-sync over %d synced issues (JVM start %s to idle: the roadmap"
              + " loaded and the first poll ended): %.1f s, %.1f s of CPU; %s; load %s%n",
          issues, launch, seconds, cpu, requests(before, stats(github)), load());
      System.out.printf(
          "  admin API listening %.1f s, answering %.1f s after start; heap used after a full GC: %d MB;"
              + " %s; files rewritten: %d of %d%n",
          listening,
          answering,
          heap / 1024,
          counts,
          after.entrySet().stream()
              .filter(e -> !e.getValue().equals(files.get(e.getKey())))
              .count(),
          files.size());
      service
          .output()
          .lines()
          .filter(l -> MILESTONES.matcher(l).find())
          .forEach(l -> System.out.println("    " + l));
      editOnGitHub(github, api, folder, Math.min(EDITED, issues));
      service.terminate();
      service.awaitExit(Duration.ofMinutes(1));
    }
    journalOfARound(storage, Math.min(EDITED, issues));
  }

  /** How many issues (d) edits on GitHub. */
  private static final int EDITED = 100;

  /**
   * (d) A round on issues that were adopted asleep: GitHub edits the title of #1..#edited, a sync
   * is asked for, and every file changes.
   */
  private static void editOnGitHub(GitHubSimulator github, String api, Path folder, int edited)
      throws Exception {
    Map<Integer, Long> before = editedStamps(folder, edited);
    for (int k = 1; k <= edited; k++) {
      github.control().editIssueAs("octocat", REPO, k, "{\"title\":\"Edited " + k + "\"}");
    }
    long start = System.nanoTime();
    HTTP.send(
        HttpRequest.newBuilder(URI.create(api + "/api/sync"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    long changed = 0;
    while (changed < edited) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + changed + " files written of " + edited);
      }
      // polling interval of a deadline loop, not a synchronisation
      TimeUnit.MILLISECONDS.sleep(100);
      Map<Integer, Long> now = editedStamps(folder, edited);
      changed =
          now.entrySet().stream().filter(e -> !e.getValue().equals(before.get(e.getKey()))).count();
    }
    System.out.printf(
        "%n== (d) %d GitHub edits of issues adopted asleep, a sync asked: every file written %.1f s later%n",
        edited, (System.nanoTime() - start) / 1e9);
  }

  /** The modification times of the files of #1..#edited. */
  private static Map<Integer, Long> editedStamps(Path folder, int edited) throws IOException {
    Map<Integer, Long> stamps = new java.util.HashMap<>();
    for (int k = 1; k <= edited; k++) {
      stamps.put(k, Files.getLastModifiedTime(LinkedBenchIssues.file(folder, k)).toMillis());
    }
    return stamps;
  }

  /** The events (d) journaled for its issues, by type, and their bytes per issue. */
  private static void journalOfARound(Storage storage, int edited) throws Exception {
    List<String> kinds = new ArrayList<>();
    long events = 0;
    long bytes = 0;
    try (var c = storage.stopped();
        var s =
            c.prepareStatement(
                "select event_ser_manifest, count(*), sum(octet_length(event_payload)) from event_journal"
                    + " where persistence_id like 'IssueSync|%' group by event_ser_manifest order by 2 desc")) {
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          kinds.add(r.getString(1).replaceAll(".*\\$", "") + " " + r.getLong(2));
          events += r.getLong(2);
          bytes += r.getLong(3);
        }
      }
    }
    System.out.printf(
        "  journal after (d): %d events, %.1f per edited issue, %.0f bytes per edited issue: %s%n",
        events, events / (double) edited, bytes / (double) edited, kinds);
  }

  /** The roadmap is loaded and the first poll ended (an idle one is a 304). */
  private static boolean idle(String log, String api) throws Exception {
    if (!log.contains("roadmap loaded")) {
      return false;
    }
    String run = get(api + "/api/sync").toString();
    return run.contains("\"finished\"")
        && !run.contains("\"listing\"")
        && !run.contains("\"dispatching\"");
  }

  /** Each file's modification time: a write changes it. */
  private static Map<Path, Long> fileStamps(Path root) throws IOException {
    Map<Path, Long> stamps = new java.util.HashMap<>();
    try (var paths = Files.walk(root)) {
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        stamps.put(p, Files.getLastModifiedTime(p).toMillis());
      }
    }
    return stamps;
  }

  /** Events per issue entity and their bytes, read from the stopped service's journal. */
  private static void journal(Storage storage, int issues) throws Exception {
    try (var c = storage.stopped();
        var s = c.createStatement()) {
      try (ResultSet r =
          s.executeQuery(
              "select count(*), count(distinct persistence_id), sum(octet_length(event_payload))"
                  + " from event_journal where persistence_id like 'IssueSync|%'")) {
        r.next();
        System.out.printf(
            "  journal: %d issue events for %d issues (%.2f per issue, %.0f bytes per issue)%n",
            r.getLong(1),
            r.getLong(2),
            r.getLong(1) / (double) issues,
            r.getLong(3) / (double) issues);
      }
      List<String> kinds = new ArrayList<>();
      try (ResultSet r =
          s.executeQuery(
              "select event_ser_manifest, count(*) from event_journal group by event_ser_manifest"
                  + " order by 2 desc")) {
        while (r.next()) {
          kinds.add(r.getString(1) + ": " + r.getLong(2));
        }
      }
      System.out.println("  every event by type: " + kinds);
    }
  }

  /**
   * What the process has used of the CPU so far: on a shared machine a steadier figure than wall
   * time.
   */
  private static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // utime and stime, fields 14 and 15 of proc(5), in clock ticks of 1/100 s
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
  }

  private static void removeRecursively(Path folder) throws IOException {
    try (var paths = Files.walk(folder)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static long heapAfterGc(long pid) throws Exception {
    jcmd(pid, "GC.run");
    // G1 reports one heap; the parallel and serial collectors one line per generation
    Matcher m = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
    long used = 0;
    while (m.find()) {
      used += Long.parseLong(m.group(1));
    }
    return used;
  }

  private static String jcmd(long pid, String command) throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid),
                command)
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    p.waitFor(1, TimeUnit.MINUTES);
    return out;
  }

  private static String requests(JsonNode before, JsonNode after) {
    List<String> routes = new ArrayList<>();
    after
        .path("requests")
        .fields()
        .forEachRemaining(
            e -> {
              long n = e.getValue().asLong() - before.path("requests").path(e.getKey()).asLong(0);
              if (n > 0) {
                routes.add(e.getKey() + ": " + n);
              }
            });
    return (after.path("requests_total").asLong() - before.path("requests_total").asLong())
        + " GitHub requests "
        + routes;
  }

  private static JsonNode stats(GitHubSimulator github) {
    return JSON.valueToTree(github.control().stats());
  }

  private static JsonNode get(String url) throws Exception {
    var response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  private static String load() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).trim().replaceAll(" \\S+ \\S+$", "");
  }

  private static void installOctokit() throws Exception {
    Files.createDirectories(NODE_DIR);
    if (!Files.exists(NODE_DIR.resolve("node_modules/@octokit/rest/package.json"))) {
      Files.writeString(
          NODE_DIR.resolve("package.json"),
          "{\"name\":\"octokit-speed\",\"private\":true,\"type\":\"module\"}");
      Process npm =
          new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error", REST)
              .directory(NODE_DIR.toFile())
              .inheritIO()
              .start();
      if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
        throw new IllegalStateException("npm install of " + REST + " failed");
      }
    }
    try (InputStream script =
        SpeedBenchmark.class.getResourceAsStream("/octokit/list-and-write.mjs")) {
      Files.copy(
          script, NODE_DIR.resolve("list-and-write.mjs"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * How the service starts: from the build's class folders (the default), or, after {@code --jar},
   * through {@code bin/roadmap-sync}: the packaged jar with its class-data archive, as a user runs
   * it.
   */
  private record Launch(Path launcher, List<String> jvm) {

    static Launch of(List<String> args) {
      boolean jar = !args.isEmpty() && args.get(0).equals("--jar");
      List<String> jvm = jar ? args.subList(1, args.size()) : args;
      return new Launch(jar ? script() : null, jvm.isEmpty() ? List.of("-Xmx1g") : jvm);
    }

    /** {@code bin/roadmap-sync} of the checkout the command runs in. */
    private static Path script() {
      for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
        if (Files.isExecutable(dir.resolve("bin/roadmap-sync"))) {
          return dir.resolve("bin/roadmap-sync");
        }
      }
      throw new IllegalStateException("no bin/roadmap-sync above " + Path.of("").toAbsolutePath());
    }

    ServiceProcess start(Path folder, Map<String, String> env) throws IOException {
      return launcher == null
          ? ServiceProcess.start(folder, env, jvm)
          : ServiceProcess.startWithLauncher(folder, env, launcher, jvm);
    }

    /**
     * With the jar, a first whole sync in a database of its own: its exit writes the class-data
     * archive if the jar has none yet, and the measured runs start as a user's later starts do.
     */
    void train(Path folder, Map<String, String> env, int issues) throws Exception {
      if (launcher == null) {
        return;
      }
      long start = System.nanoTime();
      try (ServiceProcess service = start(folder, env)) {
        String api = service.awaitListening(Duration.ofMinutes(2));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        while (get(api + "/api/issues?limit=0").path("counts").path("synced").asLong() < issues) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException("the training run did not sync:\n" + service.output());
          }
          // polling interval of a deadline loop, not a synchronisation
          TimeUnit.MILLISECONDS.sleep(200);
        }
        service.terminate();
        service.awaitExit(Duration.ofMinutes(1));
      }
      System.out.printf(
          "%n== training run of %s (writes the class-data archive at its exit): %.1f s%n",
          launcher, (System.nanoTime() - start) / 1e9);
    }

    @Override
    public String toString() {
      return (launcher == null ? "class folders " : "bin/roadmap-sync ") + jvm;
    }
  }

  /**
   * Where a service keeps its journal: H2 in its data folder (the default), or, after {@code
   * --postgres}, a database of its own on the machine's PostgreSQL (127.0.0.1:5432, as the tests
   * use it), dropped afterwards.
   */
  private record Storage(Path data, PostgresDatabase postgres) implements AutoCloseable {

    static Storage of(Path data, boolean postgres) {
      return new Storage(data, postgres ? PostgresDatabase.create() : null);
    }

    Map<String, String> settings() {
      return postgres == null
          ? Map.of("ROADMAP_SYNC_DATA_DIR", data.toString())
          : Map.of(
              "ROADMAP_SYNC_DATA_DIR",
              data.toString(),
              "ROADMAP_SYNC_DB_URL",
              postgres.url(),
              "ROADMAP_SYNC_DB_USER",
              PostgresDatabase.USER);
    }

    /** The journal of the stopped service. */
    java.sql.Connection stopped() throws java.sql.SQLException {
      return postgres != null
          ? postgres.connect()
          : DriverManager.getConnection(
              "jdbc:h2:file:"
                  + data.toAbsolutePath().resolve("roadmap-sync")
                  + ";DATABASE_TO_UPPER=false",
              "sa",
              "");
    }

    @Override
    public void close() {
      if (postgres != null) {
        postgres.close();
      }
    }
  }
}
