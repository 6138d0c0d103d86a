package io.ledgerkit.testkit;

import static io.ledgerkit.testkit.CustomerDrafts.aCustomer;
import static io.ledgerkit.testkit.CustomerDrafts.indianMobile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.ledgerkit.AccessDeniedException;
import io.ledgerkit.ConflictException;
import io.ledgerkit.FieldError;
import io.ledgerkit.LedgerkitException;
import io.ledgerkit.NotFoundException;
import io.ledgerkit.UnknownTenantException;
import io.ledgerkit.ValidationException;
import io.ledgerkit.customer.Customer;
import io.ledgerkit.customer.CustomerDraft;
import io.ledgerkit.customer.CustomerField;
import io.ledgerkit.customer.CustomerFilter;
import io.ledgerkit.customer.CustomerPatch;
import io.ledgerkit.customer.CustomerService;
import io.ledgerkit.tenant.Caller;
import io.ledgerkit.tenant.Role;
import io.ledgerkit.tenant.Tenant;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantSettings;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Hostile text through the public API (the hardening cases): tenant ids that could alias a
 * registered tenant, malformed Unicode, invisible and reordering characters, phones with letters,
 * guards fed only white space, and exceptions that must serialize without stored values. Each case
 * expects a typed error and an unchanged store. Runs inside {@link CustomerContractTest}, on every
 * adapter.
 */
abstract class TextInputCases {

  /** Every Unicode space separator (category Zs). */
  static final List<String> UNICODE_SPACES = List.of("\u0020", "\u00A0", "\u1680", "\u2000",
      "\u2001", "\u2002", "\u2003", "\u2004", "\u2005", "\u2006", "\u2007", "\u2008", "\u2009",
      "\u200A", "\u202F", "\u205F", "\u3000", " \u00A0 ");
  /** Characters that hide or reorder text, line breaks and malformed UTF-16. */
  static final List<String> HIDDEN_CHARACTERS = List.of("\u202E", "\u202A", "\u202B", "\u202C",
      "\u202D", "\u2066", "\u2067", "\u2068", "\u2069", "\u200E", "\u200F", "\u061C", "\u200B",
      "\u2060", "\uFEFF", "\u00AD", "\u2028", "\u2029", "\uD800", "\uDFFF", "\uDBFF\uDBFF",
      "\u0000", "\u001B", "\u0085", "\uFFFE", "\uDB40\uDC41");

  /** @return the running contract, for its fixture */
  abstract CustomerContractTest contract();

  private CustomerService customers() {
    return contract().customers;
  }

  private Caller owner() {
    return contract().owner;
  }

  private Customer create(CustomerDraft draft) {
    return customers().create(owner(), draft).customer();
  }

