package io.ledgerkit.examples.rest.security;

import io.ledgerkit.examples.rest.RestAppProperties;
import io.ledgerkit.tenant.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.converter.RsaKeyConverters;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every route but {@code /health}, the OpenAPI document, Swagger UI and the Stripe webhook needs a
 * bearer token: an RS256 JWT signed by the key of {@code rest-app.jwt.public-key}, not expired,
 * with an expiry, and with {@code tenant}, {@code sub} and {@code roles} claims the SDK accepts.
 * Anything else (unsigned, {@code alg: none}, another algorithm or key, expired, malformed claims)
 * is refused with 401 before a controller runs; refusals are problem details like every other
 * error. Sessions are never created.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig implements WebMvcConfigurer {

  private static final Logger LOG = LoggerFactory.getLogger(SecurityConfig.class);

  /** Paths anyone may call. */
  static final String[] PUBLIC = {"/health", "/swagger", "/swagger/**", "/swagger-ui/**",
      "/swagger-ui.html", "/v3/api-docs", "/v3/api-docs/**", "/stripe/webhook", "/error"};

  /** Creates the configuration; Spring does. */
  public SecurityConfig() {}

  @Bean
  SecurityFilterChain api(HttpSecurity http, JwtDecoder decoder,
      @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) throws Exception {
    BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
    BearerTokenAccessDeniedHandler denied = new BearerTokenAccessDeniedHandler();
    return http
        .csrf(csrf -> csrf.disable())
        .sessionManagement(session -> session
            .sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(PUBLIC).permitAll()
            .anyRequest().authenticated())
        .oauth2ResourceServer(server -> server
            .jwt(jwt -> jwt.decoder(decoder))
            // The WWW-Authenticate header from Spring Security, the body from the problem handler.
            .authenticationEntryPoint((request, response, e) -> {
              challenge.commence(request, response, e);
              resolve(resolver, request, response, e);
            })
            .accessDeniedHandler((request, response, e) -> {
              denied.handle(request, response, e);
              resolve(resolver, request, response, e);
            }))
        .exceptionHandling(errors -> errors.authenticationEntryPoint((request, response, e) -> {
          challenge.commence(request, response, e);
          resolve(resolver, request, response, e);
        }))
        .build();
  }

  private static void resolve(HandlerExceptionResolver resolver, HttpServletRequest request,
      HttpServletResponse response, Exception e) throws IOException {
    if (resolver.resolveException(request, response, null, e) == null) {
      response.sendError(response.getStatus());
    }
  }

  @Bean
  JwtDecoder jwtDecoder(RestAppProperties properties) {
    RSAPublicKey key = publicKey(properties);
    NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(key)
        .signatureAlgorithm(SignatureAlgorithm.RS256)
        .build();
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(
        JwtValidators.createDefault(),
        new JwtClaimValidator<Instant>(JwtClaimNames.EXP, Objects::nonNull),
        new CallerClaims())));
    return decoder;
  }

  private static RSAPublicKey publicKey(RestAppProperties properties) {
    var resource = properties.jwt().publicKey();
    String name = String.valueOf(resource.getFilename());
    if (name.contains("DEV-ONLY")) {
      LOG.warn("Trusting the DEV-ONLY token key {}: anybody can sign tokens for this app. "
          + "Set rest-app.jwt.public-key to your identity provider's key before deploying.", name);
    }
    try (InputStream in = resource.getInputStream()) {
      return RsaKeyConverters.x509().convert(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rest-app.jwt.public-key", e);
    }
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new CallerResolver());
  }

  /** A token is refused unless the SDK accepts its tenant, subject and roles as a caller. */
  static final class CallerClaims implements OAuth2TokenValidator<Jwt> {

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
      try {
        Callers.of(token);
        Callers.otherTenants(token);
        return OAuth2TokenValidatorResult.success();
      } catch (RuntimeException e) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token",
            "the token's tenant, sub, roles or tenantRoles claim is missing or malformed", null));
      }
    }
  }

  /** Gives a controller parameter of type {@link Caller} the caller of the request's token. */
  static final class CallerResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
      return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
        NativeWebRequest request, WebDataBinderFactory binders) {
      Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
      if (authentication instanceof JwtAuthenticationToken token) {
        return Callers.of(token.getToken());
      }
      throw new NoTokenException();
    }
  }

  /** A route that needs a caller was reached without a token; never expected. */
  static final class NoTokenException extends AuthenticationException {

    NoTokenException() {
      super("a bearer token is required");
    }
  }
}
