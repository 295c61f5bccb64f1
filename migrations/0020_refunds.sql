-- 0020_refunds: finance staff refund a captured payment, in full or in part, through its
-- gateway; each refund issues a GST credit note with its own gapless number per
-- financial year and takes back what the refunded share delivered (issue 13).

-- ---------------------------------------------------------------------------
-- payments: how much of the captured amount has gone back
-- ---------------------------------------------------------------------------
ALTER TABLE payments
    ADD COLUMN refunded_inr BIGINT NOT NULL DEFAULT 0,
    ADD CONSTRAINT payments_refunded_inr_check
        CHECK (refunded_inr >= 0 AND refunded_inr <= amount_inr);

-- A refund is one more request to the gateway.
ALTER TABLE payment_transactions
    DROP CONSTRAINT payment_transactions_transaction_type_check,
    ADD CONSTRAINT payment_transactions_transaction_type_check
        CHECK (transaction_type IN ('INITIATED','COMPLETED','FAILED','REFUND'));

-- A fully refunded order is REFUNDED (it only moves forward from COMPLETED).
ALTER TABLE orders
    DROP CONSTRAINT orders_status_check,
    ADD CONSTRAINT orders_status_check
        CHECK (status IN ('PENDING','COMPLETED','CANCELLED','REFUNDED'));

-- A refund takes unspent credits back from their grant, possibly all of them.
ALTER TABLE package_credits
    DROP CONSTRAINT package_credits_total_check,
    ADD CONSTRAINT package_credits_total_check CHECK (credits_total >= 0);

-- The sandbox gateway keeps what it refunded, as a real one does.
ALTER TABLE sandbox_gateway_orders
    ADD COLUMN refunded BIGINT NOT NULL DEFAULT 0,
    ADD CONSTRAINT sandbox_gateway_orders_refunded_check CHECK (refunded >= 0 AND refunded <= amount);

-- ---------------------------------------------------------------------------
-- credit notes: NXGC + financial year + six-digit serial (NXGC2627000001, 14
-- characters), their own series, issued the way invoice numbers are
-- ---------------------------------------------------------------------------
CREATE TABLE credit_note_sequences (
    financial_year TEXT PRIMARY KEY,
    last_number    INTEGER NOT NULL CHECK (last_number > 0),
    CONSTRAINT credit_note_sequences_financial_year_check CHECK (financial_year ~ '^[0-9]{4}$')
);

CREATE TABLE credit_notes (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    invoice_id          UUID NOT NULL REFERENCES invoices(id),
    order_id            UUID NOT NULL REFERENCES orders(id),
    payment_id          UUID NOT NULL REFERENCES payments(id),
    user_id             UUID NOT NULL REFERENCES users(id),
    credit_note_number  TEXT NOT NULL,
    financial_year      TEXT NOT NULL,
    serial_number       INTEGER NOT NULL,
    taxable_inr         BIGINT NOT NULL CHECK (taxable_inr >= 0),
    cgst_inr            BIGINT NOT NULL DEFAULT 0 CHECK (cgst_inr >= 0),
    sgst_inr            BIGINT NOT NULL DEFAULT 0 CHECK (sgst_inr >= 0),
    igst_inr            BIGINT NOT NULL DEFAULT 0 CHECK (igst_inr >= 0),
    tax_inr             BIGINT NOT NULL CHECK (tax_inr >= 0),
    total_inr           BIGINT NOT NULL CHECK (total_inr > 0),
    -- tracecoins or credits taken back with this refund
    units_taken_back    INTEGER NOT NULL DEFAULT 0 CHECK (units_taken_back >= 0),
    reason              TEXT NOT NULL,  -- 3 to 500 characters (refunds::parse_refund)
    provider_refund_ref TEXT,
    refunded_by_user_id UUID REFERENCES users(id),
    issued_at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT credit_notes_credit_note_number_key UNIQUE (credit_note_number),
    CONSTRAINT credit_notes_financial_year_serial_key UNIQUE (financial_year, serial_number),
    CONSTRAINT credit_notes_number_length_check CHECK (length(credit_note_number) <= 16),
    CONSTRAINT credit_notes_money_check CHECK (
        tax_inr = cgst_inr + sgst_inr + igst_inr AND total_inr = taxable_inr + tax_inr)
);
CREATE INDEX credit_notes_invoice_id_idx ON credit_notes (invoice_id, issued_at);
CREATE INDEX credit_notes_user_id_idx ON credit_notes (user_id, issued_at DESC);
CREATE INDEX credit_notes_payment_id_idx ON credit_notes (payment_id);
CREATE INDEX credit_notes_order_id_idx ON credit_notes (order_id);
CREATE INDEX credit_notes_refunded_by_user_id_idx ON credit_notes (refunded_by_user_id);

-- ---------------------------------------------------------------------------
-- who may refund: a permission of its own (finance staff, admins)
-- ---------------------------------------------------------------------------
INSERT INTO permissions (key, name, description) VALUES
    ('payments.refund', 'Refund payments', 'Refund a captured payment through its gateway and issue a credit note.');

INSERT INTO role_permissions (role_id, permission_key)
SELECT r.id, 'payments.refund' FROM roles r WHERE r.key IN ('SUPER_ADMIN', 'ADMIN', 'FINANCE');

-- ---------------------------------------------------------------------------
-- the buyer hears of it
-- ---------------------------------------------------------------------------
INSERT INTO notification_templates (template_key, channel, title_template, body_template) VALUES
('payment_refunded', 'EMAIL', 'Refund of {{amount}} for order {{order}}',
$body$Hi {{name}},

We have refunded {{amount}} of your payment for order {{order}}.
It reaches your account in 5 to 7 working days, the way you paid.
{{taken}}

Your credit note {{credit_note}} and the order:

{{link}}

The Nxtgauge team
$body$);
