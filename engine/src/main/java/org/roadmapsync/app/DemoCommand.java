package org.roadmapsync.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.roadmapsync.persistence.DataDirInUseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code roadmap-sync demo [--dir D] [--git]}: a first look at two-way sync against a simulated
 * GitHub, until Ctrl-C; with {@code --git}, the roadmap in a local git repository as well.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "A first look: a sample roadmap in two-way sync with a SIMULATED GitHub, all on 127.0.0.1.")
public final class DemoCommand implements Callable<Integer> {

  static final int EXIT_REFUSED = 2;
  static final int EXIT_CANNOT_START = 1;

  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      defaultValue = "roadmap-sync-demo",
      description =
          "Folder for the sample roadmap and the service's data (default: ./${DEFAULT-VALUE}).")
  Path dir;

  @Option(
      names = "--port",
      defaultValue = "0",
      description = "Admin API port; 0 = any free port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--git",
      description =
          "Keep the roadmap in a local bare git repository (team.git) with a teammate's copy beside"
              + " it: watch a teammate's commit reach the simulated GitHub and a GitHub edit arrive"
              + " as a commit.")
  boolean git;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Demo demo;
    try {
      out.println(
          "Starting the roadmap-sync demo (a SIMULATION on 127.0.0.1) in "
              + dir.toAbsolutePath()
              + " ...");
      out.flush();
      demo = Demo.start(dir.toAbsolutePath().normalize(), port, git);
    } catch (DemoFolder.Refused | DataDirInUseException e) {
      err.println("demo: " + e.getMessage());
      return EXIT_REFUSED;
    } catch (RuntimeException e) {
      err.println("demo: could not start: " + e.getMessage());
      return EXIT_CANNOT_START;
    }
    out.println(demo.instructions());
    out.flush();
    for (String signal : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(signal), s -> new Thread(demo::close, "demo-shutdown").start());
    }
    demo.whenStopped().toCompletableFuture().join();
    return 0;
  }
}
