package io.ledgerkit.benchmarks;

import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.ledgerkit.Ledgerkit;
import io.ledgerkit.mongo.MongoPersistence;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantSettings;
import org.bson.Document;

/**
 * What a MongoDB benchmark trial runs on: an in-process mongo-java-server (in memory, on a
 * loopback port), one driver client, the SDK on it and the SDK's own customer and movement
 * collections for the baselines, configured as the SDK configures them.
 */
final class MongoFixture implements AutoCloseable {

  private static final String DATABASE = "bench";

  private final MongoServer server;
  private final MongoClient client;
  private final Ledgerkit ledgerkit;
  private final MongoCollection<Document> customers;
  private final MongoCollection<Document> movements;
  private final String tenant;
  private final Caller caller;

  MongoFixture() {
    Logging.quiet();
    server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", 0);
    client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    MongoPersistence persistence = MongoPersistence.create(client, DATABASE);
    ledgerkit = Ledgerkit.builder().persistence(persistence).build();
    MongoDatabase database = client.getDatabase(DATABASE)
        .withCodecRegistry(MongoClientSettings.getDefaultCodecRegistry())
        .withWriteConcern(WriteConcern.MAJORITY);
    customers = database.getCollection(persistence.collectionPrefix() + MongoPersistence.CUSTOMERS);
    movements = database.getCollection(persistence.collectionPrefix() + MongoPersistence.MOVEMENTS);
    tenant = BenchData.freshTenant("mongo");
    ledgerkit.tenants().register(TenantId.of(tenant),
        TenantSettings.defaults().withDefaultPhoneRegion(BenchData.REGION));
    caller = Caller.of(tenant, "bench", Role.ADMIN);
  }

  Ledgerkit ledgerkit() {
    return ledgerkit;
  }

  /** @return the SDK's customer collection, for the hand-written driver calls */
  MongoCollection<Document> customers() {
    return customers;
  }

  /** @return the SDK's movement collection, for the hand-written driver calls */
  MongoCollection<Document> movements() {
    return movements;
  }

  String tenant() {
    return tenant;
  }

  Caller caller() {
    return caller;
  }

  @Override
  public void close() {
    client.close();
    server.shutdownNow();
  }
}
