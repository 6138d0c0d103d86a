package io.ledgerkit.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A real wire-protocol server (mongo-java-server, in memory) on a random loopback port, and a real
 * driver client connected to it. It has no transactions, like the deployments the adapter must
 * stay correct on without them.
 */
final class InProcessMongo implements AutoCloseable {

  private final MongoServer server;
  private final String connectionString;
  private final MongoClient client;

  InProcessMongo() {
    server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", 0);
    connectionString = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
    client = MongoClients.create(connectionString);
  }

  /** @return where the server listens, for a second client */
  String connectionString() {
    return connectionString;
  }

  MongoClient client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
    server.shutdownNow();
  }
}
