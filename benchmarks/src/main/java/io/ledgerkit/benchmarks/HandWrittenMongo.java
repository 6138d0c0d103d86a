package io.ledgerkit.benchmarks;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.ledgerkit.customer.CreateResult;
import io.ledgerkit.customer.Customer;
import io.ledgerkit.customer.CustomerDraft;
import io.ledgerkit.tenant.TenantId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The baseline on MongoDB: the driver calls a host would write by hand against the SDK's own
 * customer collection and document shape. A create is one upsert by (tenant, phone) with the
 * SDK's merge rule; reads map the document to the SDK's {@link Customer}. It trusts its input:
 * phones arrive in E.164 and nothing is validated.
 */
final class HandWrittenMongo {

  private static final FindOneAndUpdateOptions UPSERT =
      new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER);

  private HandWrittenMongo() {}

  static CreateResult create(MongoCollection<Document> customers, String tenant,
      CustomerDraft draft) {
    String phone = draft.phone();
    String name = draft.name();
    if (phone == null || name == null) {
      throw new IllegalArgumentException("the benchmark drafts carry a name and a phone");
    }
    String id = UUID.randomUUID().toString();
    Date now = Date.from(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    Bson update = Updates.combine(
        Updates.setOnInsert("_id", id),
        Updates.setOnInsert("phone", phone),
        Updates.setOnInsert("createdAt", now),
        Updates.set("name", name),
        Updates.set("isActive", true),
        Updates.set("updatedAt", now),
        Updates.inc("version", 1L));
    Document stored = customers.findOneAndUpdate(
        and(eq("tenantId", tenant), eq("phoneKey", phone)), update, UPSERT);
    if (stored == null) {
      throw new IllegalStateException("an upsert returned no document");
    }
    return new CreateResult(customer(stored), id.equals(stored.getString("_id")));
  }

  static Optional<Customer> findById(MongoCollection<Document> customers, String tenant, UUID id) {
    return Optional.ofNullable(customers.find(and(eq("_id", id.toString()), eq("tenantId", tenant)))
        .first()).map(HandWrittenMongo::customer);
  }

  static Optional<Customer> findByPhone(MongoCollection<Document> customers, String tenant,
      String phone) {
    return Optional.ofNullable(customers.find(and(eq("tenantId", tenant), eq("phoneKey", phone)))
        .first()).map(HandWrittenMongo::customer);
  }

  private static Customer customer(Document document) {
    return new Customer(
        UUID.fromString(document.getString("_id")),
        new TenantId(document.getString("tenantId")),
        document.getString("name"),
        document.getString("phone"),
        document.getString("contactName"),
        document.getString("contactEmail"),
        document.getString("address"),
        document.getString("taxNumber"),
        document.getString("notes"),
        document.getBoolean("isActive"),
        document.getDate("createdAt").toInstant(),
        document.getDate("updatedAt").toInstant(),
        document.get("version", Number.class).longValue());
  }
}
