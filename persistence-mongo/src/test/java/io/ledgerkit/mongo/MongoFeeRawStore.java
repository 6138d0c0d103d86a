package io.ledgerkit.mongo;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.testkit.FeeRawStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Reads the fee, fee event and processed event collections with the plain driver, bypassing the
 * adapter: every stored field as the driver returns it ({@code pendingEvents} included), sorted by
 * {@code _id}.
 */
final class MongoFeeRawStore implements FeeRawStore {

  private final MongoCollection<Document> fees;
  private final MongoCollection<Document> events;
  private final MongoCollection<Document> processedEvents;

  MongoFeeRawStore(MongoClient client, String database) {
    MongoDatabase db = client.getDatabase(database)
        .withCodecRegistry(MongoClientSettings.getDefaultCodecRegistry());
    this.fees = db.getCollection(MongoPersistence.DEFAULT_COLLECTION_PREFIX + MongoPersistence.FEES);
    this.events =
        db.getCollection(MongoPersistence.DEFAULT_COLLECTION_PREFIX + MongoPersistence.FEE_EVENTS);
    this.processedEvents = db.getCollection(
        MongoPersistence.DEFAULT_COLLECTION_PREFIX + MongoPersistence.PROCESSED_EVENTS);
  }

  /** @return the fee collection, for tests that look at or tamper with stored documents */
  MongoCollection<Document> feeCollection() {
    return fees;
  }

  /** @return the fee event collection */
  MongoCollection<Document> eventCollection() {
    return events;
  }

  /** @return the collection of processed provider notifications */
  MongoCollection<Document> processedEventCollection() {
    return processedEvents;
  }

  /** Every stored processed-notification document of the tenant, as it is. */
  List<Document> processedEventDocuments(TenantId tenant) {
    return read(processedEvents, tenant);
  }

  /** Every stored fee document of the tenant, as it is. */
  List<Document> feeDocuments(TenantId tenant) {
    return read(fees, tenant);
  }

  /** Every stored event document of the tenant, as it is. */
  List<Document> eventDocuments(TenantId tenant) {
    return read(events, tenant);
  }

  @Override
  public List<Map<String, Object>> fees(TenantId tenant) {
    return asMaps(feeDocuments(tenant));
  }

  @Override
  public List<Map<String, Object>> events(TenantId tenant) {
    return asMaps(eventDocuments(tenant));
  }

  private static List<Document> read(MongoCollection<Document> collection, TenantId tenant) {
    return collection.find(Filters.eq("tenantId", tenant.value())).sort(Sorts.ascending("_id"))
        .into(new ArrayList<>());
  }

  private static List<Map<String, Object>> asMaps(List<Document> documents) {
    List<Map<String, Object>> records = new ArrayList<>(documents.size());
    for (Document document : documents) {
      records.add(new LinkedHashMap<>(document));
    }
    return records;
  }
}