  @Test
  void nearMissTenantIdsNeverReachARegisteredTenant() {
    String base = "alias-" + UUID.randomUUID();
    List<String> registeredIds = List.of(base, base + "?", base + "\uFFFD", base + "??");
    Map<TenantId, List<Map<String, Object>>> before = new LinkedHashMap<>();
    Map<TenantId, Tenant> settingsBefore = new LinkedHashMap<>();
    int phone = 100;
    for (String id : registeredIds) {
      TenantId registered = TenantId.of(id);
      contract().ledgerkit.tenants().register(registered,
          TenantSettings.defaults().withDefaultPhoneRegion("IN"));
      Caller caller = new Caller(registered, "owner", Set.of(Role.OWNER));
      customers().create(caller, CustomerDraft.named("Victim " + id).withPhone(indianMobile(phone++))
          .withNotes("secret"));
      before.put(registered, contract().rawStore().customers(registered));
      settingsBefore.put(registered, contract().ledgerkit.tenants().find(registered).orElseThrow());
    }
    List<String> nearMisses = new ArrayList<>();
    for (String suffix : List.of("\uD800", "\uDFFF", "\uDBFF", "\uD800\uD800", "\u200B", "\u202E",
        "\u2066", "\u2069", "\uFEFF", "\u2060", "\u2028", "\u2029", "\u00A0", "\u2003", "\u2007",
        "\u202F", "\u3000", " ", "\t", "\n", "\u0000", "\u0085", "\u00AD", "\u200D", "\u180E")) {
      nearMisses.add(base + suffix);
      nearMisses.add(base + "?" + suffix);
      nearMisses.add(suffix + base);
      nearMisses.add(base.substring(0, 6) + suffix + base.substring(6));
    }
    nearMisses.add(base + "\uFFFD\uFFFD");
    nearMisses.add(base + "?\uFFFD");
    nearMisses.add(base.toUpperCase(java.util.Locale.ROOT));
    nearMisses.add("A\u0301" + base);

    for (String nearMiss : nearMisses) {
      TenantId id;
      try {
        id = TenantId.of(nearMiss);
      } catch (ValidationException refused) {
        assertEquals(List.of("tenant"), refused.fields(), nearMiss);
        assertThrows(ValidationException.class, () -> Caller.of(nearMiss, "owner", Role.OWNER));
        continue;
      }
      assertFalse(before.containsKey(id), "a near miss is a registered id: " + escape(nearMiss));
      Caller intruder = new Caller(id, "owner", Set.of(Role.OWNER, Role.SYSTEM));
      for (Executable operation : everyOperation(intruder)) {
        assertThrows(UnknownTenantException.class, operation, escape(nearMiss));
      }
    }
    for (Map.Entry<TenantId, List<Map<String, Object>>> entry : before.entrySet()) {
      assertEquals(entry.getValue(), contract().rawStore().customers(entry.getKey()));
      assertEquals(settingsBefore.get(entry.getKey()),
          contract().ledgerkit.tenants().find(entry.getKey()).orElseThrow());
    }
  }

  private List<Executable> everyOperation(Caller caller) {
    CustomerService customers = customers();
    UUID id = UUID.randomUUID();
    CustomerPatch patch = CustomerPatch.builder().notes("overwritten").build();
    CustomerFilter byName = CustomerFilter.all().withName("Victim");
    return List.of(
        () -> customers.create(caller, CustomerDraft.named("Intruder").withPhone(indianMobile(100))),
        () -> customers.findById(caller, id),
        () -> customers.findByPhone(caller, indianMobile(100)),
        () -> customers.list(caller, CustomerFilter.all()),
        () -> customers.update(caller, id, patch),
        () -> customers.softDelete(caller, id),
        () -> customers.restore(caller, id),
        () -> customers.purge(caller, id),
        () -> customers.findOrCreate(caller, null, aCustomer().withPhone(indianMobile(101))),
        () -> customers.bulkCreate(caller, List.of(aCustomer().withPhone(indianMobile(102)))),
        () -> customers.updateByIds(caller, List.of(id), patch),
        () -> customers.updateByQuery(caller, byName, patch),
        () -> customers.deleteByIds(caller, List.of(id)),
        () -> customers.deleteByQuery(caller, byName),
        () -> contract().ledgerkit.tenants().updateSettings(caller, TenantSettings.defaults()));
  }

  @Test
  void identifiersAreTakenExactlyAndRefusedWhenTheyCouldAlias() {
    for (String bad : List.of("u\uD800", "\uDC00u", "u\u202E", "u\u200B", " u", "u ", "u\u00A0",
        "\u2003u", "u\tv", "u\u0000", "e\u0301", "u\u3164", "u\u115F", "u\uFFA0", "u\uFE0F",
        "u\u034F", "u\u180B", "u\uDB40\uDD00", "\u0301u", "u\u2800", "u\uE000", "u\u2028")) {
      assertEquals(List.of("userId"), assertThrows(ValidationException.class,
          () -> Caller.of(contract().tenant.value(), bad, Role.OWNER)).fields(), escape(bad));
      assertEquals(List.of("tenant"), assertThrows(ValidationException.class,
          () -> TenantId.of(bad)).fields(), escape(bad));
    }
    for (String good : List.of("user-42", "auth0|5f1c", "ravi@example.com", "कुमार", "shop 1", "t?",
        "t\uFFFD", "\u00E9")) {
      assertEquals(good, Caller.of(contract().tenant.value(), good, Role.OWNER).userId());
      assertEquals(good, TenantId.of(good).value());
    }
  }

