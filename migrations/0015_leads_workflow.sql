-- 0015_leads_workflow: what the lead workflow keeps beyond the spec's columns.
--
-- leads: when an OPEN lead stops taking responses (expires_at), when and why it closed
-- (CLOSED by the customer, WITHDRAWN by the customer, EXPIRED by the sweep, FAKE by
-- staff), the reviewer's remarks when it was sent back, and the professional a
-- "request a quote" was addressed to.
ALTER TABLE leads
    ADD COLUMN expires_at           TIMESTAMPTZ,
    ADD COLUMN closed_at            TIMESTAMPTZ,
    ADD COLUMN close_reason         TEXT,
    ADD COLUMN review_remarks       TEXT,
    ADD COLUMN requested_profile_id UUID REFERENCES user_role_profiles(id) ON DELETE SET NULL,
    ADD CONSTRAINT leads_close_reason_check
        CHECK (close_reason IN ('CLOSED','WITHDRAWN','EXPIRED','FAKE')),
    ADD CONSTRAINT leads_closed_has_reason_check
        CHECK ((status = 'CLOSED') = (close_reason IS NOT NULL AND closed_at IS NOT NULL)),
    ADD CONSTRAINT leads_open_has_expiry_check
        CHECK (status <> 'OPEN' OR (expires_at IS NOT NULL AND approved_at IS NOT NULL));
-- The professionals' feed: OPEN leads of a profession, newest first.
CREATE INDEX leads_open_feed_idx ON leads (profession_key, approved_at DESC, id) WHERE status = 'OPEN';
-- The expiry sweep.
CREATE INDEX leads_open_expires_at_idx ON leads (expires_at) WHERE status = 'OPEN';
CREATE INDEX leads_requested_profile_id_idx ON leads (requested_profile_id);

-- lead_requests: what the professional paid (tracecoins) and quoted (whole rupees),
-- when the customer first read it, when it was accepted or rejected, its refund (once,
-- with the reason), and its conversation.
ALTER TABLE lead_requests
    ADD COLUMN price_tracecoins INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN quote_inr        INTEGER,
    ADD COLUMN opened_at        TIMESTAMPTZ,
    ADD COLUMN decided_at       TIMESTAMPTZ,
    ADD COLUMN refunded_at      TIMESTAMPTZ,
    ADD COLUMN refund_reason    TEXT,
    ADD COLUMN conversation_id  UUID REFERENCES conversations(id) ON DELETE SET NULL,
    ADD CONSTRAINT lead_requests_price_tracecoins_check CHECK (price_tracecoins >= 0),
    ADD CONSTRAINT lead_requests_quote_inr_check CHECK (quote_inr > 0),
    ADD CONSTRAINT lead_requests_refund_reason_check
        CHECK (refund_reason IN ('REJECTED_UNREAD','NOT_OPENED','WITHDRAWN','EXPIRED','FAKE')),
    ADD CONSTRAINT lead_requests_refund_complete_check
        CHECK ((refunded_at IS NULL) = (refund_reason IS NULL)),
    ADD CONSTRAINT lead_requests_decided_check
        CHECK ((status = 'PENDING') = (decided_at IS NULL));
-- The unopened-response sweep.
CREATE INDEX lead_requests_unopened_idx ON lead_requests (requested_at)
    WHERE status = 'PENDING' AND opened_at IS NULL AND refunded_at IS NULL;
CREATE INDEX lead_requests_conversation_id_idx ON lead_requests (conversation_id);
-- A professional's own responses, newest first.
CREATE INDEX lead_requests_profile_requested_at_idx ON lead_requests (user_role_profile_id, requested_at DESC);

-- The inbox: a user's conversations by last activity.
CREATE INDEX conversations_updated_at_idx ON conversations (updated_at DESC);

INSERT INTO runtime_configs (config_group, config_key, config_value_json, description) VALUES
    ('leads', 'response_price_tracecoins',
     '{"default": 10, "photographer": 15, "developer": 20, "catering_service": 15, "video_editor": 12, "tutor": 8, "fitness_trainer": 8}',
     'Tracecoins a professional pays to respond to a lead, by profession ("default" for the rest).'),
    ('leads', 'expiry_days',           '14', 'An approved lead takes responses for this many days.'),
    ('leads', 'unopened_refund_hours', '48', 'A response the customer has not opened within this many hours is refunded.');

-- E-mails of the lead workflow and messages. Placeholders as in 0013, plus
--   {{lead}}   the lead's title
--   {{amount}} tracecoins
--   {{reason}} why a refund was made
--   {{sender}} who wrote a message
INSERT INTO notification_templates (template_key, channel, title_template, body_template) VALUES
('lead_approved', 'EMAIL', 'Your request "{{lead}}" is live',
$body$Hi {{name}},

Our team approved your request "{{lead}}". Professionals
can now see it and respond. We will tell you as responses
arrive.

{{remarks}}

See your request:

{{link}}

The Nxtgauge team
$body$),
('lead_rejected', 'EMAIL', 'Your request "{{lead}}" needs changes',
$body$Hi {{name}},

Our team reviewed your request "{{lead}}" and could not
publish it yet:

{{remarks}}

Edit it and send it again:

{{link}}

The Nxtgauge team
$body$),
('lead_matching', 'EMAIL', 'New request: {{lead}}',
$body$Hi {{name}},

A customer near you needs a professional like you:
"{{lead}}".

Responding costs {{amount}} tracecoins. If the customer does
not open your response, you get them back.

See the request:

{{link}}

The Nxtgauge team
$body$),
('lead_response_received', 'EMAIL', 'New response to "{{lead}}"',
$body$Hi {{name}},

{{sender}} responded to your request "{{lead}}".
Compare the responses and accept the one you like:

{{link}}

The Nxtgauge team
$body$),
('lead_response_accepted', 'EMAIL', 'Your response to "{{lead}}" was accepted',
$body$Hi {{name}},

The customer accepted your response to "{{lead}}".
Their contact details are now visible in your conversation:

{{link}}

The Nxtgauge team
$body$),
('lead_response_rejected', 'EMAIL', 'Your response to "{{lead}}" was declined',
$body$Hi {{name}},

The customer chose another professional for "{{lead}}".

{{remarks}}

See more requests:

{{link}}

The Nxtgauge team
$body$),
('lead_refund', 'EMAIL', '{{amount}} tracecoins refunded',
$body$Hi {{name}},

We returned {{amount}} tracecoins to your wallet for your
response to "{{lead}}": {{reason}}

See your wallet:

{{link}}

The Nxtgauge team
$body$),
('new_message', 'EMAIL', 'New message from {{sender}}',
$body$Hi {{name}},

{{sender}} sent you a message on Nxtgauge.
Read and reply:

{{link}}

The Nxtgauge team
$body$);
