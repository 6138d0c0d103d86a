package io.ledgerkit.jpa;

/**
 * Whether Spring's JDBC transaction support is on the adapter's class path. Asks by name, in a
 * class that references no Spring type, so that {@link SpringTransactions}, which links against
 * Spring, is loaded only when Spring is there.
 */
final class SpringPresence {

  /** Whether spring-jdbc and spring-tx can be loaded next to this adapter. */
  static final boolean DETECTED = detect();

  private SpringPresence() {}

  private static boolean detect() {
    ClassLoader loader = JpaPersistence.class.getClassLoader();
    try {
      Class.forName("org.springframework.jdbc.datasource.ConnectionHolder", false, loader);
      Class.forName("org.springframework.transaction.support.TransactionSynchronizationManager",
          false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
