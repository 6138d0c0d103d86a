package io.ledgerkit.stripe;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A wire-protocol server in memory (mongo-java-server) on a random loopback port, and a real
 * driver client connected to it: MongoDB for this module's tests, with no process or container to
 * start. It has no sessions or transactions.
 */
final class InProcessMongo implements AutoCloseable {

  private final MongoServer server;
  private final MongoClient client;

  InProcessMongo() {
    server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", 0);
    client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
  }

  /** @return a client of the server; closed with it */
  MongoClient client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
    server.shutdownNow();
  }
}
