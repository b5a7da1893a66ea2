package org.roadmapsync.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service as a user runs it: a separate JVM with its own environment and working folder (public
 * for the git-backed roadmap's crash test).
 */
public final class ServiceProcess implements AutoCloseable {

  private static final Pattern LISTENING =
      Pattern.compile("admin API listening on (http://[^\\s]+)");

  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Thread reader;

  private ServiceProcess(Process process) {
    this.process = process;
    this.reader = new Thread(this::readOutput, "service-output");
    reader.setDaemon(true);
    reader.start();
  }

  public static ServiceProcess start(Path workDir, Map<String, String> env, String... args)
      throws IOException {
    return start(workDir, env, List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"), args);
  }

  /**
   * With these JVM options (heap, a flight recording) instead of the tests' {@code -Xmx256m} and,
   * as {@code bin/roadmap-sync} runs the service, the client compiler only.
   */
  public static ServiceProcess start(
      Path workDir, Map<String, String> env, List<String> jvmOptions, String... args)
      throws IOException {
    String classpath = System.getProperty("surefire.test.class.path", classpathOfLoader());
    var command =
        new java.util.ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classpath, Main.class.getName()));
    command.addAll(List.of(args));
    return spawn(command, workDir, env);
  }

  /**
   * Through a launcher script ({@code bin/roadmap-sync}: the packaged jar with its class-data
   * archive), as a user installs it; the JVM options go in {@code ROADMAP_SYNC_JAVA_OPTS}.
   */
  public static ServiceProcess startWithLauncher(
      Path workDir, Map<String, String> env, Path launcher, List<String> jvmOptions)
      throws IOException {
    var withOptions = new java.util.HashMap<>(env);
    withOptions.put("ROADMAP_SYNC_JAVA_OPTS", String.join(" ", jvmOptions));
    return spawn(List.of(launcher.toString(), "serve"), workDir, withOptions);
  }

  /** Only the given settings: none of the caller's own {@code ROADMAP_*} or {@code GITHUB_*}. */
  private static ServiceProcess spawn(List<String> command, Path workDir, Map<String, String> env)
      throws IOException {
    var builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("ROADMAP_") || k.startsWith("GITHUB_"));
    builder.environment().putAll(env);
    return new ServiceProcess(builder.start());
  }

  /** Under {@code exec:java} the test classes are on the plugin's class loader, not the JVM's. */
  private static String classpathOfLoader() {
    if (ServiceProcess.class.getClassLoader() instanceof java.net.URLClassLoader loader) {
      var entries = new java.util.ArrayList<String>();
      for (var url : loader.getURLs()) {
        try {
          entries.add(Path.of(url.toURI()).toString());
        } catch (java.net.URISyntaxException e) {
          throw new IllegalStateException(e);
        }
      }
      return String.join(java.io.File.pathSeparator, entries);
    }
    return System.getProperty("java.class.path");
  }

  private void readOutput() {
    try (var in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      lines.add("(output closed: " + e.getMessage() + ")");
    }
  }

  /** The admin API's base URL, once the service has logged it. */
  public String awaitListening(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      Optional<String> url =
          lines.stream()
              .map(LISTENING::matcher)
              .filter(Matcher::find)
              .map(m -> m.group(1))
              .findFirst();
      if (url.isPresent()) {
        return url.get();
      }
      if (!process.isAlive()) {
        throw new AssertionError(
            "service exited with " + process.exitValue() + " before listening:\n" + output());
      }
      pause();
    }
    throw new AssertionError("service not listening after " + timeout + ":\n" + output());
  }

  /** Waits for the process to end; the exit code, or an AssertionError with its output. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("process still running after " + timeout + ":\n" + output());
    }
    reader.join(TimeUnit.SECONDS.toMillis(5)); // the last lines, written just before the exit
    return process.exitValue();
  }

  /** SIGTERM, as an init system or {@code kill} sends it. */
  public void terminate() {
    process.destroy();
  }

  /** SIGKILL ({@code kill -9}): no shutdown hook runs, nothing is flushed. Waits for the death. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  public long pid() {
    return process.pid();
  }

  public String output() {
    return String.join("\n", lines);
  }

  private static void pause() {
    try {
      // polling interval of a deadline loop, not a synchronisation
      TimeUnit.MILLISECONDS.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
