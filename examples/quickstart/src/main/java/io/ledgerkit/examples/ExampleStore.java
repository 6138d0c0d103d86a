package io.ledgerkit.examples;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.ledgerkit.Ledgerkit;
import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.jpa.JpaPersistence;
import io.ledgerkit.mongo.MongoPersistence;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * Where an example stores: PostgreSQL by default (the server in {@code LEDGERKIT_PG_URL}, or an
 * embedded one), MongoDB with {@code --mongo} (the server in {@code LEDGERKIT_MONGO_URI}, or a
 * MongoDB wire server inside this JVM, which has no transactions and keeps nothing).
 */
final class ExampleStore implements AutoCloseable {

  /** The argument that picks MongoDB. */
  static final String MONGO = "--mongo";

  private final PersistenceAdapter adapter;
  private final String description;
  private final AutoCloseable[] resources;

  private ExampleStore(PersistenceAdapter adapter, String description, AutoCloseable... resources) {
    this.adapter = adapter;
    this.description = description;
    this.resources = resources;
  }

  /**
   * Opens the store the arguments and the environment name, saying so before each slow step.
   *
   * @param args the main's arguments
   * @param out where to say it
   * @return the store, open
   */
  static ExampleStore open(String[] args, PrintStream out) {
    if (Arrays.asList(args).contains(MONGO)) {
      String uri = System.getenv("LEDGERKIT_MONGO_URI");
      if (uri != null && !uri.isBlank()) {
        out.println("connecting to the MongoDB at LEDGERKIT_MONGO_URI...");
        MongoClient client = MongoClients.create(uri);
        return new ExampleStore(MongoPersistence.create(client, "ledgerkit_examples"),
            "MongoDB at LEDGERKIT_MONGO_URI", client);
      }
      out.println("starting an in-process MongoDB wire server...");
      MongoServer server = new MongoServer(new MemoryBackend());
      server.bind("127.0.0.1", 0);
      MongoClient client = MongoClients.create("mongodb://127.0.0.1:"
          + server.getLocalAddress().getPort());
      return new ExampleStore(MongoPersistence.create(client, "ledgerkit_examples"),
          "an in-process MongoDB wire server", client, server::shutdownNow);
    }
    out.println(EmbeddedDatabase.externalUrlGiven()
        ? "connecting to the PostgreSQL at LEDGERKIT_PG_URL..."
        : "starting embedded PostgreSQL (a first run unpacks it, a few seconds)...");
    EmbeddedDatabase database = EmbeddedDatabase.start();
    out.println("creating Ledgerkit's tables and starting Hibernate...");
    JpaPersistence persistence = JpaPersistence.create(database.dataSource());
    return new ExampleStore(persistence, database.description(), persistence, database);
  }

  /**
   * Runs an example: opens the store the arguments name, runs the example on it, says where it
   * ran, and closes the store.
   *
   * @param args the main's arguments
   * @param example what to run, given the store and where to report
   */
  static void run(String[] args, BiConsumer<ExampleStore, PrintStream> example) {
    PrintStream out = System.out;
    try (ExampleStore store = open(args, out)) {
      example.accept(store, out);
      out.println("(ran on " + store.description() + ")");
    }
  }

  /** @return the SDK on this store, with every default */
  Ledgerkit ledgerkit() {
    return Ledgerkit.builder().persistence(adapter).build();
  }

  /** @return the persistence adapter to build the SDK on */
  PersistenceAdapter adapter() {
    return adapter;
  }

  /** @return which store this is, for the last line of an example */
  String description() {
    return description;
  }

  @Override
  public void close() {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        throw new IllegalStateException("could not close " + description, e);
      }
    }
  }
}
