package io.ledgerkit.jpa;

import io.ledgerkit.customer.CreateResult;
import io.ledgerkit.customer.Customer;
import io.ledgerkit.tenant.SettingsChangedException;
import io.ledgerkit.tenant.TenantId;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A batch of creates as one set-based statement, with the result a create per candidate in input
 * order would have given.
 *
 * <p>Candidates sharing a phone are first merged in memory, in input order, exactly as {@link
 * Customer#mergedWith(Customer)} merges them in the store, so that the statement touches each
 * phone once ({@code ON CONFLICT DO UPDATE} may not touch a row twice). The merged candidate
 * carries as version the number of creates it stands for, which the statement adds to a stored
 * customer's version. The state after each candidate is then replayed in memory: from the
 * candidate itself when its phone was new, or from the stored customer read (and locked {@code FOR
 * UPDATE}) before the statement when the batch holds that phone more than once. When such a phone
 * was inserted by someone else between that read and the statement, the replay is impossible and
 * {@link #run} answers empty: the caller then rolls back and creates one by one.
 *
 * <p>With a settings version, the statement inserts nothing unless the tenant's settings are
 * still at it, and {@link #run} throws {@link SettingsChangedException}.
 */
final class BulkUpsert {

  private static final String COLUMNS = CustomerStatements.COLUMNS;

  private static final String UNNEST = "insert into ledgerkit_customer as c (" + COLUMNS + ")"
      + " select * from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
      + " ?::text[], ?::text[], ?::text[], ?::boolean[], ?::timestamptz[], ?::timestamptz[],"
      + " ?::bigint[]) as r(" + COLUMNS + ")";
  private static final String UPSERT_REST = " order by r.phone nulls first"
      + " on conflict (tenant_id, phone) do update set " + CustomerStatements.MERGE
      + " returning " + COLUMNS + ", (xmax = 0) as inserted";

  static final String UPSERT_ALL = UNNEST + UPSERT_REST;

  /** {@link #UPSERT_ALL} only while the tenant's settings are at the version bound last. */
  static final String UPSERT_ALL_IF_SETTINGS = UNNEST
      + " where exists (select 1 from ledgerkit_tenant t where t.tenant_id = ? and t.version = ?)"
      + UPSERT_REST;

  /** Locks a batch's repeated phones; the tenant as in {@link Rows#TENANT_UNKNOWN_TO_PLANNER}. */
  static final String LOCK_PHONES = "select " + COLUMNS + " from ledgerkit_customer"
      + " where " + Rows.TENANT_UNKNOWN_TO_PLANNER + " and phone = any (?)"
      + " order by phone for update";

  private BulkUpsert() {}

  /**
   * @param connection in a transaction of its own or the host's
   * @param candidates the batch, in input order, all of one tenant
   * @return one result per candidate in input order; empty if the batch must be created one by
   *     one (see the class comment)
   */
  static Optional<List<CreateResult>> run(Connection connection, List<Customer> candidates,
      OptionalLong settingsVersion) throws SQLException {
    TenantId tenant = candidates.get(0).tenant();
    Map<Object, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < candidates.size(); i++) {
      Customer candidate = candidates.get(i);
      Object key = candidate.phone() != null ? candidate.phone() : candidate.id();
      groups.computeIfAbsent(key, k -> new ArrayList<>(1)).add(i);
    }
    List<Customer> merged = new ArrayList<>(groups.size());
    List<String> repeatedPhones = new ArrayList<>();
    for (List<Integer> group : groups.values()) {
      Customer combined = candidates.get(group.get(0));
      for (int j = 1; j < group.size(); j++) {
        combined = combined.mergedWith(candidates.get(group.get(j)));
      }
      merged.add(combined);
      if (group.size() > 1) {
        repeatedPhones.add(combined.phone());
      }
    }
    merged.sort(Comparator.comparing(Customer::phone, Comparator.nullsFirst(Comparator.naturalOrder())));
    Map<String, Customer> storedBefore = repeatedPhones.isEmpty()
        ? Map.of() : lock(connection, tenant, repeatedPhones);
    Map<Object, Stored> after = upsert(connection, tenant, merged, settingsVersion);
    if (after.isEmpty() && settingsVersion.isPresent()) {
      throw new SettingsChangedException(tenant, settingsVersion.getAsLong());
    }

    CreateResult[] results = new CreateResult[candidates.size()];
    for (Map.Entry<Object, List<Integer>> group : groups.entrySet()) {
      Stored stored = after.get(group.getKey());
      if (stored == null) {
        throw new IllegalStateException("the batch upsert returned no row for a candidate");
      }
      List<Integer> members = group.getValue();
      Customer state;
      if (stored.inserted) {
        state = candidates.get(members.get(0));
      } else if (members.size() == 1) {
        state = stored.customer;
      } else {
        Customer before = storedBefore.get((String) group.getKey());
        if (before == null) {
          return Optional.empty();
        }
        state = before.mergedWith(candidates.get(members.get(0)));
      }
      results[members.get(0)] = new CreateResult(state, stored.inserted);
      for (int j = 1; j < members.size(); j++) {
        state = state.mergedWith(candidates.get(members.get(j)));
        results[members.get(j)] = new CreateResult(state, false);
      }
      if (!stored.inserted && !state.equals(stored.customer)) {
        return Optional.empty();
      }
    }
    return Optional.of(List.of(results));
  }

  private static Map<String, Customer> lock(Connection connection, TenantId tenant,
      List<String> phones) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(LOCK_PHONES)) {
      statement.setString(1, tenant.value());
      statement.setArray(2, connection.createArrayOf("text", phones.toArray()));
      Map<String, Customer> stored = new HashMap<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          Customer customer = CustomerStatements.customer(rows, tenant);
          stored.put(customer.phone(), customer);
        }
      }
      return stored;
    }
  }

  /** @return the stored state after the statement, by phone, or by id for phone-less ones */
  private static Map<Object, Stored> upsert(Connection connection, TenantId tenant,
      List<Customer> merged, OptionalLong settingsVersion) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        settingsVersion.isPresent() ? UPSERT_ALL_IF_SETTINGS : UPSERT_ALL)) {
      int i = 1;
      statement.setArray(i++, texts(connection, merged, c -> c.id().toString()));
      statement.setArray(i++, texts(connection, merged, c -> c.tenant().value()));
      statement.setArray(i++, texts(connection, merged, Customer::name));
      statement.setArray(i++, texts(connection, merged, Customer::phone));
      statement.setArray(i++, texts(connection, merged, Customer::contactName));
      statement.setArray(i++, texts(connection, merged, Customer::contactEmail));
      statement.setArray(i++, texts(connection, merged, Customer::address));
      statement.setArray(i++, texts(connection, merged, Customer::taxNumber));
      statement.setArray(i++, texts(connection, merged, Customer::notes));
      statement.setArray(i++, connection.createArrayOf("bool",
          merged.stream().map(Customer::active).toArray()));
      statement.setArray(i++, timestamps(connection, merged, Customer::createdAt));
      statement.setArray(i++, timestamps(connection, merged, Customer::updatedAt));
      statement.setArray(i++, connection.createArrayOf("int8",
          merged.stream().map(Customer::version).toArray()));
      if (settingsVersion.isPresent()) {
        statement.setString(i++, tenant.value());
        statement.setLong(i, settingsVersion.getAsLong());
      }
      Map<Object, Stored> stored = new HashMap<>(merged.size() * 2);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          boolean inserted = rows.getBoolean(CustomerStatements.INSERTED_COLUMN);
          String phone = rows.getString(4);
          Object key = phone != null ? phone : rows.getObject(1, UUID.class);
          // An inserted row is its merged candidate exactly; only merged rows need reading.
          stored.put(key, new Stored(inserted ? null : CustomerStatements.customer(rows, tenant),
              inserted));
        }
      }
      return stored;
    }
  }

  private static Array texts(Connection connection, List<Customer> customers,
      Function<Customer, @Nullable String> value) throws SQLException {
    String[] values = new String[customers.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = value.apply(customers.get(i));
    }
    return connection.createArrayOf("text", values);
  }

  /** As {@link #texts}, rendering each run of equal instants once: a batch is created at one instant. */
  private static Array timestamps(Connection connection, List<Customer> customers,
      Function<Customer, Instant> value) throws SQLException {
    String[] values = new String[customers.size()];
    Instant last = null;
    String rendered = null;
    for (int i = 0; i < values.length; i++) {
      Instant instant = value.apply(customers.get(i));
      if (!instant.equals(last)) {
        last = instant;
        rendered = instant.toString();
      }
      values[i] = rendered;
    }
    return connection.createArrayOf("text", values);
  }

  /** @param customer the stored row; null for an inserted one, which is its candidate exactly */
  private record Stored(@Nullable Customer customer, boolean inserted) {}
}
