package io.ledgerkit.inventory;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a stock movement is, as seed 004 names them; stored by {@link #apiName()} beside its
 * {@link #index()} ({@code movementType} and {@code movementTypeIdx}, 0 for sale to 5 for
 * transfer). Each type fixes the sign its quantity may have.
 */
public enum MovementType {
  /** Goods sold: stock decreases. */
  SALE("sale", Sign.NEGATIVE, false),
  /** Goods received: stock increases. */
  RESTOCK("restock", Sign.POSITIVE, false),
  /** A count that differs from the books: either way, with a reason. */
  MANUAL_ADJUSTMENT("manualAdjustment", Sign.EITHER, true),
  /** Fixes an earlier movement it references: either way, with a reason. */
  CORRECTION("correction", Sign.EITHER, true),
  /** Goods dumped or damaged: stock decreases. */
  DAMAGE("damage", Sign.NEGATIVE, false),
  /** One leg of a transfer between two stores: out of one (negative), into the other (positive). */
  TRANSFER("transfer", Sign.EITHER, false);

  private final String apiName;
  private final Sign sign;
  private final boolean requiresReason;

  MovementType(String apiName, Sign sign, boolean requiresReason) {
    this.apiName = apiName;
    this.sign = sign;
    this.requiresReason = requiresReason;
  }

  /** @return the stored and serialized name, e.g. {@code manualAdjustment} */
  public String apiName() {
    return apiName;
  }

  /** @return the seed's index of this type */
  public int index() {
    return ordinal();
  }

  /**
   * @param quantityDelta a non-zero quantity
   * @return whether a movement of this type may have that sign
   */
  public boolean allows(long quantityDelta) {
    return switch (sign) {
      case NEGATIVE -> quantityDelta < 0;
      case POSITIVE -> quantityDelta > 0;
      case EITHER -> quantityDelta != 0;
    };
  }

  /** @return the sign rule in words, for an error message */
  String signRule() {
    return switch (sign) {
      case NEGATIVE -> "a " + apiName + " decreases stock: the quantity must be negative";
      case POSITIVE -> "a " + apiName + " increases stock: the quantity must be positive";
      case EITHER -> "the quantity must not be zero";
    };
  }

  /** @return whether a movement of this type needs a reason */
  public boolean requiresReason() {
    return requiresReason;
  }

  /**
   * @param apiName a stored or serialized name, e.g. {@code sale}
   * @return the type of that name
   */
  public static Optional<MovementType> ofApiName(String apiName) {
    return Arrays.stream(values()).filter(type -> type.apiName.equals(apiName)).findFirst();
  }

  private enum Sign { NEGATIVE, POSITIVE, EITHER }
}
