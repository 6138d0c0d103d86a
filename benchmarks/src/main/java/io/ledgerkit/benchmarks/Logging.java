package io.ledgerkit.benchmarks;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Keeps library start-up reports out of the benchmark output; warnings still show. */
final class Logging {

  /** Held so that the configured levels are not garbage collected with their loggers. */
  private static final Logger[] QUIET = {
      Logger.getLogger("org.hibernate"), Logger.getLogger("org.mongodb"),
      Logger.getLogger("de.bwaldvogel"), Logger.getLogger("com.zaxxer"),
      Logger.getLogger("org.flywaydb"), Logger.getLogger("io.zonky")};

  private Logging() {}

  static void quiet() {
    for (Logger logger : QUIET) {
      logger.setLevel(Level.WARNING);
    }
  }
}
