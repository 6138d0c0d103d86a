package io.ledgerkit.examples.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ledgerkit.Ledgerkit;
import io.ledgerkit.examples.rest.Http.Reply;
import io.ledgerkit.stripe.local.LocalStripe;
import io.ledgerkit.tenant.TenantId;
import io.ledgerkit.tenant.TenantSettings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * Every route of the app over real HTTP, one path each, and every error mapping, against the store
 * of the subclass's profile. Each test works in tenants of its own, registered the way a host
 * registers them (through the SDK), so nothing is truncated between tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(FailingRoutes.class)
abstract class RestAppRoutesTest {

  @LocalServerPort
  int port;
  @Autowired
  Ledgerkit ledgerkit;
  @Autowired
  LocalStripe localStripe;
  @Value("${ledgerkit.stripe.webhook-secrets}")
  String webhookSecret;

  Http http;
  String shop;
  String other;
  String branch;
  String staff;
  String owner;
  String system;
  String member;
  String otherStaff;

  @BeforeEach
  void tenants() {
    http = new Http(port);
    String run = UUID.randomUUID().toString().substring(0, 8);
    shop = "shop-" + run;
    other = "other-" + run;
    branch = "branch-" + run;
    for (String tenant : List.of(shop, other, branch)) {
      ledgerkit.tenants().register(TenantId.of(tenant),
          TenantSettings.defaults().withDefaultPhoneRegion("IN"));
    }
    staff = Tokens.of(shop, "alice", "STAFF");
    owner = Tokens.of(shop, "olga", "OWNER");
    system = Tokens.of(shop, "sync-job", "SYSTEM");
    member = Tokens.of(shop, "member-7", "MEMBER");
    otherStaff = Tokens.of(other, "mallory", "STAFF");
  }

  // ---- helpers ----

  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  static void assertProblem(Reply reply, int status, String code) {
    assertEquals(status, reply.status(), reply::toString);
    assertTrue(reply.contentType().startsWith("application/problem+json"), reply::toString);
    assertEquals(code, reply.code(), reply::toString);
    assertEquals(status, reply.json().path("status").asInt(), reply::toString);
    assertFalse(reply.response().body().contains("Exception"), reply::toString);
    assertFalse(reply.response().body().contains("\tat "), reply::toString);
  }

  static void assertFields(Reply reply, String... fields) {
    assertProblem(reply, 400, "invalid");
    assertEquals(List.of(fields), reply.fields(), reply::toString);
  }

  String createCustomer(String token, String name, String phone) {
    Reply reply = http.post("/customers", token, map("name", name, "phone", phone));
    assertEquals(201, reply.status(), reply::toString);
    return reply.json().path("customer").path("id").asString();
  }

  String assessFee(String user, String amount, String loanId) {
    Reply reply = http.post("/fees", staff, map("userId", user, "amount", amount, "loanId", loanId,
        "reason", "overdue"));
    assertEquals(201, reply.status(), reply::toString);
    return reply.json().path("fee").path("id").asString();
  }

  String record(String token, String item, String type, long quantity) {
    Reply reply = http.post("/inventory-movements", token, map("inventoryItemId", item,
        "movementType", type, "quantityDelta", quantity));
    assertEquals(201, reply.status(), reply::toString);
    return reply.json().path("movement").path("id").asString();
  }

  // ---- customers (seed 000) ----

  @Test
  void createIsDeduplicatedByPhone() {
    Reply first = http.post("/customers", staff, map("name", "Ravi Kumar", "phone", "098765 43210",
        "contactEmail", "ravi@example.com"));
    assertEquals(201, first.status(), first::toString);
    String id = first.json().path("customer").path("id").asString();
    assertEquals("/customers/" + id, first.header("Location"));
    assertTrue(first.json().path("isNew").asBoolean());
    assertEquals("+919876543210", first.json().path("customer").path("phone").asString());
    assertEquals(shop, first.json().path("customer").path("businessId").asString());

    Reply again = http.post("/customers", staff, map("name", "Ravi K.", "phone",
        "+91 98765-43210"));
    assertEquals(200, again.status(), again::toString);
    assertFalse(again.json().path("isNew").asBoolean());
    assertEquals(id, again.json().path("customer").path("id").asString());
    assertEquals("Ravi K.", again.json().path("customer").path("name").asString());
    assertEquals("ravi@example.com", again.json().path("customer").path("contactEmail").asString());
  }

  @Test
  void everyFailingFieldIsNamed() {
    Reply reply = http.post("/customers", staff, map("name", " ", "phone", "12",
        "contactEmail", "not-an-email"));
    assertFields(reply, "name", "phone", "contactEmail");
    for (JsonNode error : reply.json().path("errors")) {
      assertFalse(error.path("code").asString().isEmpty());
      assertFalse(error.path("message").asString().contains("not-an-email"), reply::toString);
    }
  }

  @Test
  void aTenantInTheBodyIsRefusedNotObeyed() {
    assertProblem(http.post("/customers", staff, map("name", "Asha", "businessId", other)), 400,
        "invalid");
    Reply reply = http.post("/customers", staff, map("name", "Asha", "businessId", other));
    assertEquals(List.of("businessId"), reply.fields());
    assertEquals("notAllowed", reply.json().path("errors").get(0).path("code").asString());
  }

  @Test
  void unreadableRequestsAreProblems() {
    assertFields(http.post("/customers", staff, "{\"name\": "), "body");
    assertFields(http.get("/customers/not-a-uuid", staff), "id");
    assertFields(http.get("/customers?limit=5000", staff), "limit");
    assertFields(http.get("/customers?sort=sideways", staff), "sort");
    assertFields(http.get("/customers/by-phone", staff), "phone");
    assertProblem(http.get("/no-such-route", staff), 404, "notFound");
    assertProblem(http.put("/customers", staff, map()), 405, "methodNotAllowed");
  }

