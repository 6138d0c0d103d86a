package io.ledgerkit.mongo;

import io.ledgerkit.PersistenceAdapter;
import io.ledgerkit.testkit.FeeContractTest;
import io.ledgerkit.testkit.FeeRawStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The fee contract against the in-process server (mongo-java-server), without transactions. */
class MongoFeeContractTest extends FeeContractTest {

  private static final String DATABASE = "ledgerkit_fee_contract";

  private static InProcessMongo mongo;
  private static MongoPersistence adapter;
  private static FeeRawStore rawFees;

  @BeforeAll
  static void start() {
    mongo = new InProcessMongo();
    adapter = MongoPersistence.create(mongo.client(), DATABASE);
    rawFees = new MongoFeeRawStore(mongo.client(), DATABASE);
  }

  @AfterAll
  static void stop() {
    mongo.close();
  }

  @Override
  protected PersistenceAdapter adapter() {
    return adapter;
  }

  @Override
  protected FeeRawStore rawFees() {
    return rawFees;
  }
}
