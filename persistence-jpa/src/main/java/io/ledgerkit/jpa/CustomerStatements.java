package io.ledgerkit.jpa;

import io.ledgerkit.customer.CreateResult;
import io.ledgerkit.customer.Customer;
import io.ledgerkit.tenant.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * The customer path's hot statements as fixed SQL text, bound and read with plain JDBC. Building
 * and rendering them through jOOQ on every call cost more CPU than the database's own work (a
 * profile put half of a create in rendering), so they are written once here; jOOQ keeps the
 * dynamic filters and the less frequent writes. Each is a single statement, atomic on its own.
 */
final class CustomerStatements {

  /** Where {@code (xmax = 0) as inserted} stands in a {@code RETURNING} of {@link #COLUMNS}. */
  static final int INSERTED_COLUMN = 14;

  static final String COLUMNS = "id, tenant_id, name, phone, contact_name, contact_email,"
      + " address, tax_number, notes, is_active, created_at, updated_at, version";

  /**
   * What {@code ON CONFLICT (tenant_id, phone) DO UPDATE} sets: exactly {@link
   * Customer#mergedWith(Customer)}, the candidate's name unless defaulted, its non-null fields over
   * the stored ones, active again, its {@code updatedAt}; the version moves on by the candidate's
   * version, which is the number of creates it stands for (1, or more for a batch's merged
   * duplicates).
   */
  static final String MERGE = "name = case when excluded.name = '" + Customer.DEFAULT_NAME + "'"
      + " then c.name else excluded.name end,"
      + " contact_name = coalesce(excluded.contact_name, c.contact_name),"
      + " contact_email = coalesce(excluded.contact_email, c.contact_email),"
      + " address = coalesce(excluded.address, c.address),"
      + " tax_number = coalesce(excluded.tax_number, c.tax_number),"
      + " notes = coalesce(excluded.notes, c.notes),"
      + " is_active = true, updated_at = excluded.updated_at, version = c.version + excluded.version";

  /**
   * Inserts, or merges into the customer holding the phone ({@link #MERGE}), if and only if the
   * tenant's settings are still at the version the candidate was validated against: no row comes
   * back otherwise.
   */
  static final String UPSERT_IF_SETTINGS = "insert into ledgerkit_customer as c (" + COLUMNS + ")"
      + " select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"
      + " where exists (select 1 from ledgerkit_tenant t where t.tenant_id = ? and t.version = ?)"
      + " on conflict (tenant_id, phone) do update set " + MERGE
      + " returning " + COLUMNS + ", (xmax = 0) as inserted";

  static final String BY_ID = "select " + COLUMNS
      + " from ledgerkit_customer where id = ? and tenant_id = ?";

  static final String BY_PHONE = "select " + COLUMNS
      + " from ledgerkit_customer where tenant_id = ? and phone = ?";

  /** Locks the tenant's row against a settings change until the transaction ends. */
  static final String SETTINGS_AT_VERSION =
      "select 1 from ledgerkit_tenant where tenant_id = ? and version = ? for share";

  private CustomerStatements() {}

  /**
   * @return the stored customer and whether it was inserted; empty when the settings changed
   */
  static Optional<CreateResult> upsertIfSettings(
      Connection connection, Customer candidate, long settingsVersion) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(UPSERT_IF_SETTINGS)) {
      int next = bindCustomer(statement, 1, candidate);
      statement.setString(next, candidate.tenant().value());
      statement.setLong(next + 1, settingsVersion);
      try (ResultSet row = statement.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        // An inserted row is the candidate exactly; only a merged one needs reading.
        boolean inserted = row.getBoolean(INSERTED_COLUMN);
        return Optional.of(new CreateResult(
            inserted ? candidate : customer(row, candidate.tenant()), inserted));
      }
    }
  }

  static Optional<Customer> byId(Connection connection, TenantId tenant, UUID id)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(BY_ID)) {
      statement.setObject(1, id);
      statement.setString(2, tenant.value());
      return single(statement, tenant);
    }
  }

  static Optional<Customer> byPhone(Connection connection, TenantId tenant, String phone)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(BY_PHONE)) {
      statement.setString(1, tenant.value());
      statement.setString(2, phone);
      return single(statement, tenant);
    }
  }

  /** @return whether the tenant's settings are at that version, now locked until commit */
  static boolean lockSettingsAt(Connection connection, TenantId tenant, long settingsVersion)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(SETTINGS_AT_VERSION)) {
      statement.setString(1, tenant.value());
      statement.setLong(2, settingsVersion);
      try (ResultSet row = statement.executeQuery()) {
        return row.next();
      }
    }
  }

  private static Optional<Customer> single(PreparedStatement statement, TenantId tenant)
      throws SQLException {
    try (ResultSet row = statement.executeQuery()) {
      return row.next() ? Optional.of(customer(row, tenant)) : Optional.empty();
    }
  }

  /** Binds the 13 columns of {@link #COLUMNS} from {@code first}; returns the next index. */
  private static int bindCustomer(PreparedStatement statement, int first, Customer customer)
      throws SQLException {
    int i = first;
    statement.setObject(i++, customer.id());
    statement.setString(i++, customer.tenant().value());
    statement.setString(i++, customer.name());
    Rows.setText(statement, i++, customer.phone());
    Rows.setText(statement, i++, customer.contactName());
    Rows.setText(statement, i++, customer.contactEmail());
    Rows.setText(statement, i++, customer.address());
    Rows.setText(statement, i++, customer.taxNumber());
    Rows.setText(statement, i++, customer.notes());
    statement.setBoolean(i++, customer.active());
    Rows.setInstant(statement, i++, customer.createdAt());
    Rows.setInstant(statement, i++, customer.updatedAt());
    statement.setLong(i++, customer.version());
    return i;
  }

  /** The row's tenant is {@code scope} when its stored id is exactly that one (it always is). */
  static Customer customer(ResultSet row, TenantId scope) throws SQLException {
    return new Customer(row.getObject(1, UUID.class), Rows.tenant(row.getString(2), scope),
        row.getString(3), row.getString(4), row.getString(5), row.getString(6), row.getString(7),
        row.getString(8), row.getString(9), row.getBoolean(10), Rows.instant(row, 11),
        Rows.instant(row, 12), row.getLong(13));
  }
}
