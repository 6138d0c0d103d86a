package io.ledgerkit.examples.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jwt.JWTClaimsSet;
import io.ledgerkit.Ledgerkit;
import io.ledgerkit.examples.rest.Http.Reply;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantSettings;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * Which bearer tokens the app takes: RS256 signed by the configured key, not expired, with an
 * expiry and with a tenant, a subject and known roles. Everything else is a 401 problem detail
 * with a {@code WWW-Authenticate} challenge, before any controller or SDK call.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(FailingRoutes.class)
class BearerTokenTest {

  @LocalServerPort
  int port;
  @Autowired
  Ledgerkit ledgerkit;

  Http http;
  String shop;

  @BeforeEach
  void tenant() {
    http = new Http(port);
    shop = "shop-" + UUID.randomUUID().toString().substring(0, 8);
    ledgerkit.tenants().register(TenantId.of(shop), TenantSettings.defaults());
  }

  private void assertRefused(String token) {
    Reply reply = http.get("/currentuser", token);
    RestAppRoutesTest.assertProblem(reply, 401, "unauthenticated");
    assertTrue(reply.header("WWW-Authenticate").startsWith("Bearer"), reply::toString);
  }

  @Test
  void aValidTokenIsTheCaller() {
    Reply reply = http.get("/currentuser", Tokens.of(shop, "alice", "STAFF"));
    assertEquals(200, reply.status(), reply::toString);
    assertEquals(shop, reply.json().path("tenant").asString());
  }

  @Test
  void noTokenIsRefused() {
    assertRefused(null);
    Reply customers = http.get("/customers", null);
    RestAppRoutesTest.assertProblem(customers, 401, "unauthenticated");
  }

  @Test
  void anExpiredTokenIsRefused() {
    assertRefused(Tokens.expired(shop, "alice", "STAFF"));
  }

  @Test
  void anUnsignedTokenIsRefused() {
    assertRefused(Tokens.unsigned(shop, "alice", "STAFF"));
  }

  @Test
  void aTokenSignedByAnotherKeyIsRefused() {
    assertRefused(Tokens.signedByAnotherKey(shop, "alice", "STAFF"));
  }

  @Test
  void algNoneIsRefused() {
    assertRefused(Tokens.algNone(shop, "alice", "OWNER"));
  }

  @Test
  void hmacKeyedWithThePublicKeyIsRefused() {
    assertRefused(Tokens.hmacWithThePublicKey(shop, "alice", "OWNER"));
  }

  @Test
  void anEditedPayloadIsRefused() {
    assertRefused(Tokens.tampered(shop, "alice", "another-" + shop, "STAFF"));
  }

  @Test
  void garbageIsRefused() {
    assertRefused("not-a-jwt");
  }

  @Test
  void aTokenWithoutExpiryIsRefused() {
    assertRefused(Tokens.signedClaims(new JWTClaimsSet.Builder().subject("alice")
        .claim("tenant", shop).claim("roles", List.of("STAFF")).build()));
  }

  @Test
  void aTokenWithoutTenantOrWithUnknownRolesIsRefused() {
    assertRefused(Tokens.signedClaims(Tokens.claims(shop, "alice", "STAFF").claim("tenant",
        null).build()));
    assertRefused(Tokens.signedClaims(Tokens.claims(" " + shop, "alice", "STAFF").build()));
    assertRefused(Tokens.signedClaims(Tokens.claims(shop, "alice", "SUPERUSER").build()));
    assertRefused(Tokens.signedClaims(Tokens.claims(shop, "alice", "STAFF").claim("roles",
        "STAFF").build()));
    assertRefused(Tokens.signedClaims(Tokens.claims(shop, "alice", "STAFF").subject(null).build()));
    assertRefused(Tokens.signedClaims(Tokens.claims(shop, "alice", "STAFF")
        .claim("tenantRoles", List.of("branch")).build()));
  }

  @Test
  void publicRoutesNeedNoToken() {
    assertEquals(200, http.get("/health", null).status());
    assertEquals(200, http.get("/v3/api-docs", null).status());
  }
}
