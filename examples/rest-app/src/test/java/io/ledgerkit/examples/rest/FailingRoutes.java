package io.ledgerkit.examples.rest;

import io.ledgerkit.StorageException;
import java.sql.SQLException;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Routes that fail as nothing in the app is expected to, for the 500 mappings: a storage failure
 * and an unexpected exception, each with a message quoting a stored value that must not leave.
 */
@TestConfiguration(proxyBeanMethods = false)
class FailingRoutes {

  static final String SECRET = "+919876543210";

  @Bean
  RouterFunction<ServerResponse> failing() {
    return RouterFunctions.route()
        .GET("/test-only/storage-failure", request -> {
          throw new StorageException("customer store failed in create (SQLState 08006)",
              new SQLException("connection lost while writing " + SECRET, "08006"));
        })
        .GET("/test-only/bug", request -> {
          throw new IllegalStateException("a bug that quotes " + SECRET);
        })
        .build();
  }
}
