package io.ledgerkit.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ledgerkit.ConflictException;
import io.ledgerkit.inventory.InsufficientStockException;
import io.ledgerkit.inventory.MovementDraft;
import io.ledgerkit.inventory.MovementType;
import io.ledgerkit.inventory.RecordedMovement;
import io.ledgerkit.inventory.TransferDraft;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.TenantId;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.hibernate.cfg.JdbcSettings;
import org.hibernate.cfg.MappingSettings;
import org.hibernate.jpa.HibernatePersistenceConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Movements and transfers inside a host's transaction: a Spring-managed one on the adapter's data
 * source (a {@code DataSourceTransactionManager}, as {@code @Transactional} on JDBC uses it), and
 * a plain {@code EntityManager}'s joined through {@link JpaPersistence#joining}. The movement and
 * its stock change commit or roll back with the host's work; a refused or conflicting call leaves
 * the host's transaction usable.
 */
class PostgresInventorySpringTransactionTest {

  private static final DataSource DATA_SOURCE = TestDatabase.pool();
  private static final HostInvoices INVOICES = new HostInvoices(DATA_SOURCE);
  private static final JdbcInventoryRawStore RAW = TestDatabase.rawInventory();
  private static final EntityManagerFactory HOST = hostFactory();

  @AfterAll
  static void closeHostFactory() {
    HOST.close();
  }

  private final JdbcTemplate jdbc = new JdbcTemplate(DATA_SOURCE);
  private final TransactionTemplate transaction =
      new TransactionTemplate(new DataSourceTransactionManager(DATA_SOURCE));
  private final InventorySdk sdk = new InventorySdk(TestDatabase.persistence());

  @Test
  void theHostsRollbackUndoesTheMovementAndItsStockChange() {
    sdk.restock("sku-1", 5);
    Caller there = sdk.anotherStore();
    List<List<Map<String, Object>>> before = snapshot(sdk.tenant, there.tenant());

    transaction.executeWithoutResult(status -> {
      RecordedMovement sale = sdk.sale("sku-1", 2);
      assertEquals(3, sdk.inventory.stockOnHand(sdk.staff, "sku-1"), "seen inside");
      sdk.inventory.transfer(sdk.staff, there,
          TransferDraft.of("sku-1", 1).at(sdk.nextTimestamp()));
      assertEquals(1, sdk.inventory.stockOnHand(there, "sku-1"), "seen inside");
      invoice(sale.movement().id());
      status.setRollbackOnly();
    });

    assertEquals(before, snapshot(sdk.tenant, there.tenant()));
    assertEquals(5, sdk.inventory.stockOnHand(sdk.staff, "sku-1"));
  }

  @Test
  void anExceptionFromTheHostUndoesTheFirstMovementOfAnItem() {
    assertThrows(IllegalStateException.class, () -> transaction.executeWithoutResult(status -> {
      RecordedMovement restock = sdk.restock("sku-new", 5);
      invoice(restock.movement().id());
      throw new IllegalStateException("the host's own step failed");
    }));

    assertEquals(List.of(), RAW.movements(sdk.tenant));
    assertEquals(List.of(), RAW.stock(sdk.tenant), "the stock row goes too");
  }

  @Test
  void aCommittedHostTransactionKeepsTheMovementAndTheHostsRow() {
    UUID id = transaction.execute(status -> {
      RecordedMovement restock = sdk.restock("sku-1", 5);
      invoice(restock.movement().id());
      return restock.movement().id();
    });

    assertEquals(5, sdk.inventory.stockOnHand(sdk.staff, "sku-1"));
    assertEquals(1, INVOICES.committedFor(id));
  }

  @Test
  void refusedAndConflictingCallsInsideLeaveTheHostsTransactionUsable() {
    sdk.restock("sku-1", 1);
    Instant taken = sdk.nextTimestamp();
    sdk.inventory.record(sdk.staff, MovementDraft.of("sku-1", MovementType.RESTOCK, 1).at(taken));

    UUID id = transaction.execute(status -> {
      assertThrows(InsufficientStockException.class, () -> sdk.sale("sku-1", 3));
      // A unique violation inside, which PostgreSQL would abort the host's transaction for
      // without the call's savepoint.
      assertThrows(ConflictException.class, () -> sdk.inventory.record(sdk.staff,
          MovementDraft.of("sku-1", MovementType.RESTOCK, 1).at(taken)));
      RecordedMovement sale = sdk.sale("sku-1", 2);
      invoice(sale.movement().id());
      return sale.movement().id();
    });

    assertEquals(1, INVOICES.committedFor(id));
    assertEquals(0, sdk.inventory.stockOnHand(sdk.staff, "sku-1"));
    assertEquals(3, RAW.movements(sdk.tenant).size());
  }

  @Test
  void anEntityManagersRollbackUndoesTheMovementsItJoined() {
    sdk.restock("sku-1", 5);
    List<List<Map<String, Object>>> before = snapshot(sdk.tenant);

    EntityManager em = HOST.createEntityManager();
    try {
      em.getTransaction().begin();
      sdk.persistence.joining(em, () -> sdk.sale("sku-1", 5));
      em.persist(new HostInvoice(UUID.randomUUID(), 250));
      em.flush();
      assertEquals(0L, sdk.persistence.joining(em,
          () -> sdk.inventory.stockOnHand(sdk.staff, "sku-1")), "seen inside");
      em.getTransaction().rollback();
    } finally {
      if (em.getTransaction().isActive()) {
        em.getTransaction().rollback();
      }
      em.close();
    }

    assertEquals(before, snapshot(sdk.tenant));
  }

  private void invoice(UUID movement) {
    jdbc.update(HostInvoices.INSERT, UUID.randomUUID(), movement, 250);
  }

  private static List<List<Map<String, Object>>> snapshot(TenantId... tenants) {
    List<List<Map<String, Object>>> all = new ArrayList<>();
    for (TenantId id : tenants) {
      all.add(RAW.movements(id));
      all.add(RAW.stock(id));
    }
    return all;
  }

  private static EntityManagerFactory hostFactory() {
    return new HibernatePersistenceConfiguration("inventory-host")
        .managedClass(HostInvoice.class)
        .property(JdbcSettings.JAKARTA_NON_JTA_DATASOURCE, DATA_SOURCE)
        // The test class path carries a hostile hibernate.properties; a real host has its own.
        .property(MappingSettings.DEFAULT_SCHEMA, currentSchema())
        .createEntityManagerFactory();
  }

  private static String currentSchema() {
    return new JdbcTemplate(DATA_SOURCE).queryForObject("select current_schema()", String.class);
  }
}
