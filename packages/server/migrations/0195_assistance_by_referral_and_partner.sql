-- The partner's workspace lists what it delivered against one referral, and everything its
-- organization delivered (issue 15 item 5).
CREATE INDEX assistance_deliveries_referral_idx ON assistance_deliveries (referral_id) WHERE referral_id IS NOT NULL;
CREATE INDEX assistance_deliveries_organization_idx ON assistance_deliveries (organization_id, delivered_on DESC) WHERE organization_id IS NOT NULL;
