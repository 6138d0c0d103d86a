package io.ledgerkit.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ledgerkit.ConflictException;
import io.ledgerkit.StorageException;
import io.ledgerkit.fee.Fee;
import io.ledgerkit.fee.FeeEventType;
import io.ledgerkit.fee.FeeFilter;
import io.ledgerkit.fee.FeeReason;
import io.ledgerkit.fee.FeeStatus;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A fee's transition and its event inside a Spring-managed transaction on the adapter's data
 * source (a {@code DataSourceTransactionManager}, as {@code @Transactional} on JDBC uses it): both
 * commit or roll back with the host's work; a failing call leaves the host's transaction usable.
 */
class PostgresFeeSpringTransactionTest {

  private static final DataSource DATA_SOURCE = TestDatabase.pool();
  private static final HostInvoices INVOICES = new HostInvoices(DATA_SOURCE);
  private static final JdbcFeeRawStore RAW = TestDatabase.rawFees();

  private final JdbcTemplate jdbc = new JdbcTemplate(DATA_SOURCE);
  private final TransactionTemplate transaction =
      new TransactionTemplate(new DataSourceTransactionManager(DATA_SOURCE));
  private final FeeSdk sdk = new FeeSdk(TestDatabase.persistence());

  @Test
  void aCommittedHostTransactionKeepsTheTransitionItsEventAndTheHostsRow() {
    Fee fee = sdk.assess();

    transaction.executeWithoutResult(status -> {
      sdk.waive(fee);
      invoice(fee.id());
    });

    assertEquals(FeeStatus.WAIVED, sdk.stored(fee).status());
    assertEquals(List.of(FeeEventType.ASSESSED, FeeEventType.WAIVED), sdk.eventTypes(fee));
    assertEquals(1, INVOICES.committedFor(fee.id()));
  }

  @Test
  void theHostsRollbackUndoesTheTransitionAndItsEvent() {
    Fee fee = sdk.assess();
    List<Map<String, Object>> fees = RAW.fees(sdk.staff.tenant());
    List<Map<String, Object>> events = RAW.events(sdk.staff.tenant());

    transaction.executeWithoutResult(status -> {
      sdk.waive(fee);
      assertEquals(FeeStatus.WAIVED, sdk.stored(fee).status(), "seen inside");
      assertEquals(2, sdk.ledgerkit.fees().history(sdk.staff, fee.id()).size(), "seen inside");
      invoice(fee.id());
      status.setRollbackOnly();
    });

    assertEquals(fees, RAW.fees(sdk.staff.tenant()));
    assertEquals(events, RAW.events(sdk.staff.tenant()));
    assertEquals(0, INVOICES.committedFor(fee.id()));
  }

  @Test
  void anExceptionFromTheHostUndoesAnAssessmentAndItsEvent() {
    assertThrows(IllegalStateException.class, () -> transaction.executeWithoutResult(status -> {
      Fee fee = sdk.assess();
      assertEquals(1, sdk.ledgerkit.fees().list(sdk.staff, FeeFilter.all()).total());
      invoice(fee.id());
      throw new IllegalStateException("the host's own step failed");
    }));

    assertEquals(List.of(), RAW.fees(sdk.staff.tenant()));
    assertEquals(List.of(), RAW.events(sdk.staff.tenant()));
  }

  @Test
  void aConflictInsideLeavesTheHostsTransactionUsable() {
    Fee taken = sdk.assess();
    Fee fee = transaction.execute(status -> {
      // A taken id: a unique violation inside, which PostgreSQL would abort the host's
      // transaction for without the call's savepoint.
      Fee sameId = withId(taken);
      assertThrows(ConflictException.class, () -> sdk.persistence.fees().insert(sameId,
          JpaFeeRepositoryTest.assessed(sameId)));
      invoice(taken.id());
      Fee assessed = sdk.assess();
      return sdk.waive(assessed);
    });

    assertEquals(1, INVOICES.committedFor(taken.id()));
    assertEquals(FeeStatus.WAIVED, sdk.stored(fee).status());
    assertEquals(2, RAW.fees(sdk.staff.tenant()).size());
    assertEquals(3, RAW.events(sdk.staff.tenant()).size());
  }

  @Test
  void aCallInAnAbortedHostTransactionFailsWithoutWriting() {
    Fee fee = sdk.assess();
    StorageException failure = assertThrows(StorageException.class, () ->
        transaction.executeWithoutResult(status -> {
          try {
            jdbc.execute("select 1 / 0");
          } catch (RuntimeException hostError) {
            // The host swallows its own error; its transaction is now aborted (25P02).
          }
          sdk.waive(fee);
        }));

    assertTrue(failure.getMessage().contains("25P02"), failure.getMessage());
    assertEquals(FeeStatus.UNPAID, sdk.stored(fee).status());
    assertEquals(1, RAW.events(sdk.staff.tenant()).size());
  }

  private void invoice(UUID fee) {
    jdbc.update(HostInvoices.INSERT, UUID.randomUUID(), fee, 250);
  }

  private Fee withId(Fee taken) {
    return new Fee(taken.id(), taken.tenant(), "member-9", "loan-" + UUID.randomUUID(),
        taken.amount(), taken.currency(), FeeStatus.UNPAID, taken.createdAt(), FeeReason.MANUAL,
        null, 0, null, true, taken.createdAt(), taken.createdAt(), 1);
  }
}