  @Test
  void listFiltersPagesAndHidesDeleted() {
    createCustomer(staff, "Meera Textiles", "080 2222 3333");
    String asha = createCustomer(staff, "Asha Traders", "9876500011");
    createCustomer(staff, "Asha Foods", "9876500012");
    createCustomer(otherStaff, "Asha Elsewhere", "9876500013");

    Reply page = http.get("/customers?name=asha&limit=1", staff);
    assertEquals(200, page.status(), page::toString);
    assertEquals(2, page.json().path("total").asInt());
    assertEquals(1, page.json().path("items").size());
    assertTrue(page.json().path("hasNext").asBoolean());
    assertEquals("Asha Foods", page.json().path("items").get(0).path("name").asString());

    Reply byName = http.get("/customers?sort=name", staff);
    assertEquals(List.of("Asha Foods", "Asha Traders", "Meera Textiles"), names(byName));
    assertEquals(1, http.get("/customers?phone=%2B919876500011",
        staff).json().path("total").asInt());

    assertEquals(200, http.delete("/customers/" + asha, owner).status());
    assertEquals(1, http.get("/customers?name=asha", staff).json().path("total").asInt());
    assertEquals(2, http.get("/customers?name=asha&includeInactive=true", staff).json()
        .path("total").asInt());
  }

  private static List<String> names(Reply page) {
    List<String> names = new ArrayList<>();
    page.json().path("items").forEach(item -> names.add(item.path("name").asString()));
    return names;
  }

  @Test
  void getByIdAndByPhone() {
    String id = createCustomer(staff, "Ravi", "9876543210");
    Reply got = http.get("/customers/" + id, staff);
    assertEquals(200, got.status(), got::toString);
    assertEquals("Ravi", got.json().path("name").asString());
    assertEquals(1, got.json().path("version").asInt());

    Reply byPhone = http.get("/customers/by-phone?" + Http.query("phone", "098765 43210"), staff);
    assertEquals(id, byPhone.json().path("id").asString(), byPhone::toString);
    assertProblem(http.get("/customers/by-phone?phone=9876543299", staff), 404, "notFound");
    assertProblem(http.get("/customers/" + UUID.randomUUID(), staff), 404, "notFound");
  }

  @Test
  void aForeignTenantsCustomerIsNotFoundAndUntouched() {
    String id = createCustomer(staff, "Ravi", "9876543210");
    assertProblem(http.get("/customers/" + id, otherStaff), 404, "notFound");
    assertProblem(http.patch("/customers/" + id, otherStaff, map("name", "Stolen")), 404,
        "notFound");
    String otherOwner = Tokens.of(other, "oscar", "OWNER");
    assertProblem(http.delete("/customers/" + id, otherOwner), 404, "notFound");
    assertProblem(http.post("/customers/" + id + "/purge", otherOwner, map()), 404, "notFound");
    Reply mine = http.get("/customers/" + id, staff);
    assertEquals("Ravi", mine.json().path("name").asString());
    assertTrue(mine.json().path("isActive").asBoolean());
    assertEquals(1, mine.json().path("version").asInt());
  }

  @Test
  void updateChangesOnlyTheGivenFields() {
    String id = createCustomer(staff, "Ravi", "9876543210");
    Reply updated = http.patch("/customers/" + id, staff, map("contactName", "Ravi K",
        "address", "12 MG Road\nBengaluru"));
    assertEquals(200, updated.status(), updated::toString);
    assertEquals("Ravi", updated.json().path("name").asString());
    assertEquals("12 MG Road\nBengaluru", updated.json().path("address").asString());
    assertEquals(2, updated.json().path("version").asInt());

    Reply cleared = http.patch("/customers/" + id, staff, map("address", null, "expectedVersion",
        2));
    assertTrue(cleared.json().path("address").isNull(), cleared::toString);
    assertProblem(http.patch("/customers/" + id, staff, map("name", "Late", "expectedVersion", 2)),
        409, "conflict");
    assertFields(http.patch("/customers/" + id, staff, map("businessId", other, "name", 7)),
        "businessId", "name");
    assertFields(http.patch("/customers/" + id, staff, map()), "patch");

    createCustomer(staff, "Meera", "9876500001");
    assertProblem(http.patch("/customers/" + id, staff, map("phone", "9876500001")), 409,
        "conflict");
  }

  @Test
  void deleteRestoreAndPurge() {
    String id = createCustomer(staff, "Ravi", "9876543210");
    assertProblem(http.delete("/customers/" + id, staff), 403, "accessDenied");
    Reply deleted = http.delete("/customers/" + id, owner);
    assertEquals(200, deleted.status(), deleted::toString);
    assertFalse(deleted.json().path("isActive").asBoolean());
    Reply restored = http.post("/customers/" + id + "/restore", owner, map());
    assertTrue(restored.json().path("isActive").asBoolean(), restored::toString);

    assertProblem(http.post("/customers/" + id + "/purge", staff, map()), 403, "accessDenied");
    assertEquals(204, http.post("/customers/" + id + "/purge", owner, map()).status());
    assertProblem(http.get("/customers/" + id, owner), 404, "notFound");
    assertEquals(201, http.post("/customers", staff, map("name", "Ravi again", "phone",
        "9876543210"))
        .status());
  }

  @Test
  void aMemberHasNoCustomerAccess() {
    Reply reply = http.get("/customers", member);
    assertProblem(reply, 403, "accessDenied");
    assertEquals("CUSTOMER_READ", reply.json().path("permission").asString());
  }

