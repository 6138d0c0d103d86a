/**
 * Pieces the SDK's own modules share. No compatibility promise: hosts should not use them.
 */
@NullMarked
package io.ledgerkit.internal;

import org.jspecify.annotations.NullMarked;
