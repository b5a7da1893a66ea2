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
    subcommands = {ServeCommand.class, HealthCommand.class, GitHubSimCommand.class, DemoCommand.class})
public final class Main implements Callable<Integer> {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new Main());
  }

  @Override
  public Integer call() {
    return new ServeCommand().call();
  }
}
