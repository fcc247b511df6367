-- Issue 12 item 13: a move (pindah) proposal. The village a resident of another village of the
-- kabupaten now lives in proposes to move the resident (or their whole household) there; its
-- facilitator verifies it at the new home, the kabupaten approves it, and approval moves the
-- records to the new village.
ALTER TABLE proposals DROP CONSTRAINT proposals_type_check;
ALTER TABLE proposals ADD CONSTRAINT proposals_type_check CHECK (type IN ('new', 'change', 'deactivate', 'move'));
COMMENT ON COLUMN proposals.type IS 'new (registration), change, deactivate, or move (pindah: changes holds the destination villageCode, address, rt, rw; village_code is the destination village).';