  @Test
  void everyFieldRefusesMalformedAndHiddenCharacters() {
    List<Map<String, Object>> before = contract().raw();
    Customer existing = create(CustomerDraft.named("Existing").withPhone(indianMobile(110)));
    List<Map<String, Object>> withExisting = contract().raw();
    Map<String, BiFunction<CustomerDraft, String, CustomerDraft>> fields = draftFields();
    for (String hidden : HIDDEN_CHARACTERS) {
      for (Map.Entry<String, BiFunction<CustomerDraft, String, CustomerDraft>> field : fields.entrySet()) {
        boolean multiLine = Set.of("address", "notes").contains(field.getKey());
        if (multiLine && Set.of("\u2028", "\u2029").contains(hidden)) {
          continue;
        }
        String value = field.getKey().equals("phone")
            ? "98765" + hidden + "43210" : field.getKey().equals("contactEmail")
            ? "a" + hidden + "b@example.com" : "Ab" + hidden + "cd";
        CustomerDraft draft = field.getValue().apply(CustomerDraft.named("Valid Name"), value);
        String label = field.getKey() + " with " + escape(hidden);
        assertRefused(field.getKey(), label, () -> customers().create(owner(), draft));
        assertRefused("items[0]." + field.getKey(), label,
            () -> customers().bulkCreate(contract().system, List.of(draft)));
        assertRefused(field.getKey(), label,
            () -> customers().update(owner(), existing.id(), patchOf(field.getKey(), value)));
      }
      assertRefused("phone", "find by phone with " + escape(hidden),
          () -> customers().findByPhone(owner(), "98765" + hidden + "43210"));
    }
    assertEquals(withExisting, contract().raw());
    assertEquals(before.size() + 1, withExisting.size());
  }

  @Test
  void filterValuesRefuseHiddenCharactersAndMatchNothingElse() {
    create(CustomerDraft.named("Question?Mark").withPhone(indianMobile(111)).withTaxNumber("T?X"));
    List<Map<String, Object>> before = contract().raw();
    for (String hidden : HIDDEN_CHARACTERS) {
      for (Map.Entry<String, Function<String, CustomerFilter>> field : filterFields().entrySet()) {
        String value = field.getKey().equals("phone") ? "98765" + hidden + "00111" : "Ques" + hidden + "tion";
        CustomerFilter filter = field.getValue().apply(value);
        String label = field.getKey() + " filter with " + escape(hidden);
        assertRefused(field.getKey(), label, () -> customers().list(owner(), filter));
        assertRefused(field.getKey(), label, () -> customers().deleteByQuery(contract().system, filter));
        assertRefused(field.getKey(), label, () -> customers().updateByQuery(contract().system, filter,
            CustomerPatch.builder().notes("changed").build()));
      }
    }
    assertEquals(before, contract().raw());
  }

