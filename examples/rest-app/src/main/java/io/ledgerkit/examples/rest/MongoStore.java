package io.ledgerkit.examples.rest;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The {@code mongo} profile's store: the {@code MongoClient} the starter builds the SDK on (in
 * {@code ledgerkit.mongo.database}, set by {@code application-mongo.properties}), connected to
 * {@code rest-app.mongo.uri} when set, otherwise to an in-process mongo-java-server holding
 * everything in memory. That server has no sessions or transactions; the SDK needs neither.
 */
@Configuration(proxyBeanMethods = false)
@Profile("mongo")
public class MongoStore {

  private static final Logger LOG = LoggerFactory.getLogger(MongoStore.class);

  /** Creates the configuration; Spring does. */
  public MongoStore() {}

  @Bean(destroyMethod = "close")
  Server mongoServer(RestAppProperties properties) {
    String uri = properties.mongo().uri();
    if (uri != null && !uri.isBlank()) {
      LOG.info("Using the MongoDB at rest-app.mongo.uri");
      return new Server(uri, null);
    }
    LOG.info("Starting the in-process mongo-java-server (in memory)");
    MongoServer server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", 0);
    return new Server("mongodb://127.0.0.1:" + server.getLocalAddress().getPort(), server);
  }

  @Bean(destroyMethod = "close")
  MongoClient mongoClient(Server server) {
    return MongoClients.create(server.uri());
  }

  /**
   * The MongoDB server the app uses; stops it on close when the app started it.
   *
   * @param uri its connection string
   * @param inProcess the server the app started, or null for an external one
   */
  record Server(String uri, @Nullable MongoServer inProcess) implements AutoCloseable {

    @Override
    public void close() {
      if (inProcess != null) {
        inProcess.shutdownNow();
      }
    }
  }
}
