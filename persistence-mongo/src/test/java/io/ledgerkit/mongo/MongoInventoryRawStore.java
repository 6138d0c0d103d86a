package io.ledgerkit.mongo;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.testkit.InventoryRawStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Reads the movement collection with the plain driver, bypassing the adapter: every stored
 * document of a tenant (movements, reservations, markers) with every field as the driver returns
 * it, sorted by {@code _id}. Movements are told from the rest by the absence of the reservation
 * and marker fields, not by the adapter's own criterion (a numeric {@code seq}), so that a
 * reservation committed without being cleared shows up as a mismatch.
 */
final class MongoInventoryRawStore implements InventoryRawStore {

  private final MongoCollection<Document> movements;

  MongoInventoryRawStore(MongoClient client, String database) {
    this.movements = client.getDatabase(database)
        .withCodecRegistry(MongoClientSettings.getDefaultCodecRegistry())
        .getCollection(MongoPersistence.DEFAULT_COLLECTION_PREFIX + MongoPersistence.MOVEMENTS);
  }

  /** @return the movement collection, for tests that look at or tamper with stored documents */
  MongoCollection<Document> collection() {
    return movements;
  }

  /** Every stored document of the tenant, as it is. */
  List<Document> documents(TenantId tenant) {
    return movements.find(Filters.eq("tenantId", tenant.value())).sort(Sorts.ascending("_id"))
        .into(new ArrayList<>());
  }

  /** The tenant's movements only: neither reservations nor markers. */
  List<Document> movementDocuments(TenantId tenant) {
    return movements.find(Filters.and(Filters.eq("tenantId", tenant.value()), onlyMovements()))
        .sort(Sorts.ascending("_id")).into(new ArrayList<>());
  }

  /** Every reservation left in any tenant. */
  List<Document> reservations() {
    return movements.find(Filters.exists("reservedFor")).into(new ArrayList<>());
  }

  @Override
  public List<Map<String, Object>> movements(TenantId tenant) {
    List<Map<String, Object>> records = new ArrayList<>();
    for (Document document : documents(tenant)) {
      records.add(new LinkedHashMap<>(document));
    }
    return records;
  }

  @Override
  public List<Map<String, Object>> stock(TenantId tenant) {
    return List.of();
  }

  @Override
  public long sumOfMovements(TenantId tenant, String itemId) {
    Document sum = movements.aggregate(List.of(
        Aggregates.match(Filters.and(Filters.eq("tenantId", tenant.value()),
            Filters.eq("itemId", itemId), onlyMovements())),
        Aggregates.group("$itemId", Accumulators.sum("total", "$quantityDelta")))).first();
    return sum == null ? 0 : sum.get("total", Number.class).longValue();
  }

  private static Bson onlyMovements() {
    return Filters.and(Filters.exists("reservedFor", false),
        Filters.exists("abortedTransfer", false));
  }
}
