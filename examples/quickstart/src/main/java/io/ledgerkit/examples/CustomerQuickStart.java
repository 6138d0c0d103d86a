package io.ledgerkit.examples;

import io.ledgerkit.Ledgerkit;
import io.ledgerkit.ValidationException;
import io.ledgerkit.customer.CreateResult;
import io.ledgerkit.customer.Customer;
import io.ledgerkit.customer.CustomerDraft;
import io.ledgerkit.customer.CustomerFilter;
import io.ledgerkit.customer.CustomerService;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantSettings;
import java.io.PrintStream;
import java.util.UUID;

/**
 * Customers created, deduplicated by phone and listed.
 *
 * <p>Run it with {@code ./mvnw -B -ntp -pl examples/quickstart -am package -DskipTests exec:java
 * -Dexec.mainClass=io.ledgerkit.examples.CustomerQuickStart} (add {@code -Dexec.args=--mongo} for
 * MongoDB). It says what it is doing before each slow step, so that a first run, which unpacks
 * PostgreSQL, is not silent. Libraries log warnings and errors only (see {@code logback.xml}).
 */
public final class CustomerQuickStart {

  private CustomerQuickStart() {}

  /**
   * @param args {@code --mongo} for MongoDB instead of PostgreSQL
   */
  public static void main(String[] args) {
    ExampleStore.run(args, (store, out) -> run(store.ledgerkit(), out));
  }

  /**
   * The demo itself, on any SDK instance.
   *
   * @param ledgerkit the SDK
   * @param out where to report
   */
  static void run(Ledgerkit ledgerkit, PrintStream out) {
    // The host registers each business once, when it provisions it (a fresh one per run here,
    // so that the demo can run again against the same database).
    TenantId shop = TenantId.of("demo-shop-" + UUID.randomUUID().toString().substring(0, 8));
    ledgerkit.tenants().register(shop, TenantSettings.defaults().withDefaultPhoneRegion("IN"));

    // Every call names who is asking, in which tenant, with which roles.
    Caller cashier = Caller.of(shop.value(), "cashier-7", Role.STAFF);
    CustomerService customers = ledgerkit.customers();

    // One phone typed three ways is one customer: the first create makes it, the others update it.
    for (String phone : new String[] {"098765 43210", "+91 98765-43210", "9876543210"}) {
      CreateResult result = customers.create(cashier, CustomerDraft.named("Ravi Kumar").withPhone(phone));
      out.printf("create %-17s -> %s %s (isNew=%s, version %d)%n", "'" + phone + "'",
          result.customer().id(), result.customer().phone(), result.isNew(), result.customer().version());
    }
    customers.create(cashier, CustomerDraft.named("Meera Textiles").withPhone("080 2222 3333")
        .withContactEmail("accounts@meera.example").withTaxNumber("29ABCDE1234F1Z5"));
    customers.create(cashier, CustomerDraft.named("Walk-in without phone"));

    // Bad input is refused with every failing field named; nothing is written.
    try {
      customers.create(cashier, CustomerDraft.named(" ").withPhone("12").withContactEmail("not-an-email"));
    } catch (ValidationException e) {
      out.println("refused: " + e.fields());
    }

    out.println("customers of " + shop + ", newest first:");
    for (Customer c : customers.list(cashier, CustomerFilter.all()).items()) {
      out.printf("  %-22s %-14s %s%n", c.name(), c.phone() == null ? "-" : c.phone(),
          c.contactEmail() == null ? "" : c.contactEmail());
    }
    out.println("lookup by phone '98765 43210': "
        + customers.findByPhone(cashier, "98765 43210").map(Customer::name).orElse("none"));
  }
}