  @Test
  void anUnregisteredTenantIsForbidden() {
    Reply reply = http.get("/customers", Tokens.of("never-registered-" + shop, "alice", "STAFF"));
    assertProblem(reply, 403, "unknownTenant");
  }

  @Test
  void theDevelopmentTenantsAreRegisteredAtStart() {
    Reply reply = http.get("/customers", Tokens.of("demo-shop", "alice", "STAFF"));
    assertEquals(200, reply.status(), reply::toString);
  }

  // ---- machine-to-machine (seed 000) ----

  @Test
  void m2mCreateNeedsTheSystemRole() {
    Reply created = http.post("/m2m/customer/create", system,
        map("data", map("name", "Asha", "phone", "9876500001")));
    assertEquals(200, created.status(), created::toString);
    assertTrue(created.json().path("isNew").asBoolean());
    assertEquals(shop, created.json().path("customer").path("businessId").asString());

    Reply byStaff = http.post("/m2m/customer/create", staff, map("data", map("name", "Asha")));
    assertProblem(byStaff, 403, "accessDenied");
    assertProblem(http.post("/m2m/customer/create", owner, map("data", map("name", "Asha"))), 403,
        "accessDenied");
    assertProblem(http.post("/m2m/customer/create", null, map("data", map("name", "Asha"))), 401,
        "unauthenticated");
    assertFields(http.post("/m2m/customer/create", system, map()), "data");
  }

  @Test
  void m2mBulkCreateDeduplicatesInInputOrder() {
    Reply reply = http.post("/m2m/customer/bulk-create", system, map("dataList", List.of(
        map("name", "Asha", "phone", "9876500001"),
        map("name", "Meera", "phone", "9876500002"),
        map("name", "Asha Traders", "phone", "+91 98765 00001"))));
    assertEquals(200, reply.status(), reply::toString);
    assertEquals(3, reply.json().size());
    assertTrue(reply.json().get(0).path("isNew").asBoolean());
    assertFalse(reply.json().get(2).path("isNew").asBoolean());
    assertEquals(reply.json().get(0).path("customer").path("id").asString(),
        reply.json().get(2).path("customer").path("id").asString());

    assertFields(http.post("/m2m/customer/bulk-create", system, map("dataList", List.of())),
        "dataList");
    assertFields(http.post("/m2m/customer/bulk-create", system, map("dataList", List.of(
        map("name", "Fine", "phone", "9876500003"), map("name", "", "phone", "abc")))),
        "dataList[1].name", "dataList[1].phone");
    assertProblem(http.post("/m2m/customer/bulk-create", staff, map("dataList", List.of(
        map("name", "Asha")))), 403, "accessDenied");
  }

  @Test
  void m2mUpdateAndDeleteById() {
    String id = createCustomer(staff, "Ravi", "9876543210");
    Reply updated = http.post("/m2m/customer/update/" + id, system,
        map("dataClause", map("notes", "synced")));
    assertEquals(200, updated.status(), updated::toString);
    assertEquals("synced", updated.json().path("notes").asString());
    assertFields(http.post("/m2m/customer/update/" + id, system, map("dataClause", map("bogus",
        1))),
        "dataClause.bogus");
    assertProblem(http.post("/m2m/customer/update/" + id, Tokens.of(other, "job", "SYSTEM"),
        map("dataClause", map("notes", "x"))), 404, "notFound");

    Reply deleted = http.post("/m2m/customer/delete/" + id, system, map());
    assertEquals(200, deleted.status(), deleted::toString);
    assertFalse(deleted.json().path("isActive").asBoolean());
    assertProblem(http.post("/m2m/customer/delete/" + id, staff, map()), 403, "accessDenied");
  }

  @Test
  void m2mByQuery() {
    createCustomer(staff, "Asha Traders", "9876500001");
    createCustomer(staff, "Asha Foods", "9876500002");
    createCustomer(staff, "Meera", "9876500003");
    createCustomer(otherStaff, "Asha Elsewhere", "9876500004");

    Reply updated = http.post("/m2m/customer/update-by-query", system,
        map("query", map("name", "asha"), "dataClause", map("notes", "wholesale")));
    assertEquals(200, updated.status(), updated::toString);
    assertEquals(2, updated.json().path("count").asInt());
    updated.json().path("customers").forEach(c -> assertEquals("wholesale",
        c.path("notes").asString()));

    assertFields(http.post("/m2m/customer/update-by-query", system,
        map("query", map(), "dataClause", map("notes", "all"))), "query");
    assertFields(http.post("/m2m/customer/delete-by-query", system, map("query", map("name", " "))),
        "query");

    Reply deleted = http.post("/m2m/customer/delete-by-query", system, map("query", map("name",
        "asha")));
    assertEquals(200, deleted.status(), deleted::toString);
    assertEquals(2, deleted.json().path("count").asInt());
    assertEquals(1, http.get("/customers", staff).json().path("total").asInt());
    assertEquals(1, http.get("/customers", otherStaff).json().path("total").asInt());
  }

  @Test
  void m2mUpdateByIdList() {
    String a = createCustomer(staff, "Asha", "9876500001");
    String b = createCustomer(staff, "Meera", "9876500002");
    String foreign = createCustomer(otherStaff, "Elsewhere", "9876500003");
    Reply reply = http.post("/m2m/customer/update-by-id-list", system,
        map("idList", List.of(a, b, foreign), "dataClause", map("contactName", "Front desk")));
    assertEquals(200, reply.status(), reply::toString);
    assertEquals(2, reply.json().path("count").asInt());
    assertTrue(http.get("/customers/" + foreign, otherStaff).json().path("contactName").isNull());

    assertFields(http.post("/m2m/customer/update-by-id-list", system,
        map("idList", List.of(), "dataClause", map("notes", "x"))), "idList");
    assertFields(http.post("/m2m/customer/update-by-id-list", system,
        map("idList", List.of("not-a-uuid"), "dataClause", map("notes", "x"))), "idList[0]");
    assertFields(http.post("/m2m/customer/update-by-id-list", system,
        map("idList", List.of(a), "dataClause", map("phone", "9876500009"))), "dataClause.phone");
  }

