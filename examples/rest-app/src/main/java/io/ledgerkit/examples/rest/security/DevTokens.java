package io.ledgerkit.examples.rest.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.converter.RsaKeyConverters;

/**
 * Mints development tokens, signed RS256 with the DEV-ONLY private key shipped in {@code
 * src/main/resources/dev-keys}, which the app trusts by default. Anybody can mint these: never
 * deploy the app trusting {@code DEV-ONLY-jwt-public.pem}.
 *
 * <pre>
 * java -jar examples/rest-app/target/rest-app.jar token demo-shop alice STAFF
 * java -jar examples/rest-app/target/rest-app.jar token demo-shop sync-job SYSTEM minutes=10
 * java -jar examples/rest-app/target/rest-app.jar token demo-shop alice STAFF demo-branch=STAFF
 * </pre>
 *
 * Arguments: tenant, user id, roles separated by commas, then any of {@code minutes=N} (default
 * 60) and {@code <other tenant>=<roles>} (the {@code tenantRoles} claim a transfer reads).
 */
public final class DevTokens {

  /** Where the DEV-ONLY private key is on the class path. */
  public static final String DEV_PRIVATE_KEY = "dev-keys/DEV-ONLY-jwt-private.pem";
  /** Where the DEV-ONLY public key is on the class path. */
  public static final String DEV_PUBLIC_KEY = "dev-keys/DEV-ONLY-jwt-public.pem";
  /** How long a token lives when nothing else is said. */
  public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(60);

  private DevTokens() {}

  /**
   * Prints one token.
   *
   * @param args tenant, user id, roles, then options (see the class comment)
   */
  public static void main(String[] args) {
    if (args.length < 3) {
      System.err.println("usage: token <tenant> <user> <ROLE[,ROLE...]> [minutes=N]"
          + " [<other tenant>=<ROLE[,ROLE...]>...]");
      System.exit(2);
      return;
    }
    Duration lifetime = DEFAULT_LIFETIME;
    Map<String, List<String>> others = new LinkedHashMap<>();
    for (String option : Arrays.copyOfRange(args, 3, args.length)) {
      int eq = option.indexOf('=');
      if (eq <= 0) {
        System.err.println("not an option: " + option);
        System.exit(2);
        return;
      }
      String name = option.substring(0, eq);
      String value = option.substring(eq + 1);
      if (name.equals("minutes")) {
        lifetime = Duration.ofMinutes(Long.parseLong(value));
      } else {
        others.put(name, roles(value));
      }
    }
    System.out.println(mint(devPrivateKey(), args[0], args[1], roles(args[2]), others,
        Instant.now(), lifetime));
  }

  /**
   * @param key the signing key
   * @param tenant the {@code tenant} claim
   * @param user the subject
   * @param roles the {@code roles} claim
   * @param otherTenants the {@code tenantRoles} claim; left out when empty
   * @param issuedAt the {@code iat} claim
   * @param lifetime how long after {@code issuedAt} it expires
   * @return the compact serialization of the signed token
   */
  public static String mint(RSAPrivateKey key, String tenant, String user, List<String> roles,
      Map<String, List<String>> otherTenants, Instant issuedAt, Duration lifetime) {
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
        .subject(user)
        .claim(Callers.TENANT, tenant)
        .claim(Callers.ROLES, new ArrayList<>(roles))
        .issueTime(Date.from(issuedAt))
        .expirationTime(Date.from(issuedAt.plus(lifetime)));
    if (!otherTenants.isEmpty()) {
      claims.claim(Callers.TENANT_ROLES, new LinkedHashMap<>(otherTenants));
    }
    SignedJWT jwt = new SignedJWT(
        new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID("dev-only")
            .build(),
        claims.build());
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("could not sign the token", e);
    }
    return jwt.serialize();
  }

  /** @return the DEV-ONLY private key from the class path */
  public static RSAPrivateKey devPrivateKey() {
    try (InputStream in = DevTokens.class.getClassLoader().getResourceAsStream(DEV_PRIVATE_KEY)) {
      if (in == null) {
        throw new IllegalStateException(DEV_PRIVATE_KEY + " is not on the class path");
      }
      return RsaKeyConverters.pkcs8().convert(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> roles(String list) {
    return Arrays.stream(list.split(",")).map(String::trim).filter(role -> !role.isEmpty())
        .toList();
  }
}
