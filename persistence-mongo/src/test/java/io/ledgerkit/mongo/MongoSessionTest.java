package io.ledgerkit.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.ledgerkit.DriverFailure;
import io.ledgerkit.Ledgerkit;
import io.ledgerkit.StorageException;
import io.ledgerkit.customer.CustomerDraft;
import io.ledgerkit.fee.FeeFilter;
import io.ledgerkit.fee.PaymentEventOutcome;
import io.ledgerkit.fee.ProcessedEvent;
import io.ledgerkit.inventory.MovementDraft;
import io.ledgerkit.inventory.MovementFilter;
import io.ledgerkit.inventory.MovementType;
import io.ledgerkit.inventory.TransferDraft;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantSettings;
import io.ledgerkit.testkit.CustomerCandidates;
import io.ledgerkit.testkit.FeeDrafts;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The adapter bound to a host's {@link ClientSession} on the in-process server, which supports
 * neither sessions nor transactions: every bound call is refused with a typed error before
 * anything is written, and the unbound adapter is unchanged. {@code MongoSessionContainerTest}
 * covers a server with transactions.
 */
class MongoSessionTest {

  private static final String DATABASE = "ledgerkit_sessions";

  private static MongoServer server;
  private static MongoClient client;
  private static final List<CommandStartedEvent> COMMANDS = new CopyOnWriteArrayList<>();
  private static MongoPersistence persistence;

  private final Caller owner = Caller.of(CustomerCandidates.aTenant().value(), "owner", Role.OWNER);

  @BeforeAll
  static void start() {
    server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", 0);
    CommandListener recorder = new CommandListener() {
      @Override
      public void commandStarted(CommandStartedEvent event) {
        COMMANDS.add(event);
      }
    };
    client = MongoClients.create(MongoClientSettings.builder()
        .applyConnectionString(new ConnectionString(
            "mongodb://127.0.0.1:" + server.getLocalAddress().getPort()))
        .addCommandListener(recorder)
        .build());
    persistence = MongoPersistence.create(client, DATABASE);
  }

  @AfterAll
  static void stop() {
    client.close();
    server.shutdownNow();
  }

  @Test
  void aServerWithoutSessionsRefusesEveryBoundCallWithATypedError() {
    Ledgerkit plain = Ledgerkit.builder().persistence(persistence).build();
    plain.tenants().register(owner.tenant(), TenantSettings.defaults());
    try (ClientSession session = client.startSession()) {
      Ledgerkit inSession =
          Ledgerkit.builder().persistence(persistence.inSession(session)).build();
      COMMANDS.clear();

      StorageException refused = assertThrows(StorageException.class, () -> inSession
          .customers().create(owner, CustomerDraft.named("Asha").withPhone("+919876500001")));

      assertEquals("com.mongodb.MongoClientException",
          ((DriverFailure) refused.getCause()).driverType(), "the driver's refusal, redacted");
      assertTrue(COMMANDS.stream().noneMatch(command -> command.getCommandName()
          .equals("findAndModify")), "nothing was sent");
    }
    assertTrue(plain.customers().findByPhone(owner, "+919876500001").isEmpty());
    assertTrue(plain.customers().create(owner, CustomerDraft.named("Asha")
        .withPhone("+919876500001")).isNew(), "the unbound adapter is unchanged");
  }

  @Test
  void aTransactionIsRefusedWithATypedErrorAndWritesNothing() {
    Ledgerkit plain = Ledgerkit.builder().persistence(persistence).build();
    plain.tenants().register(owner.tenant(), TenantSettings.defaults());
    try (ClientSession session = client.startSession()) {
      session.startTransaction();
      Ledgerkit inTransaction =
          Ledgerkit.builder().persistence(persistence.inSession(session)).build();

      StorageException refused = assertThrows(StorageException.class, () -> inTransaction
          .customers().create(owner, CustomerDraft.named("Asha").withPhone("+919876500002")));

      assertEquals("com.mongodb.MongoClientException",
          ((DriverFailure) refused.getCause()).driverType(), "the driver's refusal, redacted");
      session.abortTransaction();
    }
    assertTrue(plain.customers().findByPhone(owner, "+919876500002").isEmpty());
  }

