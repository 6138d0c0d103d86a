package io.ledgerkit.examples.rest;

import io.ledgerkit.examples.rest.security.DevTokens;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The REST host: Spring Boot on Ledgerkit's starter, on port 3001 (the seed services' port).
 *
 * <pre>
 * java -jar examples/rest-app/target/rest-app.jar                              # serve
 * java -jar examples/rest-app/target/rest-app.jar token demo-shop alice STAFF  # DEV-ONLY token
 * </pre>
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@OpenAPIDefinition(
    info = @Info(title = "Ledgerkit REST host",
        description = "The seed services' API over the Ledgerkit SDK: customers, client customers, "
            + "fees paid through Stripe, stock movements. Errors are RFC 9457 problem details.",
        version = "0.1.0-SNAPSHOT"),
    security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
    bearerFormat = "JWT")
public class RestApplication {

  /** Creates the application; Spring does. */
  public RestApplication() {}

  /**
   * Serves the API, or with {@code token} as the first argument prints a development token (see
   * {@link DevTokens}) and exits.
   *
   * @param args the application's arguments
   */
  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("token")) {
      DevTokens.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    SpringApplication.run(RestApplication.class, args);
  }
}