  @Test
  void byQueryGuardsRunOnNormalizedValues() {
    create(CustomerDraft.named("Kept One").withPhone(indianMobile(112)));
    create(CustomerDraft.named("Kept Two").withPhone(indianMobile(113)));
    List<Map<String, Object>> before = contract().raw();
    List<String> onlyWhiteSpace = new ArrayList<>(UNICODE_SPACES);
    onlyWhiteSpace.addAll(List.of("\t", " \n ", "\u00A0\u2007\u202F", "\u3000 \u00A0"));
    for (String blank : onlyWhiteSpace) {
      for (Map.Entry<String, Function<String, CustomerFilter>> field : filterFields().entrySet()) {
        CustomerFilter filter = field.getValue().apply(blank);
        String label = field.getKey() + " = " + escape(blank);
        assertRefused("filter", label, () -> customers().deleteByQuery(contract().system, filter));
        assertRefused("filter", label, () -> customers().updateByQuery(contract().system, filter,
            CustomerPatch.builder().notes("changed").build()));
      }
    }
    for (String hidden : List.of("\u200B", "\u2060", "\uFEFF", "\u202E", "\u2066", "\u00AD", "\u200D",
        "\u200C", "\u00A0\u200B\u00A0")) {
      for (Map.Entry<String, Function<String, CustomerFilter>> field : filterFields().entrySet()) {
        CustomerFilter filter = field.getValue().apply(hidden);
        assertThrows(ValidationException.class,
            () -> customers().deleteByQuery(contract().system, filter), field.getKey() + escape(hidden));
        assertThrows(ValidationException.class, () -> customers().updateByQuery(contract().system,
            filter, CustomerPatch.builder().notes("changed").build()), field.getKey() + escape(hidden));
      }
    }
    assertEquals(before, contract().raw());
    assertEquals(2, customers().list(owner(), CustomerFilter.all()).total());
  }

  @Test
  void blankAndMandatoryGuardsRunOnNormalizedValues() {
    TenantId strict = contract().registerTenant(TenantSettings.defaults().withDefaultPhoneRegion("IN")
        .withMandatoryCustomerFields(CustomerField.TAX_NUMBER, CustomerField.ADDRESS));
    Caller caller = new Caller(strict, "staff", Set.of(Role.STAFF));
    for (String blank : UNICODE_SPACES) {
      ValidationException e = assertThrows(ValidationException.class, () -> customers().create(caller,
          CustomerDraft.named(blank).withTaxNumber(blank).withAddress(blank + "\n" + blank)));
      assertEquals(Set.of("name", "taxNumber", "address"), new HashSet<>(e.fields()), escape(blank));
      assertTrue(e.errors().stream().allMatch(error -> error.code().equals(FieldError.BLANK)
          || error.code().equals(FieldError.REQUIRED)), e.getMessage());
    }
    assertEquals(List.of(), contract().rawStore().customers(strict));
    Customer complete = customers().create(caller,
        CustomerDraft.named("Complete").withTaxNumber("GST1").withAddress("Road 1")).customer();
    List<Map<String, Object>> stored = contract().rawStore().customers(strict);
    for (String blank : UNICODE_SPACES) {
      assertThrows(ValidationException.class, () -> customers().update(caller, complete.id(),
          CustomerPatch.builder().taxNumber(blank).build()), escape(blank));
      assertThrows(ValidationException.class, () -> customers().update(caller, complete.id(),
          CustomerPatch.builder().name(blank).build()), escape(blank));
    }
    assertEquals(stored, contract().rawStore().customers(strict));
  }

  @Test
  void namesThatNeedJoinersPassAndAreStoredExactly() {
    List<String> names = List.of(
        "\u0D05\u0D35\u0D28\u0D4D\u200D",                         // Malayalam, chillu through ZWJ
        "\u0915\u094D\u200D\u0937\u092E\u093E",                   // Hindi, half form through ZWJ
        "\u0639\u0644\u06CC\u200C\u0627\u06A9\u0628\u0631",       // Persian, ZWNJ inside the word
        "\u0646\u0627\u0645\u0647\u200C\u0627\u06CC",
        "\uD83D\uDC69\u200D\uD83C\uDF3E Farms",                   // emoji ZWJ sequence
        "Zoë O'Brien-Smith", "東京商店", "Ελένη");
    int phone = 120;
    for (String name : names) {
      Customer created = create(CustomerDraft.named(name).withPhone(indianMobile(phone++)));
      assertEquals(name, created.name());
      assertEquals(created, customers().findById(owner(), created.id()).orElseThrow());
      assertTrue(contract().raw().stream().anyMatch(row -> name.equals(row.get("name"))),
          "stored exactly: " + escape(name));
      assertEquals(List.of(created.id()), customers().list(owner(), CustomerFilter.all().withName(name))
          .items().stream().map(Customer::id).toList());
    }
    for (String misplaced : List.of("\u200DAsha", "Asha\u200C", "As\u200D ha", "12\u200D34")) {
      assertRefused("name", escape(misplaced), () -> customers().create(owner(), CustomerDraft.named(misplaced)));
    }
  }

