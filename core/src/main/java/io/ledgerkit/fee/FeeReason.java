package io.ledgerkit.fee;

import java.util.Arrays;
import java.util.Optional;

/** Why a fee is charged. Stored by {@link #apiName()} beside its {@link #index()}. */
public enum FeeReason {
  /** A loan returned late. */
  OVERDUE("overdue"),
  /** A loaned item lost. */
  LOST("lost"),
  /** A loaned item damaged. */
  DAMAGE("damage"),
  /** Charged by staff for another reason. */
  MANUAL("manual"),
  /** Charged by a system process. */
  SYSTEM("system");

  private final String apiName;

  FeeReason(String apiName) {
    this.apiName = apiName;
  }

  /** @return the stored and serialized name, e.g. {@code overdue} */
  public String apiName() {
    return apiName;
  }

  /** @return a sortable index, 0 for overdue to 4 for system */
  public int index() {
    return ordinal();
  }

  /**
   * @param apiName a stored name
   * @return the reason of that name
   */
  public static Optional<FeeReason> ofApiName(String apiName) {
    return Arrays.stream(values()).filter(reason -> reason.apiName.equals(apiName)).findFirst();
  }
}