  // ---- client customers (seed 003) ----

  @Test
  void clientCustomersByPhone() {
    Reply created = http.post("/client-customers", staff, map("name", "R", "phone", "098765 43210",
        "emailId", "ravi@example.com", "gstNo", "29ABCDE1234F1Z5"));
    assertEquals(201, created.status(), created::toString);
    assertTrue(created.json().path("success").asBoolean());
    assertTrue(created.json().path("isNew").asBoolean());
    JsonNode customer = created.json().path("clientCustomer");
    assertEquals("clientCustomer", customer.path("name").asString());
    assertEquals("+919876543210", customer.path("phoneNumber").asString());
    assertEquals(shop, customer.path("clientId").asString());
    assertEquals("29ABCDE1234F1Z5", customer.path("gstNo").asString());
    String id = customer.path("id").asString();

    Reply again = http.post("/client-customers", staff, map("name", "Ravi", "phone", "9876543210"));
    assertEquals(200, again.status(), again::toString);
    assertFalse(again.json().path("isNew").asBoolean());
    assertEquals(id, again.json().path("clientCustomer").path("id").asString());

    Reply found = http.get("/client-customers/by-phone?" + Http.query("phone", "+91 98765 43210"),
        staff);
    assertEquals(id, found.json().path("clientCustomer").path("id").asString(), found::toString);
    Reply none = http.get("/client-customers/by-phone?phone=9876500000", staff);
    assertEquals(200, none.status(), none::toString);
    assertTrue(none.json().path("clientCustomer").isNull());

    assertFields(http.post("/client-customers", staff, map("name", "Asha", "phone", "9876500001",
        "emailId", "nope")), "emailId");
    Reply patched = http.patch("/client-customers/" + id, staff, map("gstNo", null, "address",
        "Pune"));
    assertEquals("Pune", patched.json().path("clientCustomer").path("address").asString(),
        patched::toString);
    assertTrue(patched.json().path("clientCustomer").path("gstNo").isNull());
    assertFields(http.patch("/client-customers/" + id, staff, map("emailId", "nope")), "emailId");
    assertProblem(http.patch("/client-customers/" + id, otherStaff, map("address", "x")), 404,
        "notFound");
  }

  @Test
  void clientCustomerListIncludesDeletedAndDeleteIsSoft() {
    String first = createCustomer(staff, "Asha", "9876500001");
    String second = createCustomer(staff, "Meera", "9876500002");
    Reply deleted = http.delete("/client-customers/" + first, owner);
    assertEquals(200, deleted.status(), deleted::toString);
    assertFalse(deleted.json().path("clientCustomer").path("isActive").asBoolean());

    Reply list = http.get("/client-customers", staff);
    assertEquals(200, list.status(), list::toString);
    assertEquals(2, list.json().path("clientCustomers").size());
    assertEquals(second, list.json().path("clientCustomers").get(0).path("id").asString());
    assertProblem(http.delete("/client-customers/" + first, staff), 403, "accessDenied");
  }

  @Test
  void findOrCreateForAnInvoice() {
    String id = createCustomer(staff, "Asha", "9876500001");
    Reply found = http.post("/client-customers/find-or-create", staff,
        map("phone", "09876500001", "name", "Someone else"));
    assertEquals(200, found.status(), found::toString);
    assertFalse(found.json().path("isNew").asBoolean());
    assertEquals("Asha", found.json().path("clientCustomer").path("name").asString());

    Reply created = http.post("/client-customers/find-or-create", staff,
        map("phone", "9876500002", "name", "Walk-in"));
    assertTrue(created.json().path("isNew").asBoolean(), created::toString);
    Reply byId = http.post("/client-customers/find-or-create", staff, map("clientCustomerId", id));
    assertEquals(id, byId.json().path("clientCustomer").path("id").asString(), byId::toString);
    assertProblem(http.post("/client-customers/find-or-create", otherStaff,
        map("clientCustomerId", id)), 404, "notFound");
    assertFields(http.post("/client-customers/find-or-create", staff, map("name", "No phone")),
        "phone");
  }

  // ---- fees (seeds 001, 002) ----

  @Test
  void assessAndAssessAgain() {
    Reply created = http.post("/fees", staff, map("userId", "member-7", "loanId", "loan-1",
        "amount", 2.50, "reason", "overdue"));
    assertEquals(201, created.status(), created::toString);
    JsonNode fee = created.json().path("fee");
    assertEquals("2.50", fee.path("amount").asString());
    assertEquals("USD", fee.path("currency").asString());
    assertEquals("unpaid", fee.path("status").asString());
    assertEquals(0, fee.path("statusIdx").asInt());
    assertEquals("/fees/" + fee.path("id").asString(), created.header("Location"));

    Reply again = http.post("/fees", staff, map("userId", "member-7", "loanId", "loan-1",
        "amount", "3.00", "reason", "overdue"));
    assertEquals(200, again.status(), again::toString);
    assertFalse(again.json().path("isNew").asBoolean());
    assertEquals("3.00", again.json().path("fee").path("amount").asString());

    assertFields(http.post("/fees", staff, map("userId", "", "amount", "2.501", "note", "\u202E")),
        "userId", "amount", "note");
    assertFields(http.post("/fees", staff, map("userId", "member-7", "amount", "1", "currency",
        "XYZ")),
        "currency");
    assertFields(http.post("/fees", staff, map("userId", "member-7", "amount", "1", "reason",
        "whim")),
        "reason");
    assertProblem(http.post("/fees", member, map("userId", "member-7", "amount", "1")), 403,
        "accessDenied");
  }