  @Test
  void textIsNormalizedToNfcAndUnicodeSpacesToOneKind() {
    Customer created = create(CustomerDraft.named("Jose\u0301\u00A0Mari\u0301a")
        .withPhone(indianMobile(130)).withAddress("Calle\u2007Mayor\u202F1\nMadrid"));

    assertEquals("Jos\u00E9 Mar\u00EDa", created.name());
    assertEquals("Calle Mayor 1\nMadrid", created.address());
    assertEquals(created, customers().findById(owner(), created.id()).orElseThrow());
    for (String typed : List.of("Jos\u00E9 Mar\u00EDa", "Jose\u0301 Mari\u0301a", "jos\u00E9\u00A0mar")) {
      assertEquals(List.of(created.id()), customers().list(owner(), CustomerFilter.all().withName(typed))
          .items().stream().map(Customer::id).toList(), escape(typed));
    }
    assertEquals("Jos\u00E9 Mar\u00EDa", contract().raw().get(0).get("name"));
  }

  @Test
  void lineAndParagraphSeparatorsStayInMultiLineFieldsOnly() {
    Customer created = create(aCustomer().withNotes("first\u2028second\u2029third\r\nfourth\tend"));
    assertEquals("first\u2028second\u2029third\r\nfourth\tend", created.notes());
    assertRefused("contactName", "U+2028", () -> customers().create(owner(),
        aCustomer().withContactName("first\u2028second")));
  }

  @Test
  void phonesAcceptDigitsOfAnyScriptAndTypedPunctuationOnly() {
    Customer keypadVictim = create(CustomerDraft.named("Keypad Victim").withPhone("+91 98765 22233")
        .withNotes("untouched"));
    for (String typed : List.of("\u0966\u096F\u096E\u096D\u096C\u096B \u096A\u096B\u0968\u0967\u0966",
        "\uFF10\uFF19\uFF18\uFF17\uFF16\uFF15\u3000\uFF14\uFF15\uFF12\uFF11\uFF10",
        "\u0660\u0669\u0668\u0667\u0666\u0665\u0664\u0665\u0662\u0661\u0660",
        "(098765) 452-10", "+91/98765.45210", "\uFF0B91 98765 45210", "+91\u00A098765\u202F45210")) {
      assertEquals("+919876545210", customers().create(owner(), CustomerDraft.named("Digits")
          .withPhone(typed)).customer().phone(), escape(typed));
    }
    for (String refused : List.of("98765abcde", "98765ABCDE", "1-800-FLOWERS", "+1 800 FLOWERS",
        "9876522233a", "a9876522233", "98765\u200B22233", "98765\u202E22233", "98765\u200D22233",
        "98765_22233", "98765*22233", "98765#22233", "98765,22233", "98765;22233",
        "+91 98765 22233 x12", "+91 98765 22233 ext. 12", "98765\u221222233", "9876522233\uFEFF",
        "\u0398765 22233")) {
      ValidationException e = assertRefused("phone", escape(refused),
          () -> customers().create(owner(), CustomerDraft.named("Intruder").withPhone(refused)
              .withNotes("overwritten")));
      assertEquals(FieldError.INVALID_CHARACTERS, e.errors().get(0).code(), e.getMessage());
      if (refused.matches(".*\\p{L}.*")) {
        assertTrue(e.errors().get(0).message().contains("letters"), e.getMessage());
      }
    }
    assertEquals(keypadVictim, customers().findById(owner(), keypadVictim.id()).orElseThrow());
  }

