package org.roadmapsync.roadmap;

/** The text of a file cannot be read as YAML front matter plus Markdown body. */
public final class FrontMatterSyntaxException extends Exception {
  private final int line;
  private final String reason;

  public FrontMatterSyntaxException(int line, String reason) {
    super("line " + line + ": " + reason);
    this.line = line;
    this.reason = reason;
  }

  /** 1-based line in the whole file. */
  public int line() {
    return line;
  }

  public String reason() {
    return reason;
  }
}
