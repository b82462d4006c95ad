-- Workers (issue 10): a person from another unit than the engagement's is put on its roster only
-- with a note saying why (otherwise a hidden 转包 shows only at the gate).
ALTER TABLE contractor_roster ADD COLUMN unit_note TEXT NOT NULL DEFAULT '';
