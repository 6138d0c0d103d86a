package io.ledgerkit.jpa;

import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The customer contract on PostgreSQL 14, the oldest major version its developers still support. */
@Testcontainers(disabledWithoutDocker = true)
class Postgres14ContainerContractTest extends PostgresContainerContractTest {

  @BeforeAll
  static void startImage() {
    start("postgres:14-alpine");
  }
}
