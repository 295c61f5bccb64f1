-- 0007_finance: pricing, tracecoin wallets and the immutable ledger, orders,
-- invoices, payments, coupons, discounts and taxes.
--
-- All money is paise. Order/invoice/payment amounts are BIGINT (Rust i64);
-- catalogue prices and coupon values are INTEGER (Rust i32).
-- Money rows are never cascaded away: foreign keys default to NO ACTION.

-- ---------------------------------------------------------------------------
-- payment_gateway_configs
-- ---------------------------------------------------------------------------
CREATE TABLE payment_gateway_configs (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    gateway_key  TEXT NOT NULL DEFAULT 'RAZORPAY',
    display_name TEXT NOT NULL,
    config_json  JSONB NOT NULL DEFAULT '{}',
    is_active    BOOLEAN NOT NULL DEFAULT true,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT payment_gateway_configs_gateway_key_check
        CHECK (gateway_key IN ('RAZORPAY','STRIPE'))
);

-- ---------------------------------------------------------------------------
-- pricing_packages
-- ---------------------------------------------------------------------------
CREATE TABLE pricing_packages (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name                TEXT NOT NULL,
    description         TEXT,
    package_type        TEXT NOT NULL DEFAULT 'TRACECOIN_BUNDLE',
    price_inr           INTEGER NOT NULL CHECK (price_inr >= 0),
    tracecoins_included INTEGER NOT NULL DEFAULT 0 CHECK (tracecoins_included >= 0),
    validity_days       INTEGER CHECK (validity_days > 0),   -- NULL = no expiry
    is_active           BOOLEAN NOT NULL DEFAULT true,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT pricing_packages_package_type_check
        CHECK (package_type IN ('JOB_POSTING','CONTACT_VIEWS','TRACECOIN_BUNDLE')),
    CONSTRAINT pricing_packages_package_type_name_key UNIQUE (package_type, name)
);
CREATE TRIGGER trg_pricing_packages_updated_at BEFORE UPDATE ON pricing_packages
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------
-- tracecoin_wallets (one per user; balance can never go negative)
-- ---------------------------------------------------------------------------
CREATE TABLE tracecoin_wallets (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id         UUID NOT NULL REFERENCES users(id),
    current_balance INTEGER NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT tracecoin_wallets_user_id_key UNIQUE (user_id),
    CONSTRAINT tracecoin_wallets_current_balance_check CHECK (current_balance >= 0)
);
CREATE TRIGGER trg_tracecoin_wallets_updated_at BEFORE UPDATE ON tracecoin_wallets
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------
-- tracecoin_ledger: append-only. amount is always positive, the direction
-- is transaction_type. idempotency_key (optional) makes a retried grant or
-- spend a no-op: INSERT ... ON CONFLICT ON CONSTRAINT
-- tracecoin_ledger_idempotency_key_key DO NOTHING.
-- transaction_type/reference_type deliberately have no default: a ledger
-- row must state its direction and cause explicitly.
-- ---------------------------------------------------------------------------
CREATE TABLE tracecoin_ledger (
    id               UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    wallet_id        UUID NOT NULL REFERENCES tracecoin_wallets(id),
    transaction_type TEXT NOT NULL,
    amount           INTEGER NOT NULL,
    balance_after    INTEGER NOT NULL,
    reference_type   TEXT NOT NULL,
    reference_id     UUID,
    remarks          TEXT,
    idempotency_key  TEXT,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT tracecoin_ledger_transaction_type_check
        CHECK (transaction_type IN ('CREDIT','DEBIT')),
    CONSTRAINT tracecoin_ledger_reference_type_check
        CHECK (reference_type IN ('JOB','LEAD','PURCHASE','BONUS')),
    CONSTRAINT tracecoin_ledger_amount_check CHECK (amount > 0),
    CONSTRAINT tracecoin_ledger_balance_after_check CHECK (balance_after >= 0),
    CONSTRAINT tracecoin_ledger_idempotency_key_key UNIQUE (idempotency_key)
);
CREATE INDEX tracecoin_ledger_wallet_id_created_at_idx ON tracecoin_ledger (wallet_id, created_at);
CREATE INDEX tracecoin_ledger_reference_idx ON tracecoin_ledger (reference_type, reference_id);

CREATE OR REPLACE FUNCTION forbid_ledger_mutation() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'tracecoin_ledger is append-only'
        USING ERRCODE = 'restrict_violation',
              DETAIL = format('%s on %s is not allowed', TG_OP, TG_TABLE_NAME),
              HINT = 'Insert a compensating CREDIT or DEBIT row instead.';
END;
$$;

CREATE TRIGGER trg_tracecoin_ledger_forbid_update_delete
    BEFORE UPDATE OR DELETE ON tracecoin_ledger
    FOR EACH ROW EXECUTE FUNCTION forbid_ledger_mutation();
CREATE TRIGGER trg_tracecoin_ledger_forbid_truncate
    BEFORE TRUNCATE ON tracecoin_ledger
    FOR EACH STATEMENT EXECUTE FUNCTION forbid_ledger_mutation();

