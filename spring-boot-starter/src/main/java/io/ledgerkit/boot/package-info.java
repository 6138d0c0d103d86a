/**
 * Spring Boot auto-configuration of Ledgerkit: {@link io.ledgerkit.boot.LedgerkitProperties}
 * ({@code ledgerkit.*}) and the auto-configurations listed in {@code
 * META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}. Wiring only:
 * every rule stays in the SDK's core.
 */
@NullMarked
package io.ledgerkit.boot;

import org.jspecify.annotations.NullMarked;
