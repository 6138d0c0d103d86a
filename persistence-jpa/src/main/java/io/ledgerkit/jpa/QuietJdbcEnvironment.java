package io.ledgerkit.jpa;

import org.hibernate.engine.jdbc.connections.spi.DatabaseConnectionInfo;
import org.hibernate.engine.jdbc.env.internal.JdbcEnvironmentInitiator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hibernate's JDBC environment, set up as Hibernate does it, whose connection report goes to this
 * adapter's logger at DEBUG instead of Hibernate's at INFO: the report is a dozen lines about a
 * server the host configured itself, printed on every start, which no setting turns off.
 */
final class QuietJdbcEnvironment extends JdbcEnvironmentInitiator {

  private static final Logger LOG = LoggerFactory.getLogger(JpaPersistence.class);

  @Override
  protected void logConnectionInfo(DatabaseConnectionInfo info) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("Hibernate's database connection: {}", info.toInfoString());
    }
  }
}
