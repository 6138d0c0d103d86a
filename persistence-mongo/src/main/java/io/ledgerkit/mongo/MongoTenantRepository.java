package io.ledgerkit.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import io.ledgerkit.customer.CustomerField;
import io.ledgerkit.tenant.Tenant;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantRepository;
import io.ledgerkit.tenant.TenantSettings;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

/** Tenants in one collection, keyed by the tenant id; the settings live in the same document. */
final class MongoTenantRepository implements TenantRepository {

  static final String ID = "_id";
  static final String MANDATORY_CUSTOMER_FIELDS = "mandatoryCustomerFields";
  static final String DEFAULT_PHONE_REGION = "defaultPhoneRegion";
  static final String ALLOW_NEGATIVE_STOCK = "allowNegativeStock";
  static final String CREATED_AT = "createdAt";
  static final String UPDATED_AT = "updatedAt";
  static final String VERSION = "version";

  private final MongoCollection<Document> collection;
  /** The host's session every call runs in, or null for none. */
  private final @Nullable ClientSession session;

  MongoTenantRepository(MongoCollection<Document> collection) {
    this(collection, null);
  }

  private MongoTenantRepository(
      MongoCollection<Document> collection, @Nullable ClientSession session) {
    this.collection = collection;
    this.session = session;
  }

  /**
   * @param session the host's session
   * @return this repository on the same collection, every call in that session
   */
  MongoTenantRepository inSession(ClientSession session) {
    return new MongoTenantRepository(collection, session);
  }

  @Override
  public boolean insert(Tenant tenant) {
    Document document = new Document(ID, tenant.id().value());
    putSettings(document, tenant.settings());
    document.append(CREATED_AT, Date.from(tenant.createdAt()))
        .append(UPDATED_AT, Date.from(tenant.updatedAt()))
        .append(VERSION, tenant.version());
    return MongoErrors.call("tenant insert", () -> {
      try {
        if (session == null) {
          collection.insertOne(document);
        } else {
          collection.insertOne(session, document);
        }
        return true;
      } catch (RuntimeException e) {
        if (MongoErrors.isDuplicateKey(e)) {
          return false;
        }
        throw e;
      }
    });
  }

  @Override
  public Optional<Tenant> find(TenantId id) {
    return MongoErrors.call("tenant find", () -> Optional.ofNullable(
        (session == null
            ? collection.find(eq(ID, id.value()))
            : collection.find(session, eq(ID, id.value()))).first()).map(MongoTenantRepository::fromDocument));
  }

  @Override
  public boolean update(Tenant next, long expectedVersion) {
    Document settings = new Document();
    putSettings(settings, next.settings());
    List<Bson> changes = new ArrayList<>();
    settings.forEach((field, value) -> changes.add(Updates.set(field, value)));
    if (next.settings().defaultPhoneRegion() == null) {
      changes.add(Updates.unset(DEFAULT_PHONE_REGION));
    }
    changes.add(Updates.set(UPDATED_AT, Date.from(next.updatedAt())));
    changes.add(Updates.set(VERSION, next.version()));
    Bson filter = and(eq(ID, next.id().value()), eq(VERSION, expectedVersion));
    Bson update = Updates.combine(changes);
    return MongoErrors.call("tenant update", () -> (session == null
        ? collection.updateOne(filter, update)
        : collection.updateOne(session, filter, update)).getMatchedCount() == 1);
  }

  /** Mandatory fields are stored as enum names in declaration order; a null region is left out. */
  private static void putSettings(Document document, TenantSettings settings) {
    List<String> mandatory = settings.mandatoryCustomerFields().isEmpty()
        ? List.of()
        : EnumSet.copyOf(settings.mandatoryCustomerFields()).stream().map(Enum::name).toList();
    document.append(MANDATORY_CUSTOMER_FIELDS, mandatory);
    if (settings.defaultPhoneRegion() != null) {
      document.append(DEFAULT_PHONE_REGION, settings.defaultPhoneRegion());
    }
    document.append(ALLOW_NEGATIVE_STOCK, settings.allowNegativeStock());
  }

  private static Tenant fromDocument(Document document) {
    EnumSet<CustomerField> mandatory = EnumSet.noneOf(CustomerField.class);
    for (String name : document.getList(MANDATORY_CUSTOMER_FIELDS, String.class, List.of())) {
      mandatory.add(CustomerField.valueOf(name));
    }
    TenantSettings settings = new TenantSettings(mandatory,
        document.getString(DEFAULT_PHONE_REGION), document.getBoolean(ALLOW_NEGATIVE_STOCK, false));
    return new Tenant(
        new TenantId(document.getString(ID)),
        settings,
        document.getDate(CREATED_AT).toInstant(),
        document.getDate(UPDATED_AT).toInstant(),
        document.get(VERSION, Number.class).longValue());
  }
}
