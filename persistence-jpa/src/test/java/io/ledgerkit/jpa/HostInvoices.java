package io.ledgerkit.jpa;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A host's own table next to the SDK's, {@code host_invoice}, for tests of host transactions:
 * created once, written by the host inside its transaction, counted from a connection of its
 * own (so that only committed rows count).
 */
final class HostInvoices {

  static final String CREATE = "create table if not exists host_invoice ("
      + "id uuid primary key, customer_id uuid not null, amount integer not null)";
  static final String INSERT =
      "insert into host_invoice (id, customer_id, amount) values (?, ?, ?)";

  private final DataSource dataSource;

  HostInvoices(DataSource dataSource) {
    this.dataSource = dataSource;
    TestDatabase.execute(dataSource, CREATE);
  }

  /**
   * @param customer the customer the invoices were written for
   * @return how many invoices of the customer are committed
   */
  long committedFor(UUID customer) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("select count(*) from host_invoice where customer_id = ?")) {
      statement.setObject(1, customer);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
