package io.ledgerkit.examples.rest.api;

import io.ledgerkit.Ledgerkit;
import io.ledgerkit.customer.CustomerField;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Tenant;
import io.ledgerkit.tenant.TenantSettings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The token's tenant's settings (seed 003's client settings): which optional customer fields are
 * mandatory, the default phone region, whether stock may go negative. Changing them is OWNER and
 * ADMIN.
 */
@RestController
@Tag(name = "tenant", description = "The settings of the token's tenant")
public class TenantController {

  private final Ledgerkit ledgerkit;

  /** @param ledgerkit the SDK */
  public TenantController(Ledgerkit ledgerkit) {
    this.ledgerkit = ledgerkit;
  }

  /**
   * @param mandatoryCustomerFields any of {@code address}, {@code contactEmail}, {@code taxNumber}
   * @param defaultPhoneRegion ISO 3166, e.g. {@code IN}; null for none (phones then need {@code +})
   * @param allowNegativeStock whether a movement may take stock below zero; false when not given
   */
  public record SettingsView(@Nullable List<String> mandatoryCustomerFields,
      @Nullable String defaultPhoneRegion, @Nullable Boolean allowNegativeStock) {}

  /**
   * @param tenant the tenant's id
   * @param settings its settings
   * @param updatedAt when they last changed
   * @param version plus one per change
   */
  public record TenantView(String tenant, SettingsView settings, Instant updatedAt, long version) {}

  /**
   * @param caller the token's caller
   * @param body the new settings, replacing the old ones
   * @return the tenant as stored afterwards
   */
  @PutMapping("/tenant/settings")
  @Operation(summary = "Replace the tenant's settings (OWNER, ADMIN)")
  public TenantView update(Caller caller, @RequestBody SettingsView body) {
    Set<CustomerField> fields = new HashSet<>();
    List<String> names = body.mandatoryCustomerFields() == null
        ? List.of() : body.mandatoryCustomerFields();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      fields.add(Enums.parse("mandatoryCustomerFields[" + i + "]", name, CustomerField.values(),
          CustomerField::apiName));
    }
    Tenant tenant = ledgerkit.tenants().updateSettings(caller,
        new TenantSettings(fields, body.defaultPhoneRegion(),
            Boolean.TRUE.equals(body.allowNegativeStock())));
    return view(tenant);
  }

  static TenantView view(Tenant tenant) {
    List<String> fields = new ArrayList<>();
    for (CustomerField field : CustomerField.values()) {
      if (tenant.settings().requires(field)) {
        fields.add(field.apiName());
      }
    }
    return new TenantView(tenant.id().value(), new SettingsView(fields,
        tenant.settings().defaultPhoneRegion(), tenant.settings().allowNegativeStock()),
        tenant.updatedAt(), tenant.version());
  }
}
