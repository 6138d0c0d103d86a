package io.ledgerkit.testkit;

import static io.ledgerkit.testkit.CustomerCandidates.aCandidate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ledgerkit.PageRequest;
import io.ledgerkit.ValidationException;
import io.ledgerkit.customer.Customer;
import io.ledgerkit.customer.CustomerFilter;
import io.ledgerkit.customer.CustomerRepository;
import io.ledgerkit.customer.CustomerSort;
import io.ledgerkit.tenant.TenantId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An adapter-level check, behind the core's text policy: a repository refuses a string its store
 * could not hold exactly (an unpaired surrogate, a NUL) instead of letting the driver alter it,
 * for writes and for the values it compares. Call it from each adapter's own tests, with the
 * repository itself, not through the SDK.
 */
public final class UnstorableText {

  private static final List<String> UNSTORABLE = List.of("x\uD800", "\uDFFFx", "a\u0000b");

  private UnstorableText() {}

  /**
   * @param customers the adapter's repository
   * @param raw a reader of the same store
   * @param tenant a fresh tenant
   */
  public static void assertRefusedByRepository(CustomerRepository customers, RawStore raw, TenantId tenant) {
    Customer stored = customers.create(aCandidate(tenant).withPhone("+919876543210").build()).customer();
    List<Map<String, Object>> before = raw.customers(tenant);
    List<Function<String, CustomerCandidates>> fields = List.of(
        value -> aCandidate(tenant).named(value),
        value -> aCandidate(tenant).withContactName(value),
        value -> aCandidate(tenant).withAddress(value),
        value -> aCandidate(tenant).withNotes(value),
        value -> aCandidate(tenant).withTaxNumber(value),
        value -> aCandidate(tenant).withPhone(value));
    for (String bad : UNSTORABLE) {
      for (Function<String, CustomerCandidates> field : fields) {
        Customer candidate = field.apply(bad).build();
        assertThrows(ValidationException.class, () -> customers.create(candidate));
        assertThrows(ValidationException.class, () -> customers.createAll(List.of(candidate)));
        assertThrows(ValidationException.class, () -> customers.update(
            field.apply(bad).withId(stored.id()).build(), stored.version()));
      }
      Customer withPhone = aCandidate(tenant).withPhone("+919876543211").withNotes(bad).build();
      assertThrows(ValidationException.class, () -> customers.createIfAbsent(withPhone));
      assertThrows(ValidationException.class, () -> customers.findByPhone(tenant, "+91" + bad));
      assertThrows(ValidationException.class, () -> customers.find(tenant,
          CustomerFilter.all().withName(bad), PageRequest.FIRST, CustomerSort.NEWEST_FIRST));
    }
    assertEquals(before, raw.customers(tenant));
  }
}
