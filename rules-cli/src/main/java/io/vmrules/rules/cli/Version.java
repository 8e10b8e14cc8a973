package io.vmrules.rules.cli;

import picocli.CommandLine;

/** The version picocli prints ({@code rules validate --version}…): {@link Main#versionLine}. */
final class Version implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {Main.versionLine()};
  }
}