  @Test
  void listAndGetFees() {
    String mine = assessFee("member-7", "2.50", "loan-1");
    assessFee("member-8", "7.00", "loan-2");
    http.post("/fees/" + assessFee("member-8", "1.00", "loan-3") + "/waive", staff, map());

    assertEquals(3, http.get("/fees", staff).json().path("total").asInt());
    assertEquals(2, http.get("/fees?userId=member-8", staff).json().path("total").asInt());
    assertEquals(1, http.get("/fees?status=waived", staff).json().path("total").asInt());
    assertEquals(1, http.get("/fees?amount=2.50", staff).json().path("total").asInt());
    assertEquals(2, http.get("/fees?minAmount=2&maxAmount=10", staff).json().path("total").asInt());
    assertFields(http.get("/fees?status=lost", staff), "status");
    assertFields(http.get("/fees?amount=1&minAmount=0", staff), "amount");
    assertFields(http.get("/fees?minAmount=abc", staff), "minAmount");

    Reply own = http.get("/fees", member);
    assertEquals(1, own.json().path("total").asInt(), own::toString);
    assertEquals(mine, own.json().path("items").get(0).path("id").asString());
    assertEquals(200, http.get("/fees/" + mine, member).status());
    assertProblem(http.get("/fees/" + mine, Tokens.of(shop, "member-8", "MEMBER")), 404,
        "notFound");
    assertProblem(http.get("/fees/" + mine, otherStaff), 404, "notFound");
  }

  @Test
  void staffStepsFollowTheTransitionTable() {
    String waived = assessFee("member-7", "2.50", "loan-1");
    Reply reply = http.post("/fees/" + waived + "/waive", staff, map("note", "first offence"));
    assertEquals("waived", reply.json().path("status").asString(), reply::toString);
    Reply twice = http.post("/fees/" + waived + "/cancel", staff, map());
    assertProblem(twice, 409, "illegalTransition");
    assertEquals("waived", twice.json().path("state").asString());

    String canceled = assessFee("member-7", "1.00", "loan-2");
    assertEquals("canceled", http.post("/fees/" + canceled + "/cancel", staff, null).json()
        .path("status").asString());

    String paid = assessFee("member-7", "4.00", "loan-3");
    Reply cash = http.post("/fees/" + paid + "/manual-payment", staff, map("method", "cash"));
    assertEquals("paid", cash.json().path("status").asString(), cash::toString);
    assertFields(http.post("/fees/" + assessFee("member-7", "1.00", "loan-4") + "/manual-payment",
        staff, map("method", "cheque")), "method");

    Reply noted = http.patch("/fees/" + paid, staff, map("note", "receipt 42"));
    assertEquals("receipt 42", noted.json().path("note").asString(), noted::toString);
    assertFields(http.patch("/fees/" + paid, staff, map("status", "unpaid")), "status");

    assertProblem(http.post("/fees/" + paid + "/waive", member, map()), 403, "accessDenied");
    assertProblem(http.post("/fees/" + paid + "/waive", otherStaff, map()), 404, "notFound");
  }

  @Test
  void deleteOnlyUnpaidFees() {
    String fee = assessFee("member-7", "2.50", "loan-1");
    assertProblem(http.delete("/fees/" + fee, staff), 403, "accessDenied");
    Reply deleted = http.delete("/fees/" + fee, owner);
    assertEquals(200, deleted.status(), deleted::toString);
    assertEquals("canceled", deleted.json().path("status").asString());
    assertFalse(deleted.json().path("isActive").asBoolean());
    assertEquals(0, http.get("/fees", staff).json().path("total").asInt());
    assertEquals(1, http.get("/fees?includeInactive=true", staff).json().path("total").asInt());

    String paid = assessFee("member-7", "2.50", "loan-2");
    http.post("/fees/" + paid + "/manual-payment", staff, map("method", "pos"));
    assertProblem(http.delete("/fees/" + paid, owner), 409, "illegalTransition");
  }

  @Test
  void theHistoryIsAppendOnly() {
    String fee = assessFee("member-7", "2.50", "loan-1");
    http.patch("/fees/" + fee, staff, map("note", "called the member"));
    http.post("/fees/" + fee + "/manual-payment", staff, map("method", "cash", "note",
        "at the desk"));
    Reply history = http.get("/fees/" + fee + "/events", member);
    assertEquals(200, history.status(), history::toString);
    List<String> types = new ArrayList<>();
    history.json().forEach(event -> types.add(event.path("eventType").asString()));
    assertEquals(List.of("assessed", "note", "paymentSuccess"), types);
    assertEquals(2, history.json().get(2).path("eventTypeIdx").asInt());
    assertEquals("cash", history.json().get(2).path("details").path("manualMethod").asString());
    assertEquals("alice", history.json().get(0).path("actorUserId").asString());

    String event = history.json().get(0).path("id").asString();
    assertProblem(http.delete("/fees/" + fee + "/events", staff), 405, "methodNotAllowed");
    assertProblem(http.patch("/fees/" + fee + "/events", staff, map("note", "x")), 405,
        "methodNotAllowed");
    assertProblem(http.delete("/fees/" + fee + "/events/" + event, staff), 404, "notFound");
    assertProblem(http.get("/fees/" + fee + "/events", otherStaff), 404, "notFound");
  }

