-- Ledgerkit schema, version 5: the provider notifications the SDK has handled (Stripe webhook
-- events, say), so that a redelivery has no second effect. One row per notification, keyed as
-- the provider identifies it, within the tenant; the primary key leads with tenant_id, as every
-- key does since V3. The SDK writes a row once, after the notification's effect, with
-- INSERT ... ON CONFLICT on exactly this key, and never changes it.
--
-- fee_id has no foreign key: the core records only notifications for a fee it found, and the
-- record is its own bookkeeping, kept as the reference store keeps it. The outcome has no
-- sortable index beside it: it is not one of the seed's enums.

CREATE TABLE ledgerkit_processed_event (
    tenant_id    text        NOT NULL,
    -- The provider, e.g. 'stripe'.
    source       text        NOT NULL CHECK (source <> ''),
    -- The provider's id of the notification, the same for every redelivery.
    event_id     text        NOT NULL CHECK (event_id <> ''),
    event_type   text        NOT NULL CHECK (event_type <> ''),
    fee_id       uuid        NOT NULL,
    -- What handling did, by API name: only a handled result is recorded.
    outcome      text        NOT NULL,
    processed_at timestamptz NOT NULL,
    CONSTRAINT ledgerkit_processed_event_pkey PRIMARY KEY (tenant_id, source, event_id),
    CONSTRAINT ledgerkit_processed_event_outcome_check CHECK (outcome IN ('applied', 'notApplied'))
);
