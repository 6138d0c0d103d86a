/**
 * A Spring Boot host application on Ledgerkit's starter: the seed services' REST API over the SDK.
 * Controllers only map JSON to the SDK's drafts and filters and back; every rule is the SDK's.
 */
@NullMarked
package io.ledgerkit.examples.rest;

import org.jspecify.annotations.NullMarked;
