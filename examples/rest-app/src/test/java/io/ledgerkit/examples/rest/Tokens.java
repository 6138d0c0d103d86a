package io.ledgerkit.examples.rest;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.ledgerkit.examples.rest.security.DevTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** Tokens for the tests: good ones signed with the DEV-ONLY key, and every kind of bad one. */
final class Tokens {

  private Tokens() {}

  static String of(String tenant, String user, String... roles) {
    return DevTokens.mint(DevTokens.devPrivateKey(), tenant, user, List.of(roles), Map.of(),
        Instant.now(), Duration.ofMinutes(10));
  }

  static String withOtherTenants(String tenant, String user, Map<String, List<String>> others,
      String... roles) {
    return DevTokens.mint(DevTokens.devPrivateKey(), tenant, user, List.of(roles), others,
        Instant.now(), Duration.ofMinutes(10));
  }

  /** Expired an hour ago, well past any clock skew. */
  static String expired(String tenant, String user, String... roles) {
    return DevTokens.mint(DevTokens.devPrivateKey(), tenant, user, List.of(roles), Map.of(),
        Instant.now().minus(Duration.ofHours(2)), Duration.ofHours(1));
  }

  /** Well formed, RS256, but signed by a key the app does not trust. */
  static String signedByAnotherKey(String tenant, String user, String... roles) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return DevTokens.mint((RSAPrivateKey) generator.generateKeyPair().getPrivate(), tenant, user,
          List.of(roles), Map.of(), Instant.now(), Duration.ofMinutes(10));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code alg: none}, no signature. */
  static String algNone(String tenant, String user, String... roles) {
    return new PlainJWT(claims(tenant, user, roles).build()).serialize();
  }

  /** An RS256 header and claims, but no signature at all. */
  static String unsigned(String tenant, String user, String... roles) {
    String header = Base64URL.encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}").toString();
    String payload = Base64URL.encode(claims(tenant, user, roles).build().toString()).toString();
    return header + "." + payload + ".";
  }

  /** HS256 keyed with the trusted public key's bytes: the classic algorithm confusion. */
  static String hmacWithThePublicKey(String tenant, String user, String... roles) {
    try (InputStream in =
        Tokens.class.getClassLoader().getResourceAsStream(DevTokens.DEV_PUBLIC_KEY)) {
      byte[] secret = in.readAllBytes();
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(tenant, user,
          roles).build());
      jwt.sign(new MACSigner(secret));
      return jwt.serialize();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Signed with the trusted key, with exactly these claims. */
  static String signedClaims(JWTClaimsSet claims) {
    return sign(DevTokens.devPrivateKey(), claims);
  }

  /** The RS256 signature of another token over these claims: a token whose payload was edited. */
  static String tampered(String tenant, String user, String otherTenant, String... roles) {
    String good = of(tenant, user, roles);
    String[] parts = good.split("\\.");
    String forged = Base64URL.encode(claims(otherTenant, user,
        roles).build().toString()).toString();
    return parts[0] + "." + forged + "." + parts[2];
  }

  static JWTClaimsSet.Builder claims(String tenant, String user, String... roles) {
    return new JWTClaimsSet.Builder()
        .subject(user)
        .claim("tenant", tenant)
        .claim("roles", List.of(roles))
        .issueTime(new Date())
        .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(10))));
  }

  private static String sign(PrivateKey key, JWTClaimsSet claims) {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }
}
