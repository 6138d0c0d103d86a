package io.ledgerkit.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.ledgerkit.ConflictException;
import io.ledgerkit.Ledgerkit;
import io.ledgerkit.customer.Customer;
import io.ledgerkit.customer.CustomerDraft;
import io.ledgerkit.customer.CustomerPatch;
import io.ledgerkit.fee.FeeRepository;
import io.ledgerkit.fee.PaymentEventOutcome;
import io.ledgerkit.fee.ProcessedEvent;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantSettings;
import io.ledgerkit.testkit.CustomerCandidates;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The adapter bound to a host's {@link ClientSession} on a real MongoDB 7 single-node replica set
 * in Docker, where multi-document transactions exist: the SDK's writes commit or abort with the
 * host's. Skipped, not failed, where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class MongoSessionContainerTest {

  private static final String DATABASE = "ledgerkit_sessions";
  private static final List<CommandStartedEvent> COMMANDS = new CopyOnWriteArrayList<>();

  private static MongoDBContainer container;
  private static MongoClient client;
  private static MongoPersistence persistence;
  private static MongoCollection<Document> invoices;

  private final Caller owner = Caller.of(CustomerCandidates.aTenant().value(), "owner", Role.OWNER);
  private final Ledgerkit plain = Ledgerkit.builder().persistence(persistence).build();

  @BeforeAll
  static void start() {
    container = new MongoDBContainer("mongo:7").withReplicaSet();
    container.start();
    CommandListener recorder = new CommandListener() {
      @Override
      public void commandStarted(CommandStartedEvent event) {
        COMMANDS.add(event);
      }
    };
    client = MongoClients.create(MongoClientSettings.builder()
        .applyConnectionString(new ConnectionString(container.getReplicaSetUrl(DATABASE)))
        .addCommandListener(recorder)
        .build());
    persistence = MongoPersistence.create(client, DATABASE);
    invoices = client.getDatabase(DATABASE).getCollection("host_invoices");
    // Collections must exist before a transaction writes to them on older servers.
    invoices.insertOne(new Document("_id", "seed"));
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (container != null) {
      container.stop();
    }
  }

  @Test
  void aCommittedTransactionKeepsTheCustomerAndTheHostsDocument() {
    plain.tenants().register(owner.tenant(), TenantSettings.defaults());
    try (ClientSession session = client.startSession()) {
      session.startTransaction();
      Customer customer = inSession(session).customers()
          .create(owner, CustomerDraft.named("Asha").withPhone("+919876500001")).customer();
      invoices.insertOne(session, new Document("customerId", customer.id().toString()));
      assertTrue(plain.customers().findById(owner, customer.id()).isEmpty(),
          "invisible outside before the commit");
      session.commitTransaction();

      assertTrue(plain.customers().findById(owner, customer.id()).isPresent());
      assertEquals(1, invoices.countDocuments(new Document("customerId",
          customer.id().toString())));
    }
  }

  @Test
  void anAbortedTransactionUndoesTheSdksWrites() {
    plain.tenants().register(owner.tenant(), TenantSettings.defaults());
    try (ClientSession session = client.startSession()) {
      session.startTransaction();
      Customer customer = inSession(session).customers()
          .create(owner, CustomerDraft.named("Asha").withPhone("+919876500002")).customer();
      invoices.insertOne(session, new Document("customerId", customer.id().toString()));
      session.abortTransaction();

      assertTrue(plain.customers().findById(owner, customer.id()).isEmpty());
      assertEquals(0, invoices.countDocuments(new Document("customerId",
          customer.id().toString())));
    }
  }

  @Test
  void aConflictInsideIsTypedAndTheHostAbortsItsOwnWrite() {
    plain.tenants().register(owner.tenant(), TenantSettings.defaults());
    Customer first = plain.customers()
        .create(owner, CustomerDraft.named("Asha").withPhone("+919876500003")).customer();
    try (ClientSession session = client.startSession()) {
      session.startTransaction();
      invoices.insertOne(session, new Document("customerId", "host-row"));
      Ledgerkit inSession = inSession(session);
      Customer second = inSession.customers()
          .create(owner, CustomerDraft.named("Ravi").withPhone("+919876500004")).customer();
      assertThrows(ConflictException.class, () -> inSession.customers().update(owner,
          second.id(), CustomerPatch.builder().phone(first.phone()).build()));
      session.abortTransaction();
    }
    assertEquals(0, invoices.countDocuments(new Document("customerId", "host-row")));
    assertTrue(plain.customers().findByPhone(owner, "+919876500004").isEmpty());
  }

  @Test
  void aProcessedNotificationCommitsOrAbortsWithTheHostsTransaction() {
    for (boolean commit : new boolean[] {false, true}) {
      ProcessedEvent record = new ProcessedEvent(owner.tenant(), "stripe", "evt_" + commit,
          "checkout.session.completed", UUID.randomUUID(), PaymentEventOutcome.APPLIED,
          Instant.parse("2026-03-01T10:15:30.123Z"));
      try (ClientSession session = client.startSession()) {
        session.startTransaction();
        FeeRepository bound = persistence.inSession(session).fees();
        assertTrue(bound.recordProcessedEvent(record));
        assertEquals(record, bound.findProcessedEvent(owner.tenant(), "stripe", record.eventId())
            .orElseThrow(), "the transaction sees its own write");
        assertTrue(persistence.fees().findProcessedEvent(owner.tenant(), "stripe",
            record.eventId()).isEmpty(), "invisible outside before the commit");
        if (commit) {
          session.commitTransaction();
        } else {
          session.abortTransaction();
        }
      }
      assertEquals(commit, persistence.fees().findProcessedEvent(owner.tenant(), "stripe",
          record.eventId()).isPresent());
    }
  }

  @Test
  void everyCallCarriesTheHostsSession() {
    plain.tenants().register(owner.tenant(), TenantSettings.defaults());
    try (ClientSession session = client.startSession()) {
      Ledgerkit inSession = inSession(session);
      COMMANDS.clear();
      Customer created = inSession.customers()
          .create(owner, CustomerDraft.named("Asha").withPhone("+919876500005")).customer();
      assertEquals(created, inSession.customers().findById(owner, created.id()).orElseThrow());

      BsonDocument id = session.getServerSession().getIdentifier();
      assertFalse(COMMANDS.isEmpty());
      for (CommandStartedEvent command : COMMANDS) {
        assertEquals(id, command.getCommand().getDocument("lsid"),
            command.getCommandName() + " ran outside the host's session");
      }
    }
  }

  private static Ledgerkit inSession(ClientSession session) {
    return Ledgerkit.builder().persistence(persistence.inSession(session)).build();
  }
}
