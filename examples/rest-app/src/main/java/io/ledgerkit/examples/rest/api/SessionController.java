package io.ledgerkit.examples.rest.api;

import io.ledgerkit.examples.rest.security.Callers;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The seed services' default routes: {@code /health} (anonymous) and {@code /currentuser}. */
@RestController
@Tag(name = "service", description = "Health and the current session")
public class SessionController {

  private final ObjectProvider<HealthIndicator> ledgerkitHealth;

  /** @param ledgerkitHealth the starter's {@code ledgerkit} health indicator */
  public SessionController(
      @Qualifier("ledgerkitHealthIndicator") ObjectProvider<HealthIndicator> ledgerkitHealth) {
    this.ledgerkitHealth = ledgerkitHealth;
  }

  /**
   * @param status {@code UP} or {@code DOWN}
   */
  public record HealthView(String status) {}

  /**
   * The token's caller as the SDK sees it.
   *
   * @param tenant the tenant it acts in
   * @param userId the user
   * @param roles its roles there
   * @param tenantRoles the same user's roles in other tenants (for transfers)
   * @param expiresAt when the token expires
   */
  public record CurrentUser(String tenant, String userId, List<String> roles,
      Map<String, List<String>> tenantRoles, @Nullable Instant expiresAt) {}

  /**
   * @return 200 {@code UP} while the SDK's store answers, 503 {@code DOWN} otherwise; no details
   */
  @GetMapping("/health")
  @SecurityRequirements
  @Operation(summary = "Whether the service and its store answer")
  public ResponseEntity<HealthView> health() {
    HealthIndicator indicator = ledgerkitHealth.getIfAvailable();
    Status status = indicator == null ? Status.UP : indicator.health().getStatus();
    HttpStatus code = Status.UP.equals(status) ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE;
    return ResponseEntity.status(code).body(new HealthView(status.getCode()));
  }

  /**
   * @param caller the token's caller
   * @param jwt the token
   * @return who the token says the caller is
   */
  @GetMapping("/currentuser")
  @Operation(summary = "The caller of the bearer token")
  public CurrentUser currentUser(Caller caller, @AuthenticationPrincipal Jwt jwt) {
    Map<String, List<String>> others = new TreeMap<>();
    Callers.otherTenants(jwt).forEach((tenant, roles) ->
        others.put(tenant, roles.stream().map(Role::name).sorted().toList()));
    return new CurrentUser(caller.tenant().value(), caller.userId(),
        caller.roles().stream().map(Role::name).sorted().toList(), others, jwt.getExpiresAt());
  }
}
