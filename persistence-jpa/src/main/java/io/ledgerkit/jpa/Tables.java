package io.ledgerkit.jpa;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The tables of migration V1 as jOOQ sees them, without code generation. Column references are
 * qualified with their table, so that they stay unambiguous in {@code ON CONFLICT DO UPDATE}.
 */
final class Tables {

  static final String CUSTOMER_NAME = "ledgerkit_customer";
  static final String TENANT_NAME = "ledgerkit_tenant";
  /** The customer's primary key constraint, as PostgreSQL names it. */
  static final String CUSTOMER_PRIMARY_KEY = "ledgerkit_customer_pkey";

  static final Table<Record> CUSTOMER = DSL.table(DSL.name(CUSTOMER_NAME));
  static final Field<UUID> C_ID = customer("id", SQLDataType.UUID);
  static final Field<String> C_TENANT_ID = customer("tenant_id", SQLDataType.CLOB);
  static final Field<String> C_NAME = customer("name", SQLDataType.CLOB);
  static final Field<String> C_PHONE = customer("phone", SQLDataType.CLOB);
  static final Field<String> C_CONTACT_NAME = customer("contact_name", SQLDataType.CLOB);
  static final Field<String> C_CONTACT_EMAIL = customer("contact_email", SQLDataType.CLOB);
  static final Field<String> C_ADDRESS = customer("address", SQLDataType.CLOB);
  static final Field<String> C_TAX_NUMBER = customer("tax_number", SQLDataType.CLOB);
  static final Field<String> C_NOTES = customer("notes", SQLDataType.CLOB);
  static final Field<Boolean> C_IS_ACTIVE = customer("is_active", SQLDataType.BOOLEAN);
  static final Field<Instant> C_CREATED_AT = customer("created_at", SQLDataType.INSTANT);
  static final Field<Instant> C_UPDATED_AT = customer("updated_at", SQLDataType.INSTANT);
  static final Field<Long> C_VERSION = customer("version", SQLDataType.BIGINT);
  static final List<Field<?>> CUSTOMER_COLUMNS = List.of(C_ID, C_TENANT_ID, C_NAME, C_PHONE,
      C_CONTACT_NAME, C_CONTACT_EMAIL, C_ADDRESS, C_TAX_NUMBER, C_NOTES, C_IS_ACTIVE,
      C_CREATED_AT, C_UPDATED_AT, C_VERSION);

  static final Table<Record> TENANT = DSL.table(DSL.name(TENANT_NAME));
  static final Field<String> T_TENANT_ID = tenant("tenant_id", SQLDataType.CLOB);
  static final Field<String[]> T_MANDATORY_CUSTOMER_FIELDS =
      tenant("mandatory_customer_fields", SQLDataType.CLOB.array());
  static final Field<String> T_DEFAULT_PHONE_REGION =
      tenant("default_phone_region", SQLDataType.CLOB);
  static final Field<Boolean> T_ALLOW_NEGATIVE_STOCK =
      tenant("allow_negative_stock", SQLDataType.BOOLEAN);
  static final Field<Instant> T_CREATED_AT = tenant("created_at", SQLDataType.INSTANT);
  static final Field<Instant> T_UPDATED_AT = tenant("updated_at", SQLDataType.INSTANT);
  static final Field<Long> T_VERSION = tenant("version", SQLDataType.BIGINT);

  private Tables() {}

  private static <T> Field<T> customer(String column, DataType<T> type) {
    return DSL.field(DSL.name(CUSTOMER_NAME, column), type);
  }

  private static <T> Field<T> tenant(String column, DataType<T> type) {
    return DSL.field(DSL.name(TENANT_NAME, column), type);
  }
}