  @Test
  void hiddenCharactersAreRefusedAtEveryPositionNotTrimmed() {
    Customer existing = create(CustomerDraft.named("Existing").withPhone(indianMobile(115)));
    List<Map<String, Object>> before = contract().raw();
    List<String> notTrimmed = List.of("\u2028", "\u2029", "\u000B", "\u000C", "\u001C", "\u001F",
        "\u0085", "\u200B", "\uFEFF", "\u202E", "\u3164", "\uFE0F");
    for (String hidden : notTrimmed) {
      for (String field : List.of("name", "contactName", "contactEmail", "taxNumber", "phone")) {
        String plain = field.equals("phone") ? "9876500115" : field.equals("contactEmail")
            ? "ab@example.com" : "Abcd";
        for (String value : List.of(hidden + plain, plain + hidden)) {
          String label = field + " = " + escape(value);
          CustomerDraft draft = draftFields().get(field).apply(CustomerDraft.named("Valid Name"), value);
          assertRefused(field, label, () -> customers().create(owner(), draft));
          assertRefused(field, label,
              () -> customers().update(owner(), existing.id(), patchOf(field, value)));
        }
      }
      CustomerFilter filter = CustomerFilter.all().withName(hidden);
      assertThrows(ValidationException.class, () -> customers().list(owner(), filter), escape(hidden));
      assertThrows(ValidationException.class, () -> customers().deleteByQuery(contract().system, filter),
          escape(hidden));
    }
    assertEquals(before, contract().raw());
  }

  @Test
  void invisibleValuesAreBlankForEveryGuard() {
    TenantId strict = contract().registerTenant(TenantSettings.defaults().withDefaultPhoneRegion("IN")
        .withMandatoryCustomerFields(CustomerField.TAX_NUMBER));
    Caller caller = new Caller(strict, "staff", Set.of(Role.STAFF));
    for (String invisible : List.of("\u2800", " \u2800 ", "\u2800\u00A0\u2800")) {
      ValidationException e = assertThrows(ValidationException.class, () -> customers().create(caller,
          CustomerDraft.named(invisible).withTaxNumber(invisible)));
      assertEquals(Set.of("name", "taxNumber"), new HashSet<>(e.fields()), escape(invisible));
      assertRefused("filter", escape(invisible), () -> customers().deleteByQuery(contract().system,
          CustomerFilter.all().withTaxNumber(invisible)));
    }
    for (String hiding : List.of("\u3164", "\uFE0F", "\u034F", " \uFE0F", "\u115F\u1160",
        "\u2800\uFE0F", "\u2065", "GST1\uFE0E", "\u2800\u200D\u2800", "GST\u034F1")) {
      assertRefused("taxNumber", escape(hiding), () -> customers().create(caller,
          CustomerDraft.named("Has Tax").withTaxNumber(hiding)));
    }
    TenantId needsAddress = contract().registerTenant(TenantSettings.defaults()
        .withMandatoryCustomerFields(CustomerField.ADDRESS));
    for (String separatorsOnly : List.of("\u2028", "\n\u2029\n", "\u2800\u2028")) {
      ValidationException e = assertThrows(ValidationException.class, () -> customers().create(
          new Caller(needsAddress, "staff", Set.of(Role.STAFF)),
          CustomerDraft.named("Has Address").withAddress(separatorsOnly)));
      assertEquals(List.of("address"), e.fields(), escape(separatorsOnly));
    }
    assertEquals(List.of(), contract().rawStore().customers(needsAddress));
    assertEquals(List.of(), contract().rawStore().customers(strict));
    String withSelector = "\u2764\uFE0F Flowers";
    assertEquals(withSelector, customers().create(caller, CustomerDraft.named(withSelector)
        .withTaxNumber("GST1")).customer().name());
  }

  @Test
  void joinersOutsideTheirContextAreRefused() {
    for (String misplaced : List.of("As\u200Dha", "As\u200Cha", "Ashq\u0301\u200D",
        "Ash\u0301\u200Cz", "\u0915\u200C", "Ab\u200D\u2764", "1\u200D\uD83D\uDC69")) {
      assertRefused("name", escape(misplaced),
          () -> customers().create(owner(), CustomerDraft.named(misplaced)));
    }
    String persianWithMarks = "\u0645\u06CC\u064E\u200C\u0627\u06CC";
    assertEquals(persianWithMarks, create(CustomerDraft.named(persianWithMarks)
        .withPhone(indianMobile(116))).name());
    String flag = "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08 Pride";
    assertEquals(flag, create(CustomerDraft.named(flag).withPhone(indianMobile(117))).name());
  }

