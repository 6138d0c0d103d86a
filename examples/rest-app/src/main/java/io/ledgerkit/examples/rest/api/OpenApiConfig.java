package io.ledgerkit.examples.rest.api;

import io.ledgerkit.tenant.Caller;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document ({@code /v3/api-docs}, Swagger UI at {@code /swagger}): a controller's
 * {@link Caller} parameter comes from the bearer token, not from the request, so the document does
 * not list it.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfig {

  static {
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
  }

  /** Creates the configuration; Spring does. */
  public OpenApiConfig() {}
}
