-- Ledgerkit schema, version 1: tenant settings and customers.
-- Lengths are validated by the SDK's core, so every string is text.

CREATE TABLE ledgerkit_tenant (
    tenant_id                 text        PRIMARY KEY,
    mandatory_customer_fields text[]      NOT NULL DEFAULT '{}',
    default_phone_region      text,
    allow_negative_stock      boolean     NOT NULL DEFAULT false,
    created_at                timestamptz NOT NULL,
    updated_at                timestamptz NOT NULL,
    version                   bigint      NOT NULL CHECK (version >= 1)
);

CREATE TABLE ledgerkit_customer (
    id            uuid        PRIMARY KEY,
    tenant_id     text        NOT NULL,
    name          text        NOT NULL,
    phone         text,
    contact_name  text,
    contact_email text,
    address       text,
    tax_number    text,
    notes         text,
    is_active     boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    version       bigint      NOT NULL CHECK (version >= 1)
);

-- The identity of a customer within its tenant. NULL phones are distinct in PostgreSQL, so
-- customers without a phone never collide. Creates upsert on exactly this index.
CREATE UNIQUE INDEX ledgerkit_customer_tenant_phone_key
    ON ledgerkit_customer (tenant_id, phone);

-- Listings: newest first (the default order) and oldest first, scanned backwards.
CREATE INDEX ledgerkit_customer_tenant_created_idx
    ON ledgerkit_customer (tenant_id, created_at DESC, id DESC);

-- Listings by name, which sort by code point whatever the database's locale.
CREATE INDEX ledgerkit_customer_tenant_name_idx
    ON ledgerkit_customer (tenant_id, name COLLATE "C");

-- The exact-match filters.
CREATE INDEX ledgerkit_customer_tenant_tax_number_idx
    ON ledgerkit_customer (tenant_id, tax_number);
CREATE INDEX ledgerkit_customer_tenant_contact_email_idx
    ON ledgerkit_customer (tenant_id, lower(contact_email));