  @Test
  void phonesWithDigitsLibphonenumberCannotReadAreRefused() {
    Customer victim = create(CustomerDraft.named("Digit Victim").withPhone("+919876543210")
        .withNotes("untouched"));
    List<Map<String, Object>> before = contract().raw();
    for (String typed : List.of("9876543210\uD835\uDFCE", "98765\uD835\uDFD7" + "43210",
        "\uD835\uDFCE9876543210", "98765\uD804\uDC6643210", "9876543210\uD83E\uDFF0")) {
      ValidationException e = assertRefused("phone", escape(typed), () -> customers().create(owner(),
          CustomerDraft.named("Intruder").withPhone(typed).withNotes("overwritten")));
      assertEquals(FieldError.INVALID_CHARACTERS, e.errors().get(0).code(), e.getMessage());
      assertRefused("phone", escape(typed), () -> customers().findByPhone(owner(), typed));
      assertRefused("phone", escape(typed),
          () -> customers().list(owner(), CustomerFilter.all().withPhone(typed)));
      assertRefused("phone", escape(typed), () -> customers().findOrCreate(owner(), null,
          CustomerDraft.named("Intruder").withPhone(typed)));
    }
    assertEquals(before, contract().raw());
    assertEquals(victim, customers().findById(owner(), victim.id()).orElseThrow());
  }

  @Test
  void findOrCreateChecksTheDraftEvenWhenItFinds() {
    Customer known = create(CustomerDraft.named("Known").withPhone(indianMobile(118)));
    List<Map<String, Object>> before = contract().raw();
    Map<String, BiFunction<CustomerDraft, String, CustomerDraft>> fields = draftFields();
    for (String hidden : List.of("\u200B", "\u202E", "\uD800", "\u0000", "\uFFFE")) {
      for (Map.Entry<String, BiFunction<CustomerDraft, String, CustomerDraft>> field : fields.entrySet()) {
        if (field.getKey().equals("phone")) {
          continue;
        }
        CustomerDraft draft = field.getValue().apply(
            CustomerDraft.named("Known").withPhone(indianMobile(118)), "Ab" + hidden + "cd");
        String label = field.getKey() + " with " + escape(hidden);
        assertRefused(field.getKey(), label, () -> customers().findOrCreate(owner(), null, draft));
        assertRefused(field.getKey(), label, () -> customers().findOrCreate(owner(), known.id(), draft));
      }
    }
    assertEquals(before, contract().raw());
  }

  @Test
  void aPhoneRegionIsTwoAsciiLetters() {
    for (String region : List.of("\u0131n", "\u0130N", "\uFF29\uFF2E", "I N", "IND", "IN\u001F",
        "\u2028IN", "IN\u000B")) {
      ValidationException e = assertThrows(ValidationException.class,
          () -> TenantSettings.defaults().withDefaultPhoneRegion(region), escape(region));
      assertEquals(List.of("defaultPhoneRegion"), e.fields());
    }
    assertEquals("IN", TenantSettings.defaults().withDefaultPhoneRegion("in").defaultPhoneRegion());
  }

