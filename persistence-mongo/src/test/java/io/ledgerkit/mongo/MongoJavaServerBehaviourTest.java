package io.ledgerkit.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pins what the in-process test server (mongo-java-server) does differently from MongoDB, where the
 * adapter's design depends on it. If one of these fails after an upgrade of the test server,
 * revisit the matching note in the module's README.
 */
class MongoJavaServerBehaviourTest {

  private static InProcessMongo mongo;

  @BeforeAll
  static void start() {
    mongo = new InProcessMongo();
  }

  @AfterAll
  static void stop() {
    mongo.close();
  }

  private static MongoCollection<Document> collection(String name) {
    return mongo.client().getDatabase("behaviour").getCollection(name);
  }

  /**
   * MongoDB skips documents outside a partial index's filter; mongo-java-server indexes them with
   * a null key, so two phone-less customers would collide. Hence the always-present {@code
   * phoneKey} with a plain unique index instead of a partial index on {@code phone}.
   */
  @Test
  void partialUniqueIndexesAreNotHonoured() {
    MongoCollection<Document> customers = collection("partial");
    customers.createIndex(Indexes.ascending("tenantId", "phone"), new IndexOptions().unique(true)
        .partialFilterExpression(Filters.type("phone", "string")));
    customers.insertOne(new Document("_id", "a").append("tenantId", "t"));

    MongoWriteException e = assertThrows(MongoWriteException.class,
        () -> customers.insertOne(new Document("_id", "b").append("tenantId", "t")));
    assertEquals(11000, e.getCode());
  }

  /**
   * The filters quote user values with \Q..\E, which both Java's regex (here) and PCRE (MongoDB)
   * read literally, case-insensitively with option {@code i}, non-ASCII letters included.
   */
  @Test
  void quotedPatternsAreLiterals() {
    MongoCollection<Document> names = collection("quoted");
    names.insertOne(new Document("_id", 1).append("name", "a.*b \\E [x]"));
    names.insertOne(new Document("_id", 2).append("name", "aXXb"));
    names.insertOne(new Document("_id", 3).append("name", "ÄRGER Traders"));

    assertEquals(1, names.countDocuments(Filters.regex("name", Pattern.quote("A.*B \\e [X]"), "i")));
    assertEquals(0, names.countDocuments(Filters.regex("name", Pattern.quote("a.*b \\E [x]!"), "i")));
    assertEquals(1, names.countDocuments(Filters.regex("name", Pattern.quote("ärger"), "i")));
  }
}
