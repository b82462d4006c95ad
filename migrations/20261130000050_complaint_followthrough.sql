-- The rule's follow-through (二(二)4–6, 二(三)): an improvement action belongs to a department and
-- a person; an action verified ineffective is followed by a new action; a minor complaint records
-- whether a corrective action is needed and why not; who verified and who closed, by account.
ALTER TABLE complaint_action ADD COLUMN owner_department_id INTEGER REFERENCES department (id);
ALTER TABLE complaint_action ADD COLUMN owner_user_id INTEGER REFERENCES app_user (id);
ALTER TABLE complaint_action ADD COLUMN follows_action_id INTEGER REFERENCES complaint_action (id);
ALTER TABLE complaint_action ADD COLUMN verified_by_id INTEGER REFERENCES app_user (id);

ALTER TABLE complaint ADD COLUMN corrective_needed INTEGER CHECK (corrective_needed IN (0, 1));
ALTER TABLE complaint ADD COLUMN no_corrective_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE complaint ADD COLUMN closed_by TEXT NOT NULL DEFAULT '';

-- Registration as the 客户投诉登记表 has it: samples or returned goods, the reply deadline, and
-- each line's product name and specification.
ALTER TABLE complaint ADD COLUMN samples TEXT NOT NULL DEFAULT '';
ALTER TABLE complaint ADD COLUMN reply_by TEXT;   -- local date 'YYYY-MM-DD'
ALTER TABLE complaint_line ADD COLUMN product_name TEXT NOT NULL DEFAULT '';
ALTER TABLE complaint_line ADD COLUMN specification TEXT NOT NULL DEFAULT '';

-- Past registers imported from Excel: marked 历史导入 with the file they came from, and a note
-- (e.g. that a serious complaint imported as closed was signed off on paper).
ALTER TABLE complaint ADD COLUMN imported_from TEXT NOT NULL DEFAULT '';
ALTER TABLE complaint ADD COLUMN import_note TEXT NOT NULL DEFAULT '';