  @Test
  void checkoutByTheOwnerAndRefresh() {
    String fee = assessFee("member-7", "2.50", "loan-1");
    assertProblem(http.post("/startcheckout/fee/" + fee, Tokens.of(shop, "member-8", "MEMBER"),
        map()),
        404, "notFound");

    Reply started = http.post("/startcheckout/fee/" + fee, member, map());
    assertEquals(200, started.status(), started::toString);
    assertTrue(started.json().path("isNew").asBoolean());
    assertEquals("paymentInProgress", started.json().path("fee").path("status").asString());
    String session = started.json().path("checkout").path("sessionId").asString();
    assertTrue(session.startsWith("cs_"), started::toString);
    assertFalse(started.json().path("checkout").path("url").asString().isEmpty());

    Reply repeated = http.post("/startcheckout/fee/" + fee, member, map());
    assertFalse(repeated.json().path("isNew").asBoolean(), repeated::toString);
    assertEquals(session, repeated.json().path("checkout").path("sessionId").asString());
    assertProblem(http.post("/fees/" + fee + "/waive", staff, map()), 409, "illegalTransition");

    Reply open = http.post("/refreshcheckout/fee/" + fee, member, map());
    assertFalse(open.json().path("applied").asBoolean(), open::toString);
    localStripe.pay(session);
    Reply refreshed = http.post("/refreshcheckout/fee/" + fee, member, map());
    assertTrue(refreshed.json().path("applied").asBoolean(), refreshed::toString);
    assertEquals("paid", refreshed.json().path("fee").path("status").asString());
    assertProblem(http.post("/startcheckout/fee/" + fee, member, map()), 409, "illegalTransition");
  }

  @Test
  void aSignedWebhookPaysTheFeeOnce() {
    String fee = assessFee("member-7", "12.50", "loan-1");
    String session = http.post("/startcheckout/fee/" + fee, member, map()).json()
        .path("checkout").path("sessionId").asString();
    localStripe.pay(session);
    String event = localStripe.event("checkout.session.completed", session);
    byte[] body = event.getBytes(StandardCharsets.UTF_8);
    String signature = LocalStripe.sign(event, webhookSecret, Instant.now().getEpochSecond());

    Reply delivered = http.postRaw("/stripe/webhook", body,
        Map.of("Stripe-Signature", signature, "Content-Type", "application/json"));
    assertEquals(200, delivered.status(), delivered::toString);
    assertEquals("APPLIED", delivered.json().path("status").asString());
    assertEquals("paid", http.get("/fees/" + fee, member).json().path("status").asString());

    Reply again = http.postRaw("/stripe/webhook", body,
        Map.of("Stripe-Signature", signature, "Content-Type", "application/json"));
    assertEquals(200, again.status(), again::toString);
    assertEquals("DUPLICATE", again.json().path("status").asString());
    Reply history = http.get("/fees/" + fee + "/events", staff);
    assertEquals("paymentSuccess", history.json().get(history.json().size() - 1)
        .path("eventType").asString());
    assertEquals(3, history.json().size());
  }

  @Test
  void aWebhookThatIsNotStripesIsRefused() {
    String event = "{\"id\":\"evt_1\",\"type\":\"checkout.session.completed\","
        + "\"data\":{\"object\":{}}}";
    byte[] body = event.getBytes(StandardCharsets.UTF_8);
    Reply unsigned = http.postRaw("/stripe/webhook", body, Map.of("Content-Type",
        "application/json"));
    assertProblem(unsigned, 400, "webhookRefused");
    assertEquals("UNSIGNED", unsigned.json().path("reason").asString());

    Reply forged = http.postRaw("/stripe/webhook", body, Map.of("Content-Type", "application/json",
        "Stripe-Signature", LocalStripe.sign(event, "whsec_not_ours",
            Instant.now().getEpochSecond())));
    assertProblem(forged, 400, "webhookRefused");
    assertEquals("BAD_SIGNATURE", forged.json().path("reason").asString());

    Reply stale = http.postRaw("/stripe/webhook", body, Map.of("Content-Type", "application/json",
        "Stripe-Signature", LocalStripe.sign(event, webhookSecret,
            Instant.now().minus(1, ChronoUnit.HOURS).getEpochSecond())));
    assertEquals("STALE", stale.json().path("reason").asString(), stale::toString);
  }

  @Test
  void aDeclinedCheckoutIsABadGatewayAndTheFeeStaysPayable() {
    String fee = assessFee("member-7", "2.50", "loan-1");
    localStripe.failNext(1, 402, "card_error", "card_declined", "Your card was declined.");
    Reply declined = http.post("/startcheckout/fee/" + fee, member, map());
    assertProblem(declined, 502, "paymentGateway");
    assertEquals("card_declined", declined.json().path("gatewayCode").asString());
    assertEquals("unpaid", http.get("/fees/" + fee, member).json().path("status").asString());
    Reply history = http.get("/fees/" + fee + "/events", member);
    assertEquals("paymentFail", history.json().get(1).path("eventType").asString());
    assertEquals(200, http.post("/startcheckout/fee/" + fee, member, map()).status());
  }

  // ---- inventory (seed 004) ----

