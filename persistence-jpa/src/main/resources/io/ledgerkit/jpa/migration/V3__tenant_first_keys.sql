-- Ledgerkit schema, version 3: every unique index starts with tenant_id, the primary keys too,
-- so that a PostgreSQL distributed by tenant (which needs the distribution column in every
-- unique constraint) holds the same tables and serves the same statements. Every statement of
-- the SDK already names the tenant with the id.

ALTER TABLE ledgerkit_customer DROP CONSTRAINT ledgerkit_customer_pkey;
ALTER TABLE ledgerkit_customer ADD CONSTRAINT ledgerkit_customer_pkey PRIMARY KEY (tenant_id, id);

-- The events' foreign key moves from the fee's separate (tenant_id, id) key to its primary key.
ALTER TABLE ledgerkit_fee_event DROP CONSTRAINT ledgerkit_fee_event_fee_fkey;
ALTER TABLE ledgerkit_fee DROP CONSTRAINT ledgerkit_fee_pkey;
ALTER TABLE ledgerkit_fee DROP CONSTRAINT ledgerkit_fee_tenant_id_key;
ALTER TABLE ledgerkit_fee ADD CONSTRAINT ledgerkit_fee_pkey PRIMARY KEY (tenant_id, id);

ALTER TABLE ledgerkit_fee_event DROP CONSTRAINT ledgerkit_fee_event_pkey;
ALTER TABLE ledgerkit_fee_event ADD CONSTRAINT ledgerkit_fee_event_pkey PRIMARY KEY (tenant_id, id);
ALTER TABLE ledgerkit_fee_event ADD CONSTRAINT ledgerkit_fee_event_fee_fkey
    FOREIGN KEY (tenant_id, fee_id) REFERENCES ledgerkit_fee (tenant_id, id);
