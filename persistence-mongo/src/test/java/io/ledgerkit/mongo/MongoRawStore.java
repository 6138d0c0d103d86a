package io.ledgerkit.mongo;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.testkit.RawStore;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/** Reads the customer collection with the plain driver, bypassing the adapter. */
final class MongoRawStore implements RawStore {

  private final MongoCollection<Document> customers;

  MongoRawStore(MongoClient client, String database) {
    this.customers = client.getDatabase(database)
        .withCodecRegistry(MongoClientSettings.getDefaultCodecRegistry())
        .getCollection(MongoPersistence.DEFAULT_COLLECTION_PREFIX + MongoPersistence.CUSTOMERS);
  }

  /** Every stored document of the tenant, as they are, for tests of the stored layout. */
  List<Document> documents(TenantId tenant) {
    return customers.find(Filters.eq("tenantId", tenant.value())).sort(Sorts.ascending("_id"))
        .into(new ArrayList<>());
  }

  @Override
  public List<Map<String, Object>> customers(TenantId tenant) {
    List<Map<String, Object>> records = new ArrayList<>();
    for (Document document : documents(tenant)) {
      Map<String, Object> record = new LinkedHashMap<>();
      document.forEach((field, value) -> {
        if (value == null || field.equals("phoneKey")) {
          return;
        }
        String key = field.equals("_id") ? "id" : field;
        if (value instanceof Date date) {
          record.put(key, date.toInstant());
        } else if (value instanceof Number number && key.equals("version")) {
          record.put(key, number.longValue());
        } else {
          record.put(key, value);
        }
      });
      records.add(record);
    }
    records.sort((a, b) -> ((String) a.get("id")).compareTo((String) b.get("id")));
    return records;
  }
}