-- ---------------------------------------------------------------------------
-- orders / order_items
-- ---------------------------------------------------------------------------
CREATE TABLE orders (
    id           UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      UUID NOT NULL REFERENCES users(id),
    order_type   TEXT NOT NULL DEFAULT 'PACKAGE',
    subtotal_inr BIGINT NOT NULL DEFAULT 0 CHECK (subtotal_inr >= 0),
    discount_inr BIGINT NOT NULL DEFAULT 0 CHECK (discount_inr >= 0),
    tax_inr      BIGINT NOT NULL DEFAULT 0 CHECK (tax_inr >= 0),
    total_inr    BIGINT NOT NULL DEFAULT 0 CHECK (total_inr >= 0),
    status       TEXT NOT NULL DEFAULT 'PENDING',
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT orders_order_type_check CHECK (order_type IN ('PACKAGE','SERVICE')),
    CONSTRAINT orders_status_check CHECK (status IN ('PENDING','COMPLETED','CANCELLED'))
);
CREATE INDEX orders_user_id_created_at_idx ON orders (user_id, created_at DESC);
CREATE INDEX orders_status_idx ON orders (status);
CREATE TRIGGER trg_orders_updated_at BEFORE UPDATE ON orders
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE order_items (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id        UUID NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
    item_type       TEXT NOT NULL DEFAULT 'PACKAGE',
    item_id         UUID NOT NULL,          -- pricing_packages.id or services.id
    item_name       TEXT NOT NULL,          -- snapshot at purchase time
    quantity        INTEGER NOT NULL DEFAULT 1 CHECK (quantity > 0),
    unit_price_inr  BIGINT NOT NULL CHECK (unit_price_inr >= 0),
    total_price_inr BIGINT NOT NULL CHECK (total_price_inr >= 0),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT order_items_item_type_check CHECK (item_type IN ('PACKAGE','SERVICE'))
);
CREATE INDEX order_items_order_id_idx ON order_items (order_id);
CREATE INDEX order_items_item_idx ON order_items (item_type, item_id);

-- ---------------------------------------------------------------------------
-- invoices
-- ---------------------------------------------------------------------------
CREATE TABLE invoices (
    id             UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id       UUID NOT NULL REFERENCES orders(id),
    user_id        UUID NOT NULL REFERENCES users(id),
    invoice_number TEXT NOT NULL,
    subtotal_inr   BIGINT NOT NULL DEFAULT 0 CHECK (subtotal_inr >= 0),
    discount_inr   BIGINT NOT NULL DEFAULT 0 CHECK (discount_inr >= 0),
    tax_inr        BIGINT NOT NULL DEFAULT 0 CHECK (tax_inr >= 0),
    total_inr      BIGINT NOT NULL DEFAULT 0 CHECK (total_inr >= 0),
    status         TEXT NOT NULL DEFAULT 'ISSUED',
    issued_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    due_at         TIMESTAMPTZ,
    paid_at        TIMESTAMPTZ,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT invoices_invoice_number_key UNIQUE (invoice_number),
    CONSTRAINT invoices_status_check CHECK (status IN ('ISSUED','PAID'))
);
CREATE INDEX invoices_order_id_idx ON invoices (order_id);
CREATE INDEX invoices_user_id_idx ON invoices (user_id, issued_at DESC);

-- ---------------------------------------------------------------------------
-- payments / payment_transactions
-- ---------------------------------------------------------------------------
CREATE TABLE payments (
    id                        UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    order_id                  UUID NOT NULL REFERENCES orders(id),
    invoice_id                UUID REFERENCES invoices(id),
    user_id                   UUID NOT NULL REFERENCES users(id),
    payment_gateway_config_id UUID REFERENCES payment_gateway_configs(id),
    payment_method            TEXT,
    provider_payment_ref      TEXT,
    amount_inr                BIGINT NOT NULL CHECK (amount_inr >= 0),
    currency_code             TEXT NOT NULL DEFAULT 'INR',
    status                    TEXT NOT NULL DEFAULT 'PENDING',
    initiated_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    completed_at              TIMESTAMPTZ,
    created_at                TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at                TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT payments_currency_code_check CHECK (currency_code IN ('INR')),
    CONSTRAINT payments_status_check CHECK (status IN ('PENDING','SUCCESS','FAILED'))
);
CREATE INDEX payments_order_id_idx ON payments (order_id);
CREATE INDEX payments_invoice_id_idx ON payments (invoice_id);
CREATE INDEX payments_user_id_idx ON payments (user_id, created_at DESC);
CREATE INDEX payments_payment_gateway_config_id_idx ON payments (payment_gateway_config_id);
-- a gateway reference identifies one payment (webhook idempotency)
CREATE UNIQUE INDEX payments_provider_payment_ref_key
    ON payments (provider_payment_ref) WHERE provider_payment_ref IS NOT NULL;
