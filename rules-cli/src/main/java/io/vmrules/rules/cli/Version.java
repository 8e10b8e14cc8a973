package io.vmrules.rules.cli;

import picocli.CommandLine;

/** Version from the jar manifest, or "dev" when run from classes. */
final class Version implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"rules " + (v == null ? "dev" : v)};
  }
}
