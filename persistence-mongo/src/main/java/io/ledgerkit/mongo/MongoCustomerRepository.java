package io.ledgerkit.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.regex;

import com.mongodb.client.ClientSession;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.ledgerkit.ConflictException;
import io.ledgerkit.Page;
import io.ledgerkit.PageRequest;
import io.ledgerkit.customer.CreateResult;
import io.ledgerkit.customer.Customer;
import io.ledgerkit.customer.CustomerFilter;
import io.ledgerkit.customer.CustomerRepository;
import io.ledgerkit.customer.CustomerSort;
import io.ledgerkit.internal.TextPolicy;
import io.ledgerkit.tenant.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

/**
 * Customers in one collection, one document per customer. Phone uniqueness per tenant rests on a
 * unique index over {@code (tenantId, phoneKey)}: {@code phoneKey} is the phone, or {@code
 * "none:" + id} for a customer without one, so that phone-less customers never collide.
 */
final class MongoCustomerRepository implements CustomerRepository {

  static final String ID = "_id";
  static final String TENANT = "tenantId";
  static final String NAME = "name";
  static final String PHONE = "phone";
  static final String PHONE_KEY = "phoneKey";
  static final String CONTACT_NAME = "contactName";
  static final String CONTACT_EMAIL = "contactEmail";
  static final String ADDRESS = "address";
  static final String TAX_NUMBER = "taxNumber";
  static final String NOTES = "notes";
  static final String ACTIVE = "isActive";
  static final String CREATED_AT = "createdAt";
  static final String UPDATED_AT = "updatedAt";
  static final String VERSION = "version";

  /** Index names, fixed so that creating them again is a no-op. */
  static final String PHONE_INDEX = "ledgerkit_tenant_phone";
  static final String CREATED_INDEX = "ledgerkit_tenant_created";
  static final String NAME_INDEX = "ledgerkit_tenant_name";
  static final String TAX_NUMBER_INDEX = "ledgerkit_tenant_tax_number";

  /** Prefix of the phone key of a customer without a phone; an E.164 phone starts with '+'. */
  private static final String NO_PHONE = "none:";
  /**
   * How often a create is repeated after colliding with a concurrent insert of the same phone.
   * The repeat finds the winner and merges into it, so one repeat is normally enough.
   */
  private static final int MAX_CREATE_ATTEMPTS = 5;
  private static final String ENTITY = "customer";
  private static final String[] OPTIONAL_FIELDS =
      {CONTACT_NAME, CONTACT_EMAIL, ADDRESS, TAX_NUMBER, NOTES};

  private final MongoCollection<Document> collection;
  /** The host's session every call runs in, or null for none. */
  private final @Nullable ClientSession session;

  MongoCustomerRepository(MongoCollection<Document> collection) {
    this(collection, null);
  }

  private MongoCustomerRepository(
      MongoCollection<Document> collection, @Nullable ClientSession session) {
    this.collection = collection;
    this.session = session;
  }

  /**
   * @param session the host's session
   * @return this repository on the same collection, every call in that session
   */
  MongoCustomerRepository inSession(ClientSession session) {
    return new MongoCustomerRepository(collection, session);
  }

  /** Creates the collection's indexes; createIndexes is a no-op for indexes that exist. */
  void createIndexes() {
    collection.createIndexes(List.of(
        new IndexModel(Indexes.ascending(TENANT, PHONE_KEY),
            new IndexOptions().name(PHONE_INDEX).unique(true)),
        new IndexModel(Indexes.compoundIndex(Indexes.ascending(TENANT),
            Indexes.descending(CREATED_AT, ID)), new IndexOptions().name(CREATED_INDEX)),
        new IndexModel(Indexes.compoundIndex(Indexes.ascending(TENANT, NAME),
            Indexes.descending(CREATED_AT, ID)), new IndexOptions().name(NAME_INDEX)),
        new IndexModel(Indexes.ascending(TENANT, TAX_NUMBER),
            new IndexOptions().name(TAX_NUMBER_INDEX))));
  }

