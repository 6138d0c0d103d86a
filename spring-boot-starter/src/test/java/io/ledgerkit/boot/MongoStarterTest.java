package io.ledgerkit.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.ledgerkit.Ledgerkit;
import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.customer.CustomerDraft;
import io.ledgerkit.testkit.TestPostgres;
import io.ledgerkit.mongo.MongoPersistence;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantSettings;
import io.ledgerkit.testkit.CustomerCandidates;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The starter on a {@code MongoClient} bean (the in-process mongo-java-server). */
class MongoStarterTest {

  private static MongoServer server;
  private static MongoClient client;

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(LedgerkitPersistenceAutoConfiguration.class,
          LedgerkitAutoConfiguration.class, LedgerkitHealthAutoConfiguration.class))
      // One client per context, which closes it as a host's context would.
      .withBean(MongoClient.class, () -> MongoClients.create(connectionString()));
  private final Caller owner = Caller.of(CustomerCandidates.aTenant().value(), "owner", Role.OWNER);

  @BeforeAll
  static void start() {
    server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", 0);
    client = MongoClients.create(connectionString());
  }

  private static String connectionString() {
    return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
  }

  @AfterAll
  static void stop() {
    client.close();
    server.shutdownNow();
  }

  @Test
  void configuresLedgerkitOnTheClientInTheNamedDatabase() {
    runner.withPropertyValues("ledgerkit.mongo.database=shop",
        "ledgerkit.mongo.collection-prefix=lk_").run(context -> {
          MongoPersistence persistence =
              assertInstanceOf(MongoPersistence.class, context.getBean(PersistenceAdapter.class));
          assertEquals("shop", persistence.databaseName());
          assertEquals("lk_", persistence.collectionPrefix());
          Ledgerkit ledgerkit = context.getBean(Ledgerkit.class);
          ledgerkit.tenants().register(owner.tenant(), TenantSettings.defaults());
          ledgerkit.customers().create(owner, CustomerDraft.named("Asha"));
          List<String> collections =
              client.getDatabase("shop").listCollectionNames().into(new ArrayList<>());
          assertTrue(collections.contains("lk_customers"), collections.toString());
        });
  }

  @Test
  void withoutADatabaseNameThereIsNoLedgerkit() {
    runner.run(context -> assertTrue(context.getBeansOfType(Ledgerkit.class).isEmpty()));
  }

  @Test
  void aDatabaseNameChoosesMongoEvenBesideADataSource() {
    runner.withBean(DataSource.class, TestPostgres::freshSchema)
        .withPropertyValues("ledgerkit.mongo.database=shop")
        .run(context -> assertInstanceOf(MongoPersistence.class,
            context.getBean(PersistenceAdapter.class)));
  }

  @Test
  void healthAndMetricsOnMongo() {
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withPropertyValues("ledgerkit.mongo.database=shop")
        .run(context -> {
          HealthIndicator health =
              context.getBean("ledgerkitHealthIndicator", HealthIndicator.class);
          assertEquals(Status.UP, health.health(false).getStatus());
          Ledgerkit ledgerkit = context.getBean(Ledgerkit.class);
          ledgerkit.tenants().register(owner.tenant(), TenantSettings.defaults());
          ledgerkit.customers().create(owner, CustomerDraft.named("Asha"));
          assertEquals(1, context.getBean(MeterRegistry.class).get(LedgerkitMetrics.TIMER)
              .tag("operation", "customers.create").tag("outcome", "success").timer().count());
        });
  }
}
