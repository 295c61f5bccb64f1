-- 0017_checkout: what checkout needs of the finance tables (issue 13).
--
-- * pricing_packages: contact-view packs; prices stay in paise BEFORE GST.
-- * tax_rules: GST per package type with its SAC code (one rule per type).
-- * discount_rules: a CATEGORY rule names a package type (package_type), a SERVICE rule
--   one package (scope_id).
-- * orders: a readable number, the buyer's billing details (name, state = place of
--   supply, optional GSTIN), the discount rule and coupon used, the GST split and rate,
--   and when an unpaid order lapses.
-- * order_items: what the package gave at purchase time, so later catalogue edits never
--   change an order.
-- * payment_gateway_configs: the local SANDBOX gateway, and one active gateway at most.
-- * runtime_configs (billing): the supplier printed on invoices.

-- ---------------------------------------------------------------------------
-- packages
-- ---------------------------------------------------------------------------
INSERT INTO pricing_packages (name, description, package_type, price_inr,
                              tracecoins_included, validity_days, credits_included) VALUES
    ('10 Contact Views', 'See the phone and e-mail of 10 professionals, within 30 days.',
     'CONTACT_VIEWS', 29900, 0, 30, 10),
    ('50 Contact Views', 'See the phone and e-mail of 50 professionals, within 90 days.',
     'CONTACT_VIEWS', 99900, 0, 90, 50);

-- ---------------------------------------------------------------------------
-- tax_rules
-- ---------------------------------------------------------------------------
ALTER TABLE tax_rules
    ADD COLUMN package_type TEXT,
    ADD COLUMN sac_code TEXT,
    ADD CONSTRAINT tax_rules_package_type_check
        CHECK (package_type IS NULL OR package_type IN ('JOB_POSTING','CONTACT_VIEWS','TRACECOIN_BUNDLE')),
    ADD CONSTRAINT tax_rules_sac_code_check CHECK (sac_code IS NULL OR sac_code ~ '^99[0-9]{4}$');
-- One active GST rule per package type.
CREATE UNIQUE INDEX tax_rules_active_gst_package_type_key
    ON tax_rules (package_type) WHERE is_active AND tax_type = 'GST';
UPDATE tax_rules SET package_type = 'TRACECOIN_BUNDLE', sac_code = '998599',
                     name = 'GST 18% on tracecoin bundles'
 WHERE tax_type = 'GST' AND name = 'GST 18%';
INSERT INTO tax_rules (name, tax_type, tax_rate, applies_to, package_type, sac_code) VALUES
    ('GST 18% on job postings',  'GST', 18.00, 'SERVICES', 'JOB_POSTING',   '998365'),
    ('GST 18% on contact views', 'GST', 18.00, 'SERVICES', 'CONTACT_VIEWS', '998439');

-- ---------------------------------------------------------------------------
-- discount_rules
-- ---------------------------------------------------------------------------
ALTER TABLE discount_rules
    ADD COLUMN package_type TEXT,
    DROP CONSTRAINT discount_rules_scope_id_required_check,
    ADD CONSTRAINT discount_rules_package_type_check
        CHECK (package_type IS NULL OR package_type IN ('JOB_POSTING','CONTACT_VIEWS','TRACECOIN_BUNDLE')),
    ADD CONSTRAINT discount_rules_scope_check CHECK (
        (scope_type = 'GLOBAL'   AND scope_id IS NULL     AND package_type IS NULL) OR
        (scope_type = 'CATEGORY' AND package_type IS NOT NULL) OR
        (scope_type = 'SERVICE'  AND scope_id IS NOT NULL)
    );
CREATE INDEX discount_rules_active_idx ON discount_rules (starts_at) WHERE is_active;

-- ---------------------------------------------------------------------------
-- coupons: one use per person unless the coupon says otherwise
-- ---------------------------------------------------------------------------
ALTER TABLE coupons
    ADD COLUMN uses_per_user INTEGER DEFAULT 1,
    ADD COLUMN package_type TEXT,
    ADD CONSTRAINT coupons_uses_per_user_check CHECK (uses_per_user IS NULL OR uses_per_user > 0),
    ADD CONSTRAINT coupons_package_type_check
        CHECK (package_type IS NULL OR package_type IN ('JOB_POSTING','CONTACT_VIEWS','TRACECOIN_BUNDLE'));
CREATE INDEX coupon_redemptions_coupon_id_user_id_idx ON coupon_redemptions (coupon_id, user_id);

-- ---------------------------------------------------------------------------
-- orders / order_items
-- ---------------------------------------------------------------------------
CREATE SEQUENCE order_number_seq START 1001;

ALTER TABLE orders
    ADD COLUMN order_number TEXT,
    ADD COLUMN billing_name TEXT,
    ADD COLUMN billing_state_code TEXT,
    ADD COLUMN billing_gstin TEXT,
    ADD COLUMN supplier_state_code TEXT,
    ADD COLUMN discount_rule_id UUID REFERENCES discount_rules(id),
    ADD COLUMN rule_discount_inr BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN coupon_id UUID REFERENCES coupons(id),
    ADD COLUMN coupon_discount_inr BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN taxable_inr BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN cgst_inr BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN sgst_inr BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN igst_inr BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN tax_rate_bp INTEGER NOT NULL DEFAULT 0,
    -- where the buyer was when they ran short (a lead, a job form, a profile): back there
    -- after paying. A path on this site only.
    ADD COLUMN return_path TEXT,
    ADD COLUMN expires_at TIMESTAMPTZ,
    ADD COLUMN completed_at TIMESTAMPTZ,
    ADD CONSTRAINT orders_order_number_key UNIQUE (order_number),
    ADD CONSTRAINT orders_billing_state_code_check
        CHECK (billing_state_code IS NULL OR billing_state_code ~ '^[0-9]{2}$'),
    ADD CONSTRAINT orders_billing_gstin_check
        CHECK (billing_gstin IS NULL OR billing_gstin ~ '^[0-9]{2}[A-Z0-9]{13}$'),
    ADD CONSTRAINT orders_return_path_check
        CHECK (return_path IS NULL OR (return_path ~ '^/[^/\\]' AND length(return_path) <= 300)),
    ADD CONSTRAINT orders_money_check CHECK (
        rule_discount_inr >= 0 AND coupon_discount_inr >= 0
        AND discount_inr = rule_discount_inr + coupon_discount_inr
        AND taxable_inr = subtotal_inr - discount_inr
        AND tax_inr = cgst_inr + sgst_inr + igst_inr
        AND total_inr = taxable_inr + tax_inr
    );
