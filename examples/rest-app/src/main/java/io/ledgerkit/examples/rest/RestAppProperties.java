package io.ledgerkit.examples.rest;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * The app's own {@code rest-app.*} properties (the SDK's are the starter's {@code ledgerkit.*}).
 *
 * <pre>
 * rest-app.jwt.public-key=classpath:dev-keys/DEV-ONLY-jwt-public.pem  # verifies the tokens
 * rest-app.dev.tenants=demo-shop,demo-branch  # registered at start when missing
 * rest-app.dev.phone-region=IN                # their default phone region
 * rest-app.dev.local-stripe=true              # payments through LocalStripe
 * rest-app.mongo.uri=mongodb://...            # profile mongo: not the in-process server
 * </pre>
 *
 * @param jwt how bearer tokens are checked
 * @param dev the development conveniences
 * @param mongo the MongoDB store of the {@code mongo} profile
 */
@ConfigurationProperties("rest-app")
public record RestAppProperties(Jwt jwt, @DefaultValue Dev dev, @DefaultValue Mongo mongo) {

  /**
   * @param publicKey the RSA public key (PEM, X.509 {@code SubjectPublicKeyInfo}) whose private
   *     half signs the tokens, RS256
   */
  public record Jwt(Resource publicKey) {}

  /**
   * @param tenants tenants registered at start unless they exist (the SDK never creates one by
   *     itself; a real host registers a tenant when it provisions a business)
   * @param phoneRegion the default phone region those tenants get, e.g. {@code IN}; none if blank
   * @param localStripe whether to start {@code LocalStripe} and take payments through it
   */
  public record Dev(@DefaultValue List<String> tenants, @Nullable String phoneRegion,
      @DefaultValue("true") boolean localStripe) {}

  /**
   * @param uri a MongoDB connection string; without it the {@code mongo} profile starts the
   *     in-process mongo-java-server
   */
  public record Mongo(@Nullable String uri) {}
}
