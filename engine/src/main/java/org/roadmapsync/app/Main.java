package org.roadmapsync.app;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar roadmap-sync.jar [serve|health|...]}; with no subcommand it serves. */
@Command(
    name = "roadmap-sync",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Keeps a roadmap tracker (.roadmap/) in two-way sync with GitHub issues.",
    subcommands = {
      ServeCommand.class,
      HealthCommand.class,
      ImportCommand.class,
      PlanCommand.class,
      GitHubSimCommand.class,
      DemoCommand.class
    })
public final class Main implements Callable<Integer> {

  public static void main(String[] args) {
    keepCommonPoolOn();
    System.exit(commandLine().execute(args));
  }

  /**
   * Pekko's CompletionStages (asks, HTTP answers) are Scala futures that run every dependent stage
   * on the JDK's common pool. With fewer than three cores the JDK turns that pool off and starts a
   * thread for each such stage instead: thousands a second under load. Must run before anything
   * touches ForkJoinPool.
   */
  public static void keepCommonPoolOn() {
    String parallelism = "java.util.concurrent.ForkJoinPool.common.parallelism";
    if (System.getProperty(parallelism) == null) {
      System.setProperty(
          parallelism, String.valueOf(Math.max(2, Runtime.getRuntime().availableProcessors() - 1)));
    }
  }

  static CommandLine commandLine() {
    return new CommandLine(new Main());
  }

  @Override
  public Integer call() {
    return new ServeCommand().call();
  }
}
