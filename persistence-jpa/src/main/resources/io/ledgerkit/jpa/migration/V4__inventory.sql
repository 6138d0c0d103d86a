-- Ledgerkit schema, version 4: the stock ledger of each store (tenant), its movements append-only,
-- and each item's stock on hand kept beside them, changed by the same statement as the movement.
-- Every index starts with tenant_id, as since V3. Enums are stored by their API name beside the
-- seed's sortable index. Lengths are validated by the SDK's core, so every string is text.

-- One row per item that ever had a movement: the sum of its movements, kept by every write of a
-- movement in the same statement, so that reading stock never adds movements up.
CREATE TABLE ledgerkit_stock (
    tenant_id text   NOT NULL,
    item_id   text   NOT NULL,
    on_hand   bigint NOT NULL,
    CONSTRAINT ledgerkit_stock_pkey PRIMARY KEY (tenant_id, item_id),
    -- Stock only in a registered store.
    CONSTRAINT ledgerkit_stock_tenant_fkey FOREIGN KEY (tenant_id)
        REFERENCES ledgerkit_tenant (tenant_id)
);

CREATE TABLE ledgerkit_movement (
    tenant_id          text        NOT NULL,
    id                 uuid        NOT NULL,
    item_id            text        NOT NULL,
    quantity_delta     bigint      NOT NULL,
    movement_type      text        NOT NULL,
    movement_type_idx  smallint    NOT NULL,
    -- Milliseconds (the core cuts them); unique per item in the store.
    movement_timestamp timestamptz NOT NULL,
    user_id            text        NOT NULL,
    movement_reason    text,
    corrects_id        uuid,
    transfer_id        uuid,
    recorded_at        timestamptz NOT NULL,
    CONSTRAINT ledgerkit_movement_pkey PRIMARY KEY (tenant_id, id),
    -- The seed's unique (store, item, timestamp): a second movement of an item at one timestamp
    -- is a unique violation, reported as a conflict; per item, it also orders the item's listing.
    CONSTRAINT ledgerkit_movement_tenant_item_timestamp_key
        UNIQUE (tenant_id, item_id, movement_timestamp),
    -- No movement without the stock row it counts in; since movements are never deleted, a stock
    -- row with movements never is either.
    CONSTRAINT ledgerkit_movement_stock_fkey FOREIGN KEY (tenant_id, item_id)
        REFERENCES ledgerkit_stock (tenant_id, item_id),
    CONSTRAINT ledgerkit_movement_type_check CHECK ((movement_type, movement_type_idx) IN (
        ('sale', 0), ('restock', 1), ('manualAdjustment', 2), ('correction', 3), ('damage', 4),
        ('transfer', 5))),
    -- The signs each type allows, as the core enforces them.
    CONSTRAINT ledgerkit_movement_quantity_check CHECK (quantity_delta <> 0
        AND (quantity_delta < 0 OR movement_type NOT IN ('sale', 'damage'))
        AND (quantity_delta > 0 OR movement_type <> 'restock')),
    CONSTRAINT ledgerkit_movement_reason_check CHECK (movement_reason IS NOT NULL
        OR movement_type NOT IN ('manualAdjustment', 'correction')),
    -- A correction references the movement it fixes, a transfer leg its transfer; nothing else
    -- references either.
    CONSTRAINT ledgerkit_movement_corrects_check CHECK (
        (corrects_id IS NOT NULL) = (movement_type = 'correction')),
    CONSTRAINT ledgerkit_movement_transfer_check CHECK (
        (transfer_id IS NOT NULL) = (movement_type = 'transfer'))
);

-- Listings: newest first (timestamp, then id), for the whole store and with the filters on type
-- and user applied to it; a listing of one item reads the unique key backwards.
CREATE INDEX ledgerkit_movement_tenant_timestamp_idx
    ON ledgerkit_movement (tenant_id, movement_timestamp DESC, id DESC);

-- The ledger is append-only, in the database too: any UPDATE, DELETE or TRUNCATE of it fails, also
-- one that would touch no row, and also an INSERT ... ON CONFLICT DO UPDATE.
CREATE FUNCTION ledgerkit_movement_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION USING
        ERRCODE = 'restrict_violation',
        MESSAGE = 'ledgerkit_movement is append-only: ' || TG_OP || ' is not allowed';
END;
$$;

CREATE TRIGGER ledgerkit_movement_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON ledgerkit_movement
    FOR EACH STATEMENT EXECUTE FUNCTION ledgerkit_movement_append_only();