  @Test
  void recordMovementsAndRefuseOverselling() {
    Reply restock = http.post("/inventory-movements", staff, map("inventoryItemId", "sku-1",
        "movementType", "restock", "quantityDelta", 5));
    assertEquals(201, restock.status(), restock::toString);
    JsonNode movement = restock.json().path("movement");
    assertEquals(5, restock.json().path("stockOnHand").asInt());
    assertEquals("restock", movement.path("movementType").asString());
    assertEquals(1, movement.path("movementTypeIdx").asInt());
    assertEquals(shop, movement.path("storeId").asString());
    assertEquals("alice", movement.path("userId").asString());
    assertEquals("/inventory-movements/" + movement.path("id").asString(),
        restock.header("Location"));

    Reply sale = http.post("/inventory-movements", staff, map("inventoryItemId", "sku-1",
        "movementType", "sale", "quantityDelta", -2));
    assertEquals(3, sale.json().path("stockOnHand").asInt(), sale::toString);
    Reply oversell = http.post("/inventory-movements", staff, map("inventoryItemId", "sku-1",
        "movementType", "sale", "quantityDelta", -4));
    assertProblem(oversell, 409, "insufficientStock");
    assertEquals("sku-1", oversell.json().path("inventoryItemId").asString());
    assertEquals(3, http.get("/inventory-stock/sku-1", staff).json().path("stockOnHand").asInt());

    String at = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS).toString();
    Map<String, Object> timed = map("inventoryItemId", "sku-1", "movementType", "restock",
        "quantityDelta", 1, "movementTimestamp", at);
    assertEquals(201, http.post("/inventory-movements", staff, timed).status());
    assertProblem(http.post("/inventory-movements", staff, timed), 409, "conflict");
  }

  @Test
  void movementValidationNamesTheSeedsFields() {
    assertFields(http.post("/inventory-movements", staff, map("inventoryItemId", "sku-1",
        "movementType", "manualAdjustment", "quantityDelta", 0)), "quantityDelta",
            "movementReason");
    assertFields(http.post("/inventory-movements", staff, map("movementType", "sale",
        "quantityDelta", 3)), "inventoryItemId", "quantityDelta");
    assertFields(http.post("/inventory-movements", staff, map("inventoryItemId", "sku-1",
        "movementType", "theft", "quantityDelta", -1)), "movementType");
    assertFields(http.post("/inventory-movements", staff, map("inventoryItemId", "sku-1",
        "movementType", "sale", "quantityDelta", "lots")), "quantityDelta");
    assertFields(http.post("/inventory-movements", staff, map("inventoryItemId", "sku-1",
        "movementType", "restock", "quantityDelta", 1, "movementTimestamp", "yesterday")),
        "movementTimestamp");
    assertProblem(http.post("/inventory-movements", member, map("inventoryItemId", "sku-1",
        "movementType", "restock", "quantityDelta", 1)), 403, "accessDenied");
  }

  @Test
  void correctGetAndListMovements() {
    String sale = record(staff, "sku-1", "restock", 10);
    String wrong = record(staff, "sku-1", "sale", -3);
    Reply corrected = http.post("/inventory-movements/" + wrong + "/corrections", staff,
        map("quantityDelta", 1, "movementReason", "sold 2, not 3"));
    assertEquals(201, corrected.status(), corrected::toString);
    assertEquals(wrong, corrected.json().path("movement").path("correctsId").asString());
    assertEquals("correction", corrected.json().path("movement").path("movementType").asString());
    assertEquals("sku-1", corrected.json().path("movement").path("inventoryItemId").asString());
    assertEquals(8, corrected.json().path("stockOnHand").asInt());
    assertFields(http.post("/inventory-movements/" + wrong + "/corrections", staff,
        map("quantityDelta", 1)), "movementReason");
    String foreign = record(otherStaff, "sku-1", "restock", 1);
    assertProblem(http.post("/inventory-movements/" + foreign + "/corrections", staff,
        map("quantityDelta", 1, "movementReason", "x")), 400, "invalid");

    Reply got = http.get("/inventory-movements/" + sale, staff);
    assertEquals(10, got.json().path("quantityDelta").asInt(), got::toString);
    assertProblem(http.get("/inventory-movements/" + sale, otherStaff), 404, "notFound");
    assertProblem(http.get("/inventory-movements/" + foreign, staff), 404, "notFound");

    record(staff, "sku-2", "restock", 4);
    assertEquals(4, http.get("/inventory-movements", staff).json().path("total").asInt());
    assertEquals(3, http.get("/inventory-movements?inventoryItemId=sku-1", staff).json()
        .path("total").asInt());
    assertEquals(1, http.get("/inventory-movements?movementType=correction", staff).json()
        .path("total").asInt());
    assertEquals(0, http.get("/inventory-movements?to=2020-01-01T00:00:00Z", staff).json()
        .path("total").asInt());
    assertEquals(4, http.get("/inventory-movements?userId=alice&from=2020-01-01T00:00:00Z", staff)
        .json().path("total").asInt());
    assertFields(http.get("/inventory-movements?from=someday", staff), "from");

    assertProblem(http.patch("/inventory-movements/" + sale, staff, map("quantityDelta", 1)), 405,
        "methodNotAllowed");
    assertProblem(http.delete("/inventory-movements/" + sale, staff), 405, "methodNotAllowed");
  }

  @Test
  void stockOfOneAndOfMany() {
    record(staff, "sku-1", "restock", 7);
    record(staff, "sku-2", "restock", 2);
    record(staff, "sku-2", "damage", -1);
    record(otherStaff, "sku-3", "restock", 9);
    Reply one = http.get("/inventory-stock/sku-1", staff);
    assertEquals(7, one.json().path("stockOnHand").asInt(), one::toString);
    Reply many = http.get("/inventory-stock?inventoryItemId=sku-2&inventoryItemId=sku-1"
        + "&inventoryItemId=sku-3", staff);
    assertEquals(200, many.status(), many::toString);
    List<String> stock = new ArrayList<>();
    many.json().path("items").forEach(item -> stock.add(item.path("inventoryItemId").asString()
        + "=" + item.path("stockOnHand").asLong()));
    assertEquals(List.of("sku-2=1", "sku-1=7", "sku-3=0"), stock);
    assertProblem(http.get("/inventory-stock/sku-1", member), 403, "accessDenied");
  }

  @Test
  void transferBetweenTwoStoresOfTheUser() {
    record(staff, "sku-1", "restock", 5);
    String both = Tokens.withOtherTenants(shop, "alice", Map.of(branch, List.of("STAFF")), "STAFF");
    Reply transfer = http.post("/inventory-transfers", both, map("inventoryItemId", "sku-1",
        "destinationStoreId", branch, "quantity", 2, "movementReason", "weekend stock"));
    assertEquals(201, transfer.status(), transfer::toString);
    assertEquals(3, transfer.json().path("sourceStockOnHand").asInt());
    assertEquals(-2, transfer.json().path("out").path("quantityDelta").asInt());
    assertEquals(branch, transfer.json().path("in").path("storeId").asString());
    assertEquals(transfer.json().path("transferId").asString(),
        transfer.json().path("in").path("transferId").asString());
    assertEquals(2, http.get("/inventory-stock/sku-1", Tokens.of(branch, "bob", "STAFF")).json()
        .path("stockOnHand").asInt());

    Reply notThere = http.post("/inventory-transfers", staff, map("inventoryItemId", "sku-1",
        "destinationStoreId", branch, "quantity", 1));
    assertProblem(notThere, 403, "accessDenied");
    assertProblem(http.post("/inventory-transfers", both, map("inventoryItemId", "sku-1",
        "destinationStoreId", branch, "quantity", 10)), 409, "insufficientStock");
    assertFields(http.post("/inventory-transfers", both, map("inventoryItemId", "sku-1",
        "quantity", 1)), "destinationStoreId");
    assertFields(http.post("/inventory-transfers", both, map("inventoryItemId", "sku-1",
        "destinationStoreId", shop, "quantity", 1)), "destinationStoreId");
    assertEquals(3, http.get("/inventory-stock/sku-1", staff).json().path("stockOnHand").asInt());
  }

  // ---- tenant settings, service routes ----

  @Test
  void settingsChangeWhatTheSdkDemands() {
    Map<String, Object> settings = map("mandatoryCustomerFields", List.of("address"),
        "defaultPhoneRegion", "IN", "allowNegativeStock", true);
    assertProblem(http.put("/tenant/settings", staff, settings), 403, "accessDenied");
    Reply changed = http.put("/tenant/settings", owner, settings);
    assertEquals(200, changed.status(), changed::toString);
    assertEquals(2, changed.json().path("version").asInt());
    assertFields(http.post("/customers", staff, map("name", "Asha", "phone", "9876500001")),
        "address");
    assertEquals(201, http.post("/inventory-movements", staff, map("inventoryItemId", "sku-1",
        "movementType", "sale", "quantityDelta", -1)).status());
    assertFields(http.put("/tenant/settings", owner, map("mandatoryCustomerFields",
        List.of("age"))),
        "mandatoryCustomerFields[0]");
    assertFields(http.put("/tenant/settings", owner, map("defaultPhoneRegion", "XX")),
        "defaultPhoneRegion");
  }

  @Test
  void healthAndCurrentUser() {
    Reply health = http.get("/health", null);
    assertEquals(200, health.status(), health::toString);
    assertEquals("UP", health.json().path("status").asString());

    Reply me = http.get("/currentuser", Tokens.withOtherTenants(shop, "alice",
        Map.of(branch, List.of("STAFF")), "STAFF", "OWNER"));
    assertEquals(200, me.status(), me::toString);
    assertEquals(shop, me.json().path("tenant").asString());
    assertEquals("alice", me.json().path("userId").asString());
    assertEquals("[\"OWNER\",\"STAFF\"]", me.json().path("roles").toString());
    assertEquals("STAFF", me.json().path("tenantRoles").path(branch).get(0).asString());
    assertProblem(http.get("/currentuser", null), 401, "unauthenticated");
  }

  @Test
  void unexpectedFailuresAre500WithoutTheirMessage() {
    Reply storage = http.get("/test-only/storage-failure", staff);
    assertProblem(storage, 500, "storage");
    Reply bug = http.get("/test-only/bug", staff);
    assertProblem(bug, 500, "internal");
    for (Reply reply : List.of(storage, bug)) {
      assertFalse(reply.response().body().contains(FailingRoutes.SECRET), reply::toString);
      assertFalse(reply.response().body().contains("SQL"), reply::toString);
    }
  }

  @Test
  void openApiAndSwaggerAreServed() {
    Reply docs = http.get("/v3/api-docs", null);
    assertEquals(200, docs.status(), docs::toString);
    JsonNode paths = docs.json().path("paths");
    for (String path : Arrays.asList("/customers", "/m2m/customer/create",
        "/m2m/customer/bulk-create",
        "/m2m/customer/update/{id}", "/m2m/customer/delete/{id}", "/m2m/customer/update-by-query",
        "/m2m/customer/delete-by-query", "/m2m/customer/update-by-id-list", "/client-customers",
        "/fees", "/startcheckout/fee/{feeId}", "/refreshcheckout/fee/{feeId}", "/fees/{id}/events",
        "/stripe/webhook", "/inventory-movements", "/inventory-transfers", "/inventory-stock",
        "/health", "/currentuser")) {
      assertTrue(paths.has(path), path);
    }
    assertFalse(docs.response().body().contains("\"caller\""),
        "the token's caller is no parameter");
    Reply swagger = http.get("/swagger", null);
    assertEquals(302, swagger.status(), swagger::toString);
    assertEquals(200, http.get("/swagger-ui/index.html", null).status());
    assertNotEquals(401, http.get("/v3/api-docs/swagger-config", null).status());
  }
}