CREATE TRIGGER trg_payments_updated_at BEFORE UPDATE ON payments
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- transaction_type has no default: each row records a specific event.
CREATE TABLE payment_transactions (
    id                    UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    payment_id            UUID NOT NULL REFERENCES payments(id),
    transaction_type      TEXT NOT NULL,
    provider_reference    TEXT,
    request_payload_json  JSONB NOT NULL DEFAULT '{}',
    response_payload_json JSONB NOT NULL DEFAULT '{}',
    status                TEXT NOT NULL DEFAULT 'PENDING',
    created_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT payment_transactions_transaction_type_check
        CHECK (transaction_type IN ('INITIATED','COMPLETED','FAILED')),
    CONSTRAINT payment_transactions_status_check
        CHECK (status IN ('PENDING','SUCCESS','FAILED'))
);
CREATE INDEX payment_transactions_payment_id_idx ON payment_transactions (payment_id, created_at);

-- ---------------------------------------------------------------------------
-- coupons / coupon_redemptions
-- discount_value: whole percent for PERCENT (1-100), paise for FLAT.
-- ---------------------------------------------------------------------------
CREATE TABLE coupons (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    code                TEXT NOT NULL,
    description         TEXT,
    discount_type       TEXT NOT NULL DEFAULT 'FLAT',
    discount_value      INTEGER NOT NULL CHECK (discount_value > 0),
    max_discount_inr    INTEGER CHECK (max_discount_inr >= 0),
    min_order_value_inr INTEGER NOT NULL DEFAULT 0 CHECK (min_order_value_inr >= 0),
    valid_from          TIMESTAMPTZ NOT NULL DEFAULT now(),
    valid_to            TIMESTAMPTZ,
    usage_limit         INTEGER CHECK (usage_limit > 0),   -- NULL = unlimited
    is_active           BOOLEAN NOT NULL DEFAULT true,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT coupons_code_key UNIQUE (code),
    CONSTRAINT coupons_discount_type_check CHECK (discount_type IN ('PERCENT','FLAT')),
    CONSTRAINT coupons_percent_range_check
        CHECK (discount_type <> 'PERCENT' OR discount_value <= 100),
    CONSTRAINT coupons_validity_check CHECK (valid_to IS NULL OR valid_to > valid_from)
);

CREATE TABLE coupon_redemptions (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    coupon_id           UUID NOT NULL REFERENCES coupons(id),
    user_id             UUID NOT NULL REFERENCES users(id),
    order_id            UUID NOT NULL REFERENCES orders(id),
    redeemed_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    discount_amount_inr INTEGER NOT NULL CHECK (discount_amount_inr >= 0),
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT coupon_redemptions_coupon_id_order_id_key UNIQUE (coupon_id, order_id)
);
CREATE INDEX coupon_redemptions_user_id_idx ON coupon_redemptions (user_id);
CREATE INDEX coupon_redemptions_order_id_idx ON coupon_redemptions (order_id);

-- ---------------------------------------------------------------------------
-- discount_rules
-- ---------------------------------------------------------------------------
CREATE TABLE discount_rules (
    id             UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name           TEXT NOT NULL,
    scope_type     TEXT NOT NULL DEFAULT 'GLOBAL',
    scope_id       UUID,                    -- NULL for GLOBAL
    discount_type  TEXT NOT NULL DEFAULT 'PERCENT',
    discount_value INTEGER NOT NULL CHECK (discount_value > 0),
    starts_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    ends_at        TIMESTAMPTZ,
    is_active      BOOLEAN NOT NULL DEFAULT true,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT discount_rules_scope_type_check
        CHECK (scope_type IN ('GLOBAL','CATEGORY','SERVICE')),
    CONSTRAINT discount_rules_discount_type_check
        CHECK (discount_type IN ('PERCENT','FLAT')),
    CONSTRAINT discount_rules_scope_id_required_check
        CHECK (scope_type = 'GLOBAL' OR scope_id IS NOT NULL),
    CONSTRAINT discount_rules_percent_range_check
        CHECK (discount_type <> 'PERCENT' OR discount_value <= 100),
    CONSTRAINT discount_rules_window_check CHECK (ends_at IS NULL OR ends_at > starts_at)
);
CREATE INDEX discount_rules_scope_idx ON discount_rules (scope_type, scope_id);

-- ---------------------------------------------------------------------------
-- tax_rules (tax_rate is a percentage, e.g. 18.00)
-- ---------------------------------------------------------------------------
CREATE TABLE tax_rules (
    id         UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name       TEXT NOT NULL,
    tax_type   TEXT NOT NULL DEFAULT 'GST',
    tax_rate   NUMERIC(5,2) NOT NULL CHECK (tax_rate >= 0 AND tax_rate <= 100),
    applies_to TEXT NOT NULL,
    is_active  BOOLEAN NOT NULL DEFAULT true,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT tax_rules_tax_type_check CHECK (tax_type IN ('GST','TCS'))
);
