-- How many complaints name each customer, kept by triggers: a complaint search counts the
-- complaints of the customers whose name matches by adding these up (one row per matching
-- customer) instead of visiting every one of their complaints.
ALTER TABLE customer ADD COLUMN complaint_count INTEGER NOT NULL DEFAULT 0;

UPDATE customer SET complaint_count = (SELECT count(*) FROM complaint WHERE complaint.customer_id = customer.id);

CREATE TRIGGER customer_complaint_count_insert AFTER INSERT ON complaint BEGIN
    UPDATE customer SET complaint_count = complaint_count + 1 WHERE id = NEW.customer_id;
END;

CREATE TRIGGER customer_complaint_count_delete AFTER DELETE ON complaint BEGIN
    UPDATE customer SET complaint_count = complaint_count - 1 WHERE id = OLD.customer_id;
END;

CREATE TRIGGER customer_complaint_count_move AFTER UPDATE OF customer_id ON complaint
WHEN OLD.customer_id <> NEW.customer_id BEGIN
    UPDATE customer SET complaint_count = complaint_count - 1 WHERE id = OLD.customer_id;
    UPDATE customer SET complaint_count = complaint_count + 1 WHERE id = NEW.customer_id;
END;
