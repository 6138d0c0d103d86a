package io.ledgerkit.testkit;

import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.customer.Customer;
import java.util.LinkedHashMap;
import java.util.Map;

/** The in-memory reference store passes the customer contract. */
class InMemoryCustomerContractTest extends CustomerContractTest {

  private final InMemoryPersistence store = new InMemoryPersistence();

  @Override
  protected PersistenceAdapter adapter() {
    return store;
  }

  @Override
  protected RawStore rawStore() {
    return tenant -> store.storedCustomers(tenant).stream().map(InMemoryCustomerContractTest::raw).toList();
  }

  private static Map<String, Object> raw(Customer c) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", c.id().toString());
    row.put("tenantId", c.tenant().value());
    row.put("name", c.name());
    putIfPresent(row, "phone", c.phone());
    putIfPresent(row, "contactName", c.contactName());
    putIfPresent(row, "contactEmail", c.contactEmail());
    putIfPresent(row, "address", c.address());
    putIfPresent(row, "taxNumber", c.taxNumber());
    putIfPresent(row, "notes", c.notes());
    row.put("isActive", c.active());
    row.put("createdAt", c.createdAt());
    row.put("updatedAt", c.updatedAt());
    row.put("version", c.version());
    return row;
  }

  private static void putIfPresent(Map<String, Object> row, String key, Object value) {
    if (value != null) {
      row.put(key, value);
    }
  }
}