  @Override
  public CreateResult create(Customer candidate) {
    CustomerRepository.requireStorable(candidate);
    return MongoErrors.call("customer create", () -> {
      String phone = candidate.phone();
      return phone == null ? insert(candidate) : upsert(candidate, phone);
    });
  }

  private CreateResult insert(Customer candidate) {
    try {
      if (session == null) {
        collection.insertOne(toDocument(candidate));
      } else {
        collection.insertOne(session, toDocument(candidate));
      }
    } catch (RuntimeException e) {
      if (MongoErrors.isDuplicateKey(e)) {
        throw new ConflictException(ENTITY, candidate.tenant(), candidate.id(), "the id is taken", e);
      }
      throw e;
    }
    return new CreateResult(candidate, true);
  }

  /**
   * One atomic find-and-modify keyed by (tenant, phone): it inserts the candidate, or merges it
   * into the stored customer as {@link Customer#mergedWith} says. Two concurrent upserts of a new
   * phone may both try to insert; the unique index lets one win and the other fail with a
   * duplicate key, which is repeated and then finds the winner.
   */
  private CreateResult upsert(Customer candidate, String phone) {
    Bson filter = and(eq(TENANT, candidate.tenant().value()), eq(PHONE_KEY, phone));
    List<Bson> changes = new ArrayList<>();
    changes.add(Updates.setOnInsert(ID, candidate.id().toString()));
    changes.add(Updates.setOnInsert(PHONE, phone));
    changes.add(Updates.setOnInsert(CREATED_AT, date(candidate.createdAt())));
    // A defaulted name never replaces a stored one (Customer.mergedWith).
    changes.add(Customer.DEFAULT_NAME.equals(candidate.name())
        ? Updates.setOnInsert(NAME, candidate.name())
        : Updates.set(NAME, candidate.name()));
    String[] values = optionalValues(candidate);
    for (int i = 0; i < OPTIONAL_FIELDS.length; i++) {
      if (values[i] != null) {
        changes.add(Updates.set(OPTIONAL_FIELDS[i], values[i]));
      }
    }
    changes.add(Updates.set(ACTIVE, true));
    changes.add(Updates.set(UPDATED_AT, date(candidate.updatedAt())));
    // A new customer starts at version 1: $inc on an absent field sets it to the increment.
    changes.add(Updates.inc(VERSION, 1L));
    return upsertRetrying(candidate, filter, Updates.combine(changes));
  }

  @Override
  public CreateResult createIfAbsent(Customer candidate) {
    CustomerRepository.requireStorable(candidate);
    String phone = candidate.phone();
    if (phone == null) {
      throw new IllegalArgumentException("createIfAbsent needs a candidate with a phone");
    }
    Bson filter = and(eq(TENANT, candidate.tenant().value()), eq(PHONE_KEY, phone));
    // Only $setOnInsert: an existing customer is returned exactly as stored.
    List<Bson> inserts = new ArrayList<>();
    toDocument(candidate).forEach((field, value) -> {
      if (!field.equals(TENANT) && !field.equals(PHONE_KEY)) {
        inserts.add(Updates.setOnInsert(field, value));
      }
    });
    return MongoErrors.call("customer createIfAbsent",
        () -> upsertRetrying(candidate, filter, Updates.combine(inserts)));
  }

