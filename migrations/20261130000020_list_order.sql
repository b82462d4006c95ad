-- Lists in the order users read them: complaints newest received first, or by 程度, 不良数 or 状态
-- (each with the received time and then the id breaking ties); customers by 建档时间, 编号 or
-- 名称. Every order offered is an index walked from one end, so page 1 and page 50 cost the same
-- at a million rows. The id is the last column of every SQLite index, so (k, received_at) also
-- orders by (k, received_at, id).

-- Ranks in the workflow's order and by degree, so 状态 and 程度 sort as users read them and
-- filter through the same indexes. The core's State::rank / Severity::rank say the same (tested).
ALTER TABLE complaint ADD COLUMN state_rank INTEGER GENERATED ALWAYS AS (
    CASE state
        WHEN 'registered' THEN 1 WHEN 'analysing' THEN 2 WHEN 'explained' THEN 3 WHEN 'filed' THEN 4
        WHEN 'approval' THEN 5 WHEN 'implementing' THEN 6 WHEN 'verifying' THEN 7 WHEN 'closed' THEN 8
        WHEN 'cancelled' THEN 9 ELSE 0
    END) VIRTUAL;
ALTER TABLE complaint ADD COLUMN severity_rank INTEGER GENERATED ALWAYS AS (
    CASE severity WHEN 'minor' THEN 1 WHEN 'serious' THEN 2 WHEN 'major' THEN 3 ELSE 0 END) VIRTUAL;

-- 不良数: the sum over the product lines, kept on the complaint by triggers so it can be indexed.
ALTER TABLE complaint ADD COLUMN defective_quantity INTEGER NOT NULL DEFAULT 0;
UPDATE complaint SET defective_quantity =
    (SELECT coalesce(sum(l.defective_quantity), 0) FROM complaint_line l WHERE l.complaint_id = complaint.id);
CREATE TRIGGER complaint_line_defective_insert AFTER INSERT ON complaint_line BEGIN
    UPDATE complaint SET defective_quantity = defective_quantity + new.defective_quantity WHERE id = new.complaint_id;
END;
CREATE TRIGGER complaint_line_defective_delete AFTER DELETE ON complaint_line BEGIN
    UPDATE complaint SET defective_quantity = defective_quantity - old.defective_quantity WHERE id = old.complaint_id;
END;
CREATE TRIGGER complaint_line_defective_update AFTER UPDATE OF defective_quantity, complaint_id ON complaint_line BEGIN
    UPDATE complaint SET defective_quantity = defective_quantity - old.defective_quantity WHERE id = old.complaint_id;
    UPDATE complaint SET defective_quantity = defective_quantity + new.defective_quantity WHERE id = new.complaint_id;
END;

-- The filters' indexes, now in received order (they served id order).
DROP INDEX complaint_state;
DROP INDEX complaint_severity;
DROP INDEX complaint_category;
DROP INDEX complaint_customer;
DROP INDEX complaint_open;
DROP INDEX complaint_open_category;
CREATE INDEX complaint_state_received ON complaint (state_rank, received_at);
CREATE INDEX complaint_severity_received ON complaint (severity_rank, received_at);
CREATE INDEX complaint_defective_received ON complaint (defective_quantity, received_at);
CREATE INDEX complaint_category_received ON complaint (category, received_at);
CREATE INDEX complaint_customer_received ON complaint (customer_id, received_at);
-- The WHERE clause must match the list query's text exactly for SQLite to use these.
CREATE INDEX complaint_open_received ON complaint (received_at) WHERE state NOT IN ('closed', 'cancelled');
CREATE INDEX complaint_open_category_received ON complaint (category, received_at)
    WHERE state NOT IN ('closed', 'cancelled');

CREATE INDEX customer_created ON customer (created_at);
CREATE INDEX customer_name ON customer (name);
