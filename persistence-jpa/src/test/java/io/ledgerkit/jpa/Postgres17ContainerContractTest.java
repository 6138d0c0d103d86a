package io.ledgerkit.jpa;

import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The customer contract on PostgreSQL 17. */
@Testcontainers(disabledWithoutDocker = true)
class Postgres17ContainerContractTest extends PostgresContainerContractTest {

  @BeforeAll
  static void startImage() {
    start("postgres:17-alpine");
  }
}
