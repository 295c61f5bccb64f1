-- 0013_review_templates: the e-mails staff decisions send (profile and company
-- approval, verification outcomes and requests for more documents).
--
-- Plain text, {{placeholder}} syntax (server::mail::render), lines under 70
-- characters, links on their own line. Placeholders:
--   {{name}}     the recipient's display name (added by server::notify)
--   {{role}}     the profile's role label ("Photographer")
--   {{company}}  the company name
--   {{remarks}}  the reviewer's remarks
--   {{link}}     where to act, an absolute URL (added by server::notify)

INSERT INTO notification_templates (template_key, channel, title_template, body_template) VALUES
('profile_approved', 'EMAIL', 'Your {{role}} profile is approved',
$body$Hi {{name}},

Good news: our team approved your {{role}} profile on Nxtgauge.
Customers can now find it in search and send you leads.

{{remarks}}

See your profile:

{{link}}

The Nxtgauge team
$body$),
('profile_rejected', 'EMAIL', 'Your {{role}} profile needs changes',
$body$Hi {{name}},

Our team reviewed your {{role}} profile on Nxtgauge and could
not approve it yet. What the reviewer said:

{{remarks}}

Make the changes and submit the profile again:

{{link}}

The Nxtgauge team
$body$),
('company_approved', 'EMAIL', 'Your company profile is approved',
$body$Hi {{name}},

Good news: our team approved the Nxtgauge company profile of
{{company}}. You can now post jobs and hire professionals.

{{remarks}}

Open your company profile:

{{link}}

The Nxtgauge team
$body$),
('company_rejected', 'EMAIL', 'Your company profile needs changes',
$body$Hi {{name}},

Our team reviewed the Nxtgauge company profile of {{company}}
and could not approve it yet. What the reviewer said:

{{remarks}}

Make the changes and submit the profile again:

{{link}}

The Nxtgauge team
$body$),
('verification_approved', 'EMAIL', 'Your {{role}} profile is verified',
$body$Hi {{name}},

Our team checked your documents: your {{role}} profile on
Nxtgauge now shows the Verified badge.

{{remarks}}

See your verification:

{{link}}

The Nxtgauge team
$body$),
('verification_rejected', 'EMAIL', 'We could not verify your {{role}} profile',
$body$Hi {{name}},

Our team reviewed your verification request for your {{role}}
profile and could not verify it. What the reviewer said:

{{remarks}}

You can start a new request with clearer or different
documents:

{{link}}

The Nxtgauge team
$body$),
('verification_documents_requested', 'EMAIL', 'More documents needed to verify your {{role}} profile',
$body$Hi {{name}},

Our team is reviewing your verification request for your
{{role}} profile and needs more from you:

{{remarks}}

Upload the documents here; your request stays open:

{{link}}

The Nxtgauge team
$body$);