CREATE INDEX orders_pending_expires_at_idx ON orders (expires_at) WHERE status = 'PENDING';
CREATE INDEX orders_coupon_id_idx ON orders (coupon_id);
CREATE INDEX orders_discount_rule_id_idx ON orders (discount_rule_id);

ALTER TABLE order_items
    ADD COLUMN package_type TEXT,
    ADD COLUMN tracecoins_included INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN credits_included INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN validity_days INTEGER,
    ADD COLUMN sac_code TEXT,
    ADD CONSTRAINT order_items_total_check CHECK (total_price_inr = unit_price_inr * quantity);

-- ---------------------------------------------------------------------------
-- payment_gateway_configs
-- ---------------------------------------------------------------------------
ALTER TABLE payment_gateway_configs
    DROP CONSTRAINT payment_gateway_configs_gateway_key_check,
    ADD CONSTRAINT payment_gateway_configs_gateway_key_check
        CHECK (gateway_key IN ('SANDBOX','RAZORPAY','STRIPE')),
    -- API secrets and webhook secrets, encrypted with NXG_SECRETS_KEY; never sent back.
    ADD COLUMN secrets_encrypted BYTEA,
    ADD COLUMN updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    ADD CONSTRAINT payment_gateway_configs_gateway_key_key UNIQUE (gateway_key);
CREATE UNIQUE INDEX payment_gateway_configs_one_active_key
    ON payment_gateway_configs ((true)) WHERE is_active;
CREATE TRIGGER trg_payment_gateway_configs_updated_at BEFORE UPDATE ON payment_gateway_configs
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
INSERT INTO payment_gateway_configs (gateway_key, display_name, config_json, is_active) VALUES
    ('SANDBOX',  'Sandbox (local test payments)', '{}', true),
    ('RAZORPAY', 'Razorpay', '{}', false),
    ('STRIPE',   'Stripe',   '{}', false);

-- ---------------------------------------------------------------------------
-- the supplier on every invoice, and how long an unpaid order waits
-- ---------------------------------------------------------------------------
INSERT INTO runtime_configs (config_group, config_key, config_value_json, description) VALUES
    ('billing', 'supplier_name',        '"Nxtgauge Technologies Private Limited"', 'Legal name printed on invoices.'),
    ('billing', 'supplier_address',     '"4th Floor, 80 Feet Road, Koramangala, Bengaluru 560034, Karnataka"', 'Registered address printed on invoices.'),
    ('billing', 'supplier_gstin',       '"29AAHCN4417K1Z4"', 'GSTIN printed on invoices; its state decides CGST+SGST or IGST.'),
    ('billing', 'order_expiry_minutes', '60', 'An unpaid order is cancelled after this many minutes.');

-- ---------------------------------------------------------------------------
-- payments: the gateway's own order reference; webhook events seen (de-duplication)
-- ---------------------------------------------------------------------------
ALTER TABLE payments
    ADD COLUMN provider_order_ref TEXT,
    ADD COLUMN failure_reason TEXT;
CREATE UNIQUE INDEX payments_provider_order_ref_key
    ON payments (payment_gateway_config_id, provider_order_ref) WHERE provider_order_ref IS NOT NULL;
CREATE INDEX payments_pending_idx ON payments (initiated_at) WHERE status = 'PENDING';

CREATE TABLE payment_webhook_events (
    id          UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    gateway_key TEXT NOT NULL,
    event_id    TEXT NOT NULL,
    payment_id  UUID REFERENCES payments(id),
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT payment_webhook_events_gateway_key_event_id_key UNIQUE (gateway_key, event_id)
);
CREATE INDEX payment_webhook_events_payment_id_idx ON payment_webhook_events (payment_id);

-- A purchase gives its credits once.
CREATE UNIQUE INDEX package_credits_purchase_key
    ON package_credits (order_id, pricing_package_id) WHERE source = 'PURCHASE';

-- ---------------------------------------------------------------------------
-- The sandbox gateway's own books (it stands in for Razorpay's or Stripe's servers).
-- ---------------------------------------------------------------------------
CREATE TABLE sandbox_gateway_orders (
    id          TEXT PRIMARY KEY,                 -- sbo_…
    receipt     TEXT NOT NULL,                    -- our payment id
    amount      BIGINT NOT NULL CHECK (amount > 0),
    currency    TEXT NOT NULL DEFAULT 'INR',
    status      TEXT NOT NULL DEFAULT 'CREATED',
    payment_ref TEXT,                             -- sbp_… once paid or failed
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT sandbox_gateway_orders_status_check CHECK (status IN ('CREATED','PAID','FAILED')),
    CONSTRAINT sandbox_gateway_orders_receipt_key UNIQUE (receipt)
);
CREATE TRIGGER trg_sandbox_gateway_orders_updated_at BEFORE UPDATE ON sandbox_gateway_orders
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