  /**
   * One atomic upsert; "inserted" is told by the returned id. Two concurrent upserts of a new
   * phone may both try to insert; the unique index lets one win and the other fail with a
   * duplicate key, which is repeated and then finds the winner.
   */
  private CreateResult upsertRetrying(Customer candidate, Bson filter, Bson update) {
    FindOneAndUpdateOptions options =
        new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER);
    for (int attempt = 1; ; attempt++) {
      try {
        Document stored = session == null
            ? collection.findOneAndUpdate(filter, update, options)
            : collection.findOneAndUpdate(session, filter, update, options);
        if (stored == null) {
          throw new IllegalStateException("an upsert returned no document");
        }
        Customer customer = fromDocument(stored);
        return new CreateResult(customer, customer.id().equals(candidate.id()));
      } catch (RuntimeException e) {
        if (!MongoErrors.isDuplicateKey(e)) {
          throw e;
        }
        if (inTransaction()) {
          // The server has aborted the host's transaction: repeating it is the host's call.
          throw new ConflictException(ENTITY, candidate.tenant(), candidate.id(),
              "creating collided with a concurrent create inside the host's transaction", e);
        }
        if (attempt == MAX_CREATE_ATTEMPTS) {
          throw new ConflictException(ENTITY, candidate.tenant(), candidate.id(),
              "creating collided with concurrent creates " + attempt + " times in a row", e);
        }
      }
    }
  }

  @Override
  public Optional<Customer> findById(TenantId tenant, UUID id) {
    return MongoErrors.call("customer findById", () -> Optional.ofNullable(
        find(byId(tenant, id)).first()).map(MongoCustomerRepository::fromDocument));
  }

  @Override
  public Optional<Customer> findByPhone(TenantId tenant, String phone) {
    TextPolicy.requireStorable("phone", phone);
    // phoneKey uses the unique index; phone keeps the value a phone, never a phone-less key.
    Bson filter = and(eq(TENANT, tenant.value()), eq(PHONE_KEY, phone), eq(PHONE, phone));
    return MongoErrors.call("customer findByPhone", () -> Optional.ofNullable(
        find(filter).first()).map(MongoCustomerRepository::fromDocument));
  }

  @Override
  public Page<Customer> find(
      TenantId tenant, CustomerFilter filter, PageRequest page, CustomerSort sort) {
    CustomerRepository.requireStorable(filter);
    Bson query = query(tenant, filter);
    return MongoErrors.call("customer find", () -> {
      long total = session == null
          ? collection.countDocuments(query)
          : collection.countDocuments(session, query);
      List<Customer> items = new ArrayList<>(Math.min(page.limit(), 64));
      if (total > page.offset()) {
        find(query).sort(order(sort)).skip(page.offset()).limit(page.limit())
            .forEach(document -> items.add(fromDocument(document)));
      }
      return new Page<>(items, total, page.offset(), page.limit());
    });
  }

  /** Every user value is an equality literal or a quoted pattern, never a query fragment. */
  static Bson query(TenantId tenant, CustomerFilter filter) {
    List<Bson> criteria = new ArrayList<>();
    criteria.add(eq(TENANT, tenant.value()));
    if (!filter.includeInactive()) {
      criteria.add(eq(ACTIVE, true));
    }
    if (filter.name() != null) {
      criteria.add(regex(NAME, Pattern.quote(filter.name()), "i"));
    }
    if (filter.phone() != null) {
      criteria.add(eq(PHONE, filter.phone()));
    }
    if (filter.contactName() != null) {
      criteria.add(regex(CONTACT_NAME, Pattern.quote(filter.contactName()), "i"));
    }
    if (filter.contactEmail() != null) {
      // \A and \z anchor at the very ends ('$' would also match before a final line break).
      criteria.add(regex(CONTACT_EMAIL, "\\A" + Pattern.quote(filter.contactEmail()) + "\\z", "i"));
    }
    if (filter.taxNumber() != null) {
      criteria.add(eq(TAX_NUMBER, filter.taxNumber()));
    }
    return and(criteria);
  }

  private static Bson order(CustomerSort sort) {
    return switch (sort) {
      case NEWEST_FIRST -> Sorts.descending(CREATED_AT, ID);
      case OLDEST_FIRST -> Sorts.ascending(CREATED_AT, ID);
      case NAME -> Sorts.orderBy(Sorts.ascending(NAME), Sorts.descending(CREATED_AT, ID));
    };
  }

  @Override
  public boolean update(Customer next, long expectedVersion) {
    CustomerRepository.requireStorable(next);
    Bson filter = and(byId(next.tenant(), next.id()), eq(VERSION, expectedVersion));
    List<Bson> changes = new ArrayList<>();
    changes.add(Updates.set(NAME, next.name()));
    changes.add(next.phone() == null ? Updates.unset(PHONE) : Updates.set(PHONE, next.phone()));
    changes.add(Updates.set(PHONE_KEY, phoneKey(next)));
    String[] values = optionalValues(next);
    for (int i = 0; i < OPTIONAL_FIELDS.length; i++) {
      changes.add(values[i] == null
          ? Updates.unset(OPTIONAL_FIELDS[i])
          : Updates.set(OPTIONAL_FIELDS[i], values[i]));
    }
    changes.add(Updates.set(ACTIVE, next.active()));
    changes.add(Updates.set(UPDATED_AT, date(next.updatedAt())));
    changes.add(Updates.set(VERSION, next.version()));
    return MongoErrors.call("customer update", () -> {
      try {
        Bson update = Updates.combine(changes);
        return (session == null
            ? collection.updateOne(filter, update)
            : collection.updateOne(session, filter, update)).getMatchedCount() == 1;
      } catch (RuntimeException e) {
        if (MongoErrors.isDuplicateKey(e)) {
          throw new ConflictException(ENTITY, next.tenant(), next.id(),
              "phone already belongs to another customer", e);
        }
        throw e;
      }
    });
  }

  @Override
  public boolean delete(TenantId tenant, UUID id) {
    return MongoErrors.call("customer delete",
        () -> (session == null
            ? collection.deleteOne(byId(tenant, id))
            : collection.deleteOne(session, byId(tenant, id))).getDeletedCount() == 1);
  }

  private FindIterable<Document> find(Bson filter) {
    return session == null ? collection.find(filter) : collection.find(session, filter);
  }

  /**
   * @return whether the calls run in a host's multi-document transaction, which MongoDB aborts on
   *     any error, so that repeating a statement in it is pointless
   */
  private boolean inTransaction() {
    return session != null && session.hasActiveTransaction();
  }

  private static Bson byId(TenantId tenant, UUID id) {
    return and(eq(ID, id.toString()), eq(TENANT, tenant.value()));
  }

  private static String phoneKey(Customer customer) {
    return customer.phone() != null ? customer.phone() : NO_PHONE + customer.id();
  }

  private static @Nullable String[] optionalValues(Customer customer) {
    return new String[] {customer.contactName(), customer.contactEmail(), customer.address(),
        customer.taxNumber(), customer.notes()};
  }

  /** The stored form; null fields are left out, never stored as null. */
  static Document toDocument(Customer customer) {
    Document document = new Document(ID, customer.id().toString())
        .append(TENANT, customer.tenant().value())
        .append(NAME, customer.name());
    if (customer.phone() != null) {
      document.append(PHONE, customer.phone());
    }
    document.append(PHONE_KEY, phoneKey(customer));
    String[] values = optionalValues(customer);
    for (int i = 0; i < OPTIONAL_FIELDS.length; i++) {
      if (values[i] != null) {
        document.append(OPTIONAL_FIELDS[i], values[i]);
      }
    }
    return document
        .append(ACTIVE, customer.active())
        .append(CREATED_AT, date(customer.createdAt()))
        .append(UPDATED_AT, date(customer.updatedAt()))
        .append(VERSION, customer.version());
  }

  static Customer fromDocument(Document document) {
    return new Customer(
        UUID.fromString(document.getString(ID)),
        new TenantId(document.getString(TENANT)),
        document.getString(NAME),
        document.getString(PHONE),
        document.getString(CONTACT_NAME),
        document.getString(CONTACT_EMAIL),
        document.getString(ADDRESS),
        document.getString(TAX_NUMBER),
        document.getString(NOTES),
        document.getBoolean(ACTIVE),
        instant(document.getDate(CREATED_AT)),
        instant(document.getDate(UPDATED_AT)),
        document.get(VERSION, Number.class).longValue());
  }

  private static Date date(Instant instant) {
    return Date.from(instant);
  }

  private static Instant instant(Date date) {
    return date.toInstant();
  }
}
