-- 0018_invoices: GST tax invoices (CGST Rules, rule 46), issued when a payment settles.
--
-- The number is NXG + the financial year (2627 for April 2026 – March 2027) + a serial of
-- six digits: NXG2627000042, 13 characters (the rule allows 16). invoice_sequences holds
-- the last serial of each year; issuing takes the next one with an upsert whose row lock
-- lasts until the payment's transaction commits, so a rolled-back settle gives its
-- number back and the series has no gaps.
CREATE TABLE invoice_sequences (
    financial_year TEXT PRIMARY KEY,
    last_number    INTEGER NOT NULL CHECK (last_number > 0),
    CONSTRAINT invoice_sequences_financial_year_check CHECK (financial_year ~ '^[0-9]{4}$')
);

ALTER TABLE invoices
    ADD COLUMN financial_year TEXT,
    ADD COLUMN serial_number INTEGER,
    ADD COLUMN supplier_name TEXT,
    ADD COLUMN supplier_address TEXT,
    ADD COLUMN supplier_gstin TEXT,
    ADD COLUMN supplier_state_code TEXT,
    ADD COLUMN buyer_name TEXT,
    ADD COLUMN buyer_gstin TEXT,
    ADD COLUMN place_of_supply TEXT,
    ADD COLUMN taxable_inr BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN cgst_inr BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN sgst_inr BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN igst_inr BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN tax_rate_bp INTEGER NOT NULL DEFAULT 0,
    ADD CONSTRAINT invoices_financial_year_serial_key UNIQUE (financial_year, serial_number),
    ADD CONSTRAINT invoices_order_id_key UNIQUE (order_id),
    ADD CONSTRAINT invoices_invoice_number_length_check CHECK (length(invoice_number) <= 16),
    ADD CONSTRAINT invoices_money_check CHECK (
        taxable_inr = subtotal_inr - discount_inr
        AND tax_inr = cgst_inr + sgst_inr + igst_inr
        AND total_inr = taxable_inr + tax_inr
    );

-- The lines of an invoice are its order's lines (order_items, snapshots at purchase).

-- ---------------------------------------------------------------------------
-- e-mails when a payment settles
-- ---------------------------------------------------------------------------
INSERT INTO notification_templates (template_key, channel, title_template, body_template) VALUES
('payment_succeeded', 'EMAIL', 'Payment received: order {{order}}',
$body$Hi {{name}},

We received your payment of {{amount}} for order {{order}}:
{{what}}. It is in your account now.

Your GST invoice {{invoice}} and the order:

{{link}}

The Nxtgauge team
$body$),
('payment_failed', 'EMAIL', 'Your payment for order {{order}} did not go through',
$body$Hi {{name}},

Your payment of {{amount}} for order {{order}} did not go through,
and nothing was charged to your Nxtgauge account. You can try
again from the order:

{{link}}

The Nxtgauge team
$body$);
