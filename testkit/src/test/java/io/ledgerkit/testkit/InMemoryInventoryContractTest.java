package io.ledgerkit.testkit;

import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.inventory.Movement;
import io.ledgerkit.tenant.TenantId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The in-memory reference store passes the inventory contract. */
class InMemoryInventoryContractTest extends InventoryContractTest {

  private final InMemoryPersistence store = new InMemoryPersistence();

  @Override
  protected PersistenceAdapter adapter() {
    return store;
  }

  @Override
  protected InventoryRawStore rawInventory() {
    return new InventoryRawStore() {
      @Override
      public List<Map<String, Object>> movements(TenantId tenant) {
        return store.storedMovements(tenant).stream().map(InMemoryInventoryContractTest::raw).toList();
      }

      @Override
      public List<Map<String, Object>> stock(TenantId tenant) {
        return store.storedStock(tenant).entrySet().stream()
            .map(entry -> Map.<String, Object>of("itemId", entry.getKey(), "onHand", entry.getValue()))
            .toList();
      }

      @Override
      public long sumOfMovements(TenantId tenant, String itemId) {
        return store.storedMovements(tenant).stream().filter(m -> m.itemId().equals(itemId))
            .mapToLong(Movement::quantityDelta).sum();
      }
    };
  }

  private static Map<String, Object> raw(Movement movement) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("movement", movement);
    fields.put("itemId", movement.itemId());
    fields.put("movementType", movement.type().apiName());
    fields.put("movementTypeIdx", movement.type().index());
    return fields;
  }
}
