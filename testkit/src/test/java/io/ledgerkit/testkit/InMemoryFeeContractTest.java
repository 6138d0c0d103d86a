package io.ledgerkit.testkit;

import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.fee.Fee;
import io.ledgerkit.fee.FeeEvent;
import io.ledgerkit.tenant.TenantId;
import java.util.List;
import java.util.Map;

/** The in-memory reference store passes the fee contract. */
class InMemoryFeeContractTest extends FeeContractTest {

  private final InMemoryPersistence store = new InMemoryPersistence();

  @Override
  protected PersistenceAdapter adapter() {
    return store;
  }

  @Override
  protected FeeRawStore rawFees() {
    return new FeeRawStore() {
      @Override
      public List<Map<String, Object>> fees(TenantId tenant) {
        return store.storedFees(tenant).stream().map(InMemoryFeeContractTest::raw).toList();
      }

      @Override
      public List<Map<String, Object>> events(TenantId tenant) {
        return store.storedFeeEvents(tenant).stream().map(InMemoryFeeContractTest::raw).toList();
      }
    };
  }

  private static Map<String, Object> raw(Fee fee) {
    return Map.of("fee", fee);
  }

  private static Map<String, Object> raw(FeeEvent event) {
    return Map.of("event", event);
  }
}