  @Test
  void everyExceptionSerializesAndCarriesNoStoredValue() throws Exception {
    String phone = indianMobile(140);
    String name = "Serial Secretname";
    String taxNumber = "GSTSECRET140";
    Customer taken = create(CustomerDraft.named(name).withPhone(phone).withTaxNumber(taxNumber));
    Customer other = create(CustomerDraft.named("Other Secretname").withPhone(indianMobile(141)));

    List<LedgerkitException> thrown = List.of(
        assertThrows(ConflictException.class, () -> customers().update(owner(), other.id(),
            CustomerPatch.builder().phone(phone).build())),
        assertThrows(ConflictException.class, () -> customers().update(owner(), taken.id(),
            CustomerPatch.builder().notes("x").expectVersion(99).build())),
        assertThrows(NotFoundException.class, () -> customers().update(owner(), UUID.randomUUID(),
            CustomerPatch.builder().notes("x").build())),
        assertThrows(ValidationException.class, () -> customers().create(owner(),
            CustomerDraft.named(name).withPhone(phone + "a").withTaxNumber(taxNumber + "\u202E"))),
        assertThrows(AccessDeniedException.class, () -> customers().purge(contract().staff, taken.id())),
        assertThrows(UnknownTenantException.class, () -> customers().findByPhone(
            Caller.of("unknown-" + UUID.randomUUID(), "u", Role.OWNER), phone)),
        assertThrows(ConflictException.class, () -> contract().ledgerkit.tenants().register(
            contract().tenant, TenantSettings.defaults())));

    for (LedgerkitException e : thrown) {
      assertEquals(e.getMessage(), Serialization.roundTrip(e).getMessage());
      String everything = Serialization.everythingShownBy(e);
      for (String secret : List.of(phone, phone.substring(3), "Secretname", taxNumber)) {
        assertFalse(everything.contains(secret),
            e.getClass().getSimpleName() + " carries a stored value: " + secret);
      }
    }
    ConflictException conflict = (ConflictException) Serialization.roundTrip(thrown.get(0));
    assertEquals(contract().tenant, conflict.tenant());
    assertEquals(other.id(), conflict.id());
    assertEquals(((ValidationException) thrown.get(3)).errors(),
        ((ValidationException) Serialization.roundTrip(thrown.get(3))).errors());
  }

  private ValidationException assertRefused(String field, String label, Executable action) {
    ValidationException e = contract().assertRefusedUnchanged(ValidationException.class, action);
    if (!e.fields().contains(field)) {
      fail(label + ": expected an error on " + field + " but got " + e.getMessage());
    }
    return e;
  }

  private static Map<String, BiFunction<CustomerDraft, String, CustomerDraft>> draftFields() {
    Map<String, BiFunction<CustomerDraft, String, CustomerDraft>> fields = new LinkedHashMap<>();
    fields.put("name", CustomerDraft::withName);
    fields.put("phone", CustomerDraft::withPhone);
    fields.put("contactName", CustomerDraft::withContactName);
    fields.put("contactEmail", CustomerDraft::withContactEmail);
    fields.put("address", CustomerDraft::withAddress);
    fields.put("taxNumber", CustomerDraft::withTaxNumber);
    fields.put("notes", CustomerDraft::withNotes);
    return fields;
  }

  private static CustomerPatch patchOf(String field, String value) {
    CustomerPatch.Builder patch = CustomerPatch.builder();
    switch (field) {
      case "name" -> patch.name(value);
      case "phone" -> patch.phone(value);
      case "contactName" -> patch.contactName(value);
      case "contactEmail" -> patch.contactEmail(value);
      case "address" -> patch.address(value);
      case "taxNumber" -> patch.taxNumber(value);
      default -> patch.notes(value);
    }
    return patch.build();
  }

  private static Map<String, Function<String, CustomerFilter>> filterFields() {
    Map<String, Function<String, CustomerFilter>> fields = new LinkedHashMap<>();
    fields.put("name", CustomerFilter.all()::withName);
    fields.put("phone", CustomerFilter.all()::withPhone);
    fields.put("contactName", CustomerFilter.all()::withContactName);
    fields.put("contactEmail", CustomerFilter.all()::withContactEmail);
    fields.put("taxNumber", CustomerFilter.all()::withTaxNumber);
    return fields;
  }




  /** @return the text with every character outside printable ASCII as {@code \\uXXXX} */
  static String escape(String text) {
    StringBuilder escaped = new StringBuilder();
    for (char c : text.toCharArray()) {
      escaped.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("\\u%04X", (int) c));
    }
    return escaped.toString();
  }
}