  /**
   * Building an SDK on the bound adapter runs no recovery (no I/O, nothing in the host's
   * transaction); a bound fee call is refused like a customer call, and nothing is written: the
   * record of a processed notification too.
   */
  @Test
  void boundFeeCallsAreRefusedWithATypedErrorAndWriteNothing() {
    Ledgerkit plain = Ledgerkit.builder().persistence(persistence).build();
    plain.tenants().register(owner.tenant(), TenantSettings.defaults());
    try (ClientSession session = client.startSession()) {
      COMMANDS.clear();
      Ledgerkit inSession =
          Ledgerkit.builder().persistence(persistence.inSession(session)).build();
      assertTrue(COMMANDS.isEmpty(), "building it sent nothing");

      StorageException refused = assertThrows(StorageException.class, () -> inSession.fees()
          .assess(owner, FeeDrafts.aFee()));

      assertEquals("com.mongodb.MongoClientException",
          ((DriverFailure) refused.getCause()).driverType(), "the driver's refusal, redacted");
      ProcessedEvent record = new ProcessedEvent(owner.tenant(), "stripe", "evt_bound",
          "checkout.session.completed", UUID.randomUUID(), PaymentEventOutcome.APPLIED,
          Instant.parse("2026-03-01T10:15:30.123Z"));
      StorageException unrecorded = assertThrows(StorageException.class,
          () -> persistence.inSession(session).fees().recordProcessedEvent(record));
      assertEquals("com.mongodb.MongoClientException",
          ((DriverFailure) unrecorded.getCause()).driverType());
      assertThrows(StorageException.class, () -> persistence.inSession(session).fees()
          .findProcessedEvent(owner.tenant(), "stripe", "evt_bound"));
      assertTrue(COMMANDS.stream().noneMatch(command -> command.getCommandName()
          .equals("insert")), "nothing was sent");
    }
    assertEquals(0, plain.fees().list(owner, FeeFilter.all()).total());
    assertTrue(persistence.fees().findProcessedEvent(owner.tenant(), "stripe", "evt_bound")
        .isEmpty());
  }

  /**
   * Building an SDK on the bound adapter runs no inventory recovery either; a bound movement or
   * transfer is refused like any bound call, and nothing is written.
   */
  @Test
  void boundInventoryCallsAreRefusedWithATypedErrorAndWriteNothing() {
    Ledgerkit plain = Ledgerkit.builder().persistence(persistence).build();
    plain.tenants().register(owner.tenant(), TenantSettings.defaults());
    Caller there = Caller.of(CustomerCandidates.aTenant().value(), "owner", Role.OWNER);
    plain.tenants().register(there.tenant(), TenantSettings.defaults());
    Instant at = Instant.now().minusSeconds(60);
    try (ClientSession session = client.startSession()) {
      COMMANDS.clear();
      Ledgerkit inSession =
          Ledgerkit.builder().persistence(persistence.inSession(session)).build();
      assertTrue(COMMANDS.isEmpty(), "building it sent nothing");

      StorageException refused = assertThrows(StorageException.class, () -> inSession.inventory()
          .record(owner, MovementDraft.of("sku-1", MovementType.RESTOCK, 3).at(at)));
      assertEquals("com.mongodb.MongoClientException",
          ((DriverFailure) refused.getCause()).driverType(), "the driver's refusal, redacted");
      assertThrows(StorageException.class, () -> inSession.inventory()
          .transfer(owner, there, TransferDraft.of("sku-1", 1).at(at)));
      assertTrue(COMMANDS.stream().noneMatch(command -> command.getCommandName()
          .equals("insert")), "nothing was sent");
    }
    assertEquals(0, plain.inventory().list(owner, MovementFilter.all()).total());
    assertEquals(0, plain.inventory().list(there, MovementFilter.all()).total());
  }

  @Test
  void aSessionOfAnotherClientIsRefused() {
    try (MongoClient other = MongoClients.create(
            "mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
        ClientSession foreign = other.startSession()) {
      assertThrows(IllegalArgumentException.class, () -> persistence.inSession(foreign));
    }
  }
}
