-- A resident withdraws one consent, or the sharing with one partner only (UU 27/2022 art. 9):
-- the share_with_partners consent of a case stays for the other partners.
CREATE TABLE consent_partner_withdrawals (
  consent_id      uuid NOT NULL REFERENCES case_consents (id),
  organization_id uuid NOT NULL REFERENCES organizations (id),
  kab_code        char(4) NOT NULL,
  note            text NOT NULL,
  withdrawn_at    timestamptz NOT NULL DEFAULT now(),
  withdrawn_by    uuid REFERENCES users (id),
  PRIMARY KEY (consent_id, organization_id)
);
COMMENT ON TABLE consent_partner_withdrawals IS 'Sharing with one partner organization withdrawn from a share_with_partners consent: that partner''s referrals of the case share no personal field, their links are revoked, and no new referral of the case goes to it.';
