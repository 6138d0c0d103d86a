package io.ledgerkit.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.bson.Document;
import org.bson.types.Decimal128;
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

  /**
   * Both servers name the violated index in a duplicate-key message ({@code ... index: <name>
   * dup key: ...}); the fee insert reads only that name to tell a taken loan (insert returns
   * false) from a taken id (a conflict). The message also quotes the key's values, which is why it
   * never leaves the adapter.
   */
  @Test
  void duplicateKeyMessagesNameTheIndex() {
    MongoCollection<Document> fees = collection("duplicates");
    fees.createIndex(Indexes.ascending("tenantId", "loanKey"),
        new IndexOptions().name("by_loan").unique(true));
    fees.insertOne(new Document("_id", "a").append("tenantId", "t").append("loanKey", "l"));

    MongoWriteException loan = assertThrows(MongoWriteException.class, () -> fees.insertOne(
        new Document("_id", "b").append("tenantId", "t").append("loanKey", "l")));
    MongoWriteException id = assertThrows(MongoWriteException.class, () -> fees.insertOne(
        new Document("_id", "a").append("tenantId", "t").append("loanKey", "m")));

    assertEquals(11000, loan.getCode());
    assertTrue(loan.getError().getMessage().contains(" index: by_loan "), loan.getError().getMessage());
    assertEquals(11000, id.getCode());
    assertTrue(id.getError().getMessage().contains(" index: _id_ "), id.getError().getMessage());
  }

  /**
   * Pending events are array elements found by {@code "pendingEvents._id" >= ""} (an empty array
   * has no such element) and removed by {@code $pull} with a condition on their {@code _id}.
   */
  @Test
  void pendingElementsAreFoundByTheirIdAndPulledByIt() {
    MongoCollection<Document> fees = collection("pending");
    fees.createIndex(Indexes.ascending("pendingEvents._id"));
    fees.insertOne(new Document("_id", "a").append("pendingEvents",
        List.of(new Document("_id", "e1").append("n", 1), new Document("_id", "e2").append("n", 2))));
    fees.insertOne(new Document("_id", "b").append("pendingEvents", List.of()));
    fees.insertOne(new Document("_id", "c"));

    assertEquals(List.of("a"), fees.find(Filters.gte("pendingEvents._id", ""))
        .map(d -> d.getString("_id")).into(new ArrayList<>()));
    assertEquals(1, fees.updateOne(Filters.eq("_id", "a"),
        Updates.pullByFilter(new Document("pendingEvents", new Document("_id", "e1"))))
        .getMatchedCount());
    assertEquals(List.of(new Document("_id", "e2").append("n", 2)),
        fees.find(Filters.eq("_id", "a")).first().getList("pendingEvents", Document.class));
    fees.updateOne(Filters.eq("_id", "a"),
        Updates.pullByFilter(new Document("pendingEvents", new Document("_id", "e2"))));
    assertEquals(0, fees.countDocuments(Filters.gte("pendingEvents._id", "")));
  }

  /** Decimal128 keeps the scale (2.50 stays 2.50) and compares by value, not by digits. */
  @Test
  void decimalsKeepTheirScaleAndCompareByValue() {
    MongoCollection<Document> amounts = collection("decimals");
    amounts.insertOne(new Document("_id", 1).append("amount", new Decimal128(new BigDecimal("2.50"))));
    amounts.insertOne(new Document("_id", 2).append("amount", new Decimal128(new BigDecimal("10.00"))));
    amounts.insertOne(new Document("_id", 3).append("amount", new Decimal128(new BigDecimal("9.990"))));

    assertEquals(new BigDecimal("2.50"), amounts.find(Filters.eq("_id", 1)).first()
        .get("amount", Decimal128.class).bigDecimalValue());
    assertEquals(1, amounts.countDocuments(Filters.eq("amount", new Decimal128(new BigDecimal("2.5")))));
    assertEquals(List.of(2), amounts.find(Filters.gt("amount", new Decimal128(new BigDecimal("9.99"))))
        .map(d -> d.getInteger("_id")).into(new ArrayList<>()));
    assertEquals(2, amounts.countDocuments(Filters.lte("amount", new Decimal128(new BigDecimal("9.99")))));
  }

  /**
   * Conditional single-document updates report their matched count faithfully under concurrency:
   * of the writers expecting one version exactly one matches (the returned post-images of
   * findOneAndUpdate are not reliable under load; the adapter never uses them for fees).
   */
  @Test
  void conditionalUpdatesHaveOneWinnerPerVersionUnderConcurrency() throws Exception {
    MongoCollection<Document> fees = collection("versions");
    fees.insertOne(new Document("_id", "f").append("version", 1L));
    int threads = 8;
    int rounds = 100;
    AtomicLong wins = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(pool.submit(() -> {
          for (int i = 0; i < rounds; i++) {
            long seen = fees.find(Filters.eq("_id", "f")).first().getLong("version");
            wins.addAndGet(fees.updateOne(
                Filters.and(Filters.eq("_id", "f"), Filters.eq("version", seen)),
                Updates.combine(Updates.set("version", seen + 1),
                    Updates.push("log", seen + 1))).getMatchedCount());
          }
          return null;
        }));
      }
      for (Future<?> future : done) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    Document stored = fees.find(Filters.eq("_id", "f")).first();
    assertEquals(1 + wins.get(), stored.getLong("version"));
    List<Long> log = stored.getList("log", Long.class);
    assertEquals(wins.get(), log.size());
    assertEquals(wins.get(), new HashSet<>(log).size(), "no version won twice");
  }

  /**
   * The movement chain's unique keys hold values of mixed types: a numeric {@code seq} never meets
   * a string one ({@code "r:<id>"} of a reservation, {@code "x:<id>"} of a marker), nor a date
   * {@code movementTimestamp} a string one; equal values of one type do collide, on insert and on
   * update, and the error names the index.
   */
  @Test
  void uniqueCompoundKeysOfMixedTypesCollideOnlyOnEqualValuesAndNameTheIndex() {
    MongoCollection<Document> chain = collection("chain");
    chain.createIndex(Indexes.ascending("tenantId", "itemId", "seq"),
        new IndexOptions().name("by_seq").unique(true));
    chain.createIndex(Indexes.ascending("tenantId", "itemId", "movementTimestamp"),
        new IndexOptions().name("by_time").unique(true));
    chain.insertOne(link("m1", 1L, new Date(1_000)));
    chain.insertOne(link("r1", "r:r1", new Date(2_000)));
    chain.insertOne(link("x1", "x:x1", "x:x1"));
    chain.insertOne(link("m2", 2L, new Date(3_000)));

    MongoWriteException seq = assertThrows(MongoWriteException.class,
        () -> chain.insertOne(link("m3", 2L, new Date(4_000))));
    MongoWriteException time = assertThrows(MongoWriteException.class,
        () -> chain.insertOne(link("m4", 3L, new Date(2_000))));
    MongoWriteException updated = assertThrows(MongoWriteException.class,
        () -> chain.updateOne(Filters.and(Filters.eq("_id", "r1"), Filters.eq("seq", "r:r1")),
            Updates.set("seq", 1L)));

    assertEquals(11000, seq.getCode());
    assertTrue(seq.getError().getMessage().contains(" index: by_seq "), seq.getMessage());
    assertTrue(time.getError().getMessage().contains(" index: by_time "), time.getMessage());
    assertEquals(11000, updated.getCode());
    assertTrue(updated.getError().getMessage().contains(" index: by_seq "), updated.getMessage());
    assertEquals("r:r1", chain.find(Filters.eq("_id", "r1")).first().get("seq"), "unchanged");
    assertEquals(1, chain.updateOne(Filters.and(Filters.eq("_id", "r1"), Filters.eq("seq", "r:r1")),
        Updates.combine(Updates.set("seq", 3L), Updates.unset("reservedFor"))).getMatchedCount());
    assertEquals(0, chain.updateOne(Filters.and(Filters.eq("_id", "r1"), Filters.eq("seq", "r:r1")),
        Updates.set("seq", 4L)).getMatchedCount(), "a second commit matches nothing");
  }

  /**
   * {@code seq >= 0} brackets by type: it matches the numbers only, never a string {@code seq},
   * whatever the string; sorted descending with limit 1 it finds the highest number, whether
   * stored as int64 or int32.
   */
  @Test
  void aNumericBoundMatchesNumbersOnlyAndTheHighestComesFirst() {
    MongoCollection<Document> chain = collection("brackets");
    chain.insertOne(link("m1", 1L, new Date(1_000)));
    chain.insertOne(link("m2", 2, new Date(2_000)));
    chain.insertOne(link("m10", 10L, new Date(3_000)));
    chain.insertOne(link("r1", "r:r1", new Date(4_000)));
    chain.insertOne(link("x1", "x:x1", "x:x1"));
    chain.insertOne(link("z1", "9", new Date(5_000)));

    assertEquals(List.of("m10", "m2", "m1"), chain.find(Filters.gte("seq", 0))
        .sort(Sorts.descending("seq")).map(d -> d.getString("_id")).into(new ArrayList<>()));
    assertEquals("m10", chain.find(Filters.and(Filters.eq("tenantId", "t"),
        Filters.eq("itemId", "i"), Filters.gte("seq", 0))).sort(Sorts.descending("seq"))
        .projection(Projections.include("seq")).limit(1).first().getString("_id"));
    assertEquals(List.of("x1"), chain.find(Filters.type("movementTimestamp", "string"))
        .map(d -> d.getString("_id")).into(new ArrayList<>()));
    assertEquals(2, chain.countDocuments(Filters.and(Filters.gte("seq", 0),
        Filters.gte("movementTimestamp", new Date(2_000)))), "a date bound skips strings too");
  }

  /**
   * The stock of many items in one aggregation: match the items' numeric links, sort by item and
   * {@code seq} descending, and take each item's first {@code stockAfter}.
   */
  @Test
  void aSortedGroupTakesTheFirstOfEachItem() {
    MongoCollection<Document> chain = collection("heads");
    chain.insertOne(link("a1", 1L, new Date(1_000)).append("stockAfter", 5L));
    chain.insertOne(link("a2", 2L, new Date(2_000)).append("stockAfter", 7L));
    chain.insertOne(link("ar", "r:ar", new Date(3_000)).append("stockAfter", 99L));
    chain.insertOne(link("b1", 1L, new Date(1_000)).append("itemId", "j").append("stockAfter", 3L));
    chain.insertOne(link("c1", 1L, new Date(1_000)).append("itemId", "k").append("stockAfter", 4L));

    Map<String, Long> heads = new TreeMap<>();
    chain.aggregate(List.of(
        Aggregates.match(Filters.and(Filters.eq("tenantId", "t"), Filters.in("itemId", "i", "j", "n"),
            Filters.gte("seq", 0))),
        Aggregates.sort(Sorts.descending("itemId", "seq")),
        Aggregates.group("$itemId", Accumulators.first("stockAfter", "$stockAfter"))))
        .forEach(d -> heads.put(d.getString("_id"), d.getLong("stockAfter")));

    assertEquals(Map.of("i", 7L, "j", 3L), heads);
  }

  private static Document link(String id, Object seq, Object timestamp) {
    return new Document("_id", id).append("tenantId", "t").append("itemId", "i").append("seq", seq)
        .append("movementTimestamp", timestamp);
  }
}
