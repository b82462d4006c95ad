-- The monthly complaint-rate and responsibility report (月度客户投诉率及责任归属报表, 售后服务管理制度
-- 二(四)) and the after-sales manager's dashboard.
--
-- Shipments are the rate's denominator. The report itself reads kept monthly totals (tallies),
-- maintained by triggers in the same statement as every change to a complaint, its product lines,
-- its responsibility shares or its contacts: a month of 42,000 complaints is a few hundred tally
-- rows, not 42,000 row look-ups. Months are the company's local months: `report_month` holds the
-- UTC instant each local month starts (filled here for Asia/Shanghai; the core refills it and
-- rebuilds every tally when the time zone setting differs from `report_tally_zone`).
-- A test rebuilds the tallies from the raw rows and compares (core/tests/report.rs).

CREATE TABLE shipment (
    id                INTEGER PRIMARY KEY,
    month             TEXT    NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
    customer_id       INTEGER REFERENCES customer (id),
    part_number       TEXT    NOT NULL DEFAULT '',
    shipped_quantity  INTEGER NOT NULL CHECK (shipped_quantity >= 0),
    shipment_count    INTEGER NOT NULL CHECK (shipment_count >= 0),
    -- Other service contacts (enquiries, requests) of the month, for the share-of-contacts rate.
    service_contacts  INTEGER NOT NULL DEFAULT 0 CHECK (service_contacts >= 0),
    note              TEXT    NOT NULL DEFAULT '',
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL,
    version           INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX shipment_key ON shipment (month, coalesce(customer_id, 0), part_number);

-- Submitted reports (报送): every revision is kept as it was; nothing is changed or removed.
CREATE TABLE report_submission (
    id              INTEGER PRIMARY KEY,
    month           TEXT    NOT NULL,
    revision        INTEGER NOT NULL CHECK (revision >= 1),
    submitted_at    TEXT    NOT NULL,
    submitted_by    INTEGER REFERENCES app_user (id),
    submitter_name  TEXT    NOT NULL,
    deadline_at     TEXT    NOT NULL,
    on_time         INTEGER NOT NULL CHECK (on_time IN (0, 1)),
    reason          TEXT    NOT NULL DEFAULT '',
    snapshot        TEXT    NOT NULL,
    UNIQUE (month, revision)
);
CREATE TRIGGER report_submission_no_update BEFORE UPDATE ON report_submission BEGIN
    SELECT RAISE(ABORT, 'report_submission is append-only');
END;
CREATE TRIGGER report_submission_no_delete BEFORE DELETE ON report_submission BEGIN
    SELECT RAISE(ABORT, 'report_submission is append-only');
END;

-- Local months as UTC instants.
CREATE TABLE report_month (
    starts_at  TEXT NOT NULL PRIMARY KEY,
    month      TEXT NOT NULL
) WITHOUT ROWID;
WITH RECURSIVE m (d) AS (SELECT '1990-01-01' UNION ALL SELECT date(d, '+1 month') FROM m WHERE d < '2099-12-01')
INSERT INTO report_month (starts_at, month)
SELECT strftime('%Y-%m-%dT%H:%M:%fZ', d, '-8 hours'), substr(d, 1, 7) FROM m;
CREATE TABLE report_tally_zone (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    zone  TEXT NOT NULL
);
INSERT INTO report_tally_zone (id, zone) VALUES (1, 'Asia/Shanghai');

-- The first customer contact (the acknowledgement), kept on the complaint for the report's
-- time-to-first-contact and the dashboard's overdue count.
ALTER TABLE complaint ADD COLUMN first_contact_at TEXT;
UPDATE complaint SET first_contact_at =
    (SELECT min(k.contacted_at) FROM complaint_contact k WHERE k.complaint_id = complaint.id);
CREATE TRIGGER complaint_first_contact_insert AFTER INSERT ON complaint_contact BEGIN
    UPDATE complaint SET first_contact_at = new.contacted_at
    WHERE id = new.complaint_id AND (first_contact_at IS NULL OR first_contact_at > new.contacted_at);
END;
CREATE TRIGGER complaint_first_contact_delete AFTER DELETE ON complaint_contact BEGIN
    UPDATE complaint SET first_contact_at =
        (SELECT min(k.contacted_at) FROM complaint_contact k WHERE k.complaint_id = old.complaint_id)
    WHERE id = old.complaint_id;
END;
CREATE TRIGGER complaint_first_contact_update AFTER UPDATE OF contacted_at, complaint_id ON complaint_contact BEGIN
    UPDATE complaint SET first_contact_at =
        (SELECT min(k.contacted_at) FROM complaint_contact k WHERE k.complaint_id = complaint.id)
    WHERE id IN (old.complaint_id, new.complaint_id);
END;

-- Counts and sums by the complaint's own fields (cancelled ones kept apart by their state).
CREATE TABLE report_tally (
    month        TEXT    NOT NULL,
    category     TEXT    NOT NULL,
    severity     TEXT    NOT NULL,
    channel      TEXT    NOT NULL,
    state        TEXT    NOT NULL,
    store_id     INTEGER NOT NULL,   -- 0: not from a store
    cause_code   TEXT    NOT NULL,
    complaints   INTEGER NOT NULL,
    defective    INTEGER NOT NULL,
    claimed_fen  INTEGER NOT NULL,
    agreed_fen   INTEGER NOT NULL,
    PRIMARY KEY (month, category, severity, channel, state, store_id, cause_code)
) WITHOUT ROWID;
-- Per customer (not cancelled), for the customers with the most complaints.
CREATE TABLE report_customer_tally (
    month        TEXT    NOT NULL,
    customer_id  INTEGER NOT NULL,
    complaints   INTEGER NOT NULL,
    defective    INTEGER NOT NULL,
    PRIMARY KEY (month, customer_id)
) WITHOUT ROWID;
CREATE INDEX report_customer_tally_top ON report_customer_tally (month, complaints);
-- Product lines by complaint month, ship month ('' when unknown) and part number.
CREATE TABLE report_line_tally (
    month        TEXT    NOT NULL,
    ship_month   TEXT    NOT NULL,
    part_number  TEXT    NOT NULL,
    live         INTEGER NOT NULL,   -- 0: the complaint is cancelled
    lines        INTEGER NOT NULL,
    defective    INTEGER NOT NULL,
    PRIMARY KEY (month, ship_month, part_number, live)
) WITHOUT ROWID;
CREATE INDEX report_line_tally_ship ON report_line_tally (ship_month, month);
-- Responsibility shares by department (0: a unit or person named in `party`) and cause code;
-- the claim amounts weighted by the share, in fen × percent.
CREATE TABLE report_responsibility_tally (
    month          TEXT    NOT NULL,
    department_id  INTEGER NOT NULL,
    party          TEXT    NOT NULL,
    cause_code     TEXT    NOT NULL,
    live           INTEGER NOT NULL,
    entries        INTEGER NOT NULL,
    share_percent  INTEGER NOT NULL,
    claimed_share  INTEGER NOT NULL,
    agreed_share   INTEGER NOT NULL,
    PRIMARY KEY (month, department_id, party, cause_code, live)
) WITHOUT ROWID;
-- Histograms: minutes to the first contact (-1: none yet) and hours to closing, not cancelled.
CREATE TABLE report_duration_tally (
    month       TEXT    NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('contact', 'close')),
    amount      INTEGER NOT NULL,
    complaints  INTEGER NOT NULL,
    PRIMARY KEY (month, kind, amount)
) WITHOUT ROWID;

-- Lists the report and the dashboard read directly (small ranges).
CREATE INDEX complaint_claim_received ON complaint (received_at) WHERE claimed_fen > 0;
CREATE INDEX complaint_uncontacted_open ON complaint (received_at)
    WHERE first_contact_at IS NULL AND state NOT IN ('closed', 'cancelled');
CREATE INDEX complaint_action_due_all ON complaint_action (due_date);
CREATE INDEX complaint_action_verified ON complaint_action (verified_at) WHERE verified_at IS NOT NULL;
CREATE INDEX complaint_responsibility_complaint_share ON complaint_responsibility (complaint_id, department_id, party, share_percent);

CREATE TRIGGER report_complaint_insert AFTER INSERT ON complaint BEGIN
    INSERT INTO report_tally (month, category, severity, channel, state, store_id, cause_code, complaints, defective, claimed_fen, agreed_fen)
    SELECT (SELECT month FROM report_month WHERE starts_at <= new.received_at ORDER BY starts_at DESC LIMIT 1), new.category, new.severity, new.channel, new.state, coalesce(new.store_id, 0), new.cause_code,
           1, new.defective_quantity, new.claimed_fen, new.agreed_fen WHERE 1
    ON CONFLICT (month, category, severity, channel, state, store_id, cause_code) DO UPDATE SET
        complaints = complaints + excluded.complaints, defective = defective + excluded.defective,
        claimed_fen = claimed_fen + excluded.claimed_fen, agreed_fen = agreed_fen + excluded.agreed_fen;
    INSERT INTO report_customer_tally (month, customer_id, complaints, defective)
    SELECT (SELECT month FROM report_month WHERE starts_at <= new.received_at ORDER BY starts_at DESC LIMIT 1), new.customer_id, 1, new.defective_quantity WHERE (new.state <> 'cancelled')
    ON CONFLICT (month, customer_id) DO UPDATE SET
        complaints = complaints + excluded.complaints, defective = defective + excluded.defective;
    INSERT INTO report_duration_tally (month, kind, amount, complaints)
    SELECT (SELECT month FROM report_month WHERE starts_at <= new.received_at ORDER BY starts_at DESC LIMIT 1), 'contact', CASE WHEN new.first_contact_at IS NULL THEN -1 ELSE max(0, CAST(round((julianday(new.first_contact_at) - julianday(new.received_at)) * 1440) AS INTEGER)) END, 1 WHERE (new.state <> 'cancelled')
    ON CONFLICT (month, kind, amount) DO UPDATE SET complaints = complaints + excluded.complaints;
    INSERT INTO report_duration_tally (month, kind, amount, complaints)
    SELECT (SELECT month FROM report_month WHERE starts_at <= new.received_at ORDER BY starts_at DESC LIMIT 1), 'close', max(0, CAST(round((julianday(new.closed_at) - julianday(new.received_at)) * 1440) AS INTEGER) / 60), 1 WHERE new.state = 'closed' AND new.closed_at IS NOT NULL
    ON CONFLICT (month, kind, amount) DO UPDATE SET complaints = complaints + excluded.complaints;
END;

CREATE TRIGGER report_complaint_delete BEFORE DELETE ON complaint BEGIN
    INSERT INTO report_tally (month, category, severity, channel, state, store_id, cause_code, complaints, defective, claimed_fen, agreed_fen)
    SELECT (SELECT month FROM report_month WHERE starts_at <= old.received_at ORDER BY starts_at DESC LIMIT 1), old.category, old.severity, old.channel, old.state, coalesce(old.store_id, 0), old.cause_code,
           -1, -old.defective_quantity, -old.claimed_fen, -old.agreed_fen WHERE 1
    ON CONFLICT (month, category, severity, channel, state, store_id, cause_code) DO UPDATE SET
        complaints = complaints + excluded.complaints, defective = defective + excluded.defective,
        claimed_fen = claimed_fen + excluded.claimed_fen, agreed_fen = agreed_fen + excluded.agreed_fen;
    INSERT INTO report_customer_tally (month, customer_id, complaints, defective)
    SELECT (SELECT month FROM report_month WHERE starts_at <= old.received_at ORDER BY starts_at DESC LIMIT 1), old.customer_id, -1, -old.defective_quantity WHERE (old.state <> 'cancelled')
    ON CONFLICT (month, customer_id) DO UPDATE SET
        complaints = complaints + excluded.complaints, defective = defective + excluded.defective;
    INSERT INTO report_duration_tally (month, kind, amount, complaints)
    SELECT (SELECT month FROM report_month WHERE starts_at <= old.received_at ORDER BY starts_at DESC LIMIT 1), 'contact', CASE WHEN old.first_contact_at IS NULL THEN -1 ELSE max(0, CAST(round((julianday(old.first_contact_at) - julianday(old.received_at)) * 1440) AS INTEGER)) END, -1 WHERE (old.state <> 'cancelled')
    ON CONFLICT (month, kind, amount) DO UPDATE SET complaints = complaints + excluded.complaints;
    INSERT INTO report_duration_tally (month, kind, amount, complaints)
    SELECT (SELECT month FROM report_month WHERE starts_at <= old.received_at ORDER BY starts_at DESC LIMIT 1), 'close', max(0, CAST(round((julianday(old.closed_at) - julianday(old.received_at)) * 1440) AS INTEGER) / 60), -1 WHERE old.state = 'closed' AND old.closed_at IS NOT NULL
    ON CONFLICT (month, kind, amount) DO UPDATE SET complaints = complaints + excluded.complaints;
    INSERT INTO report_line_tally (month, ship_month, part_number, live, lines, defective)
    SELECT (SELECT month FROM report_month WHERE starts_at <= old.received_at ORDER BY starts_at DESC LIMIT 1), coalesce(substr(l.ship_date, 1, 7), ''), l.part_number, (old.state <> 'cancelled'), -1, -l.defective_quantity
    FROM complaint_line l WHERE l.complaint_id = old.id
    ON CONFLICT (month, ship_month, part_number, live) DO UPDATE SET
        lines = lines + excluded.lines, defective = defective + excluded.defective;
    INSERT INTO report_responsibility_tally (month, department_id, party, cause_code, live, entries, share_percent, claimed_share, agreed_share)
    SELECT (SELECT month FROM report_month WHERE starts_at <= old.received_at ORDER BY starts_at DESC LIMIT 1), coalesce(r.department_id, 0), r.party, old.cause_code, (old.state <> 'cancelled'), -1, -r.share_percent,
           -old.claimed_fen * r.share_percent, -old.agreed_fen * r.share_percent
    FROM complaint_responsibility r WHERE r.complaint_id = old.id
    ON CONFLICT (month, department_id, party, cause_code, live) DO UPDATE SET
        entries = entries + excluded.entries, share_percent = share_percent + excluded.share_percent,
        claimed_share = claimed_share + excluded.claimed_share, agreed_share = agreed_share + excluded.agreed_share;
END;

CREATE TRIGGER report_complaint_update_tally AFTER UPDATE OF received_at, category, severity, channel, state, store_id, cause_code, defective_quantity, claimed_fen, agreed_fen ON complaint
WHEN old.received_at IS NOT new.received_at OR old.category IS NOT new.category OR old.severity IS NOT new.severity OR old.channel IS NOT new.channel OR old.state IS NOT new.state OR old.store_id IS NOT new.store_id OR old.cause_code IS NOT new.cause_code OR old.defective_quantity IS NOT new.defective_quantity OR old.claimed_fen IS NOT new.claimed_fen OR old.agreed_fen IS NOT new.agreed_fen
BEGIN
    INSERT INTO report_tally (month, category, severity, channel, state, store_id, cause_code, complaints, defective, claimed_fen, agreed_fen)
    SELECT (SELECT month FROM report_month WHERE starts_at <= old.received_at ORDER BY starts_at DESC LIMIT 1), old.category, old.severity, old.channel, old.state, coalesce(old.store_id, 0), old.cause_code,
           -1, -old.defective_quantity, -old.claimed_fen, -old.agreed_fen WHERE 1
    ON CONFLICT (month, category, severity, channel, state, store_id, cause_code) DO UPDATE SET
        complaints = complaints + excluded.complaints, defective = defective + excluded.defective,
        claimed_fen = claimed_fen + excluded.claimed_fen, agreed_fen = agreed_fen + excluded.agreed_fen;
    INSERT INTO report_tally (month, category, severity, channel, state, store_id, cause_code, complaints, defective, claimed_fen, agreed_fen)
    SELECT (SELECT month FROM report_month WHERE starts_at <= new.received_at ORDER BY starts_at DESC LIMIT 1), new.category, new.severity, new.channel, new.state, coalesce(new.store_id, 0), new.cause_code,
           1, new.defective_quantity, new.claimed_fen, new.agreed_fen WHERE 1
    ON CONFLICT (month, category, severity, channel, state, store_id, cause_code) DO UPDATE SET
        complaints = complaints + excluded.complaints, defective = defective + excluded.defective,
        claimed_fen = claimed_fen + excluded.claimed_fen, agreed_fen = agreed_fen + excluded.agreed_fen;
END;

CREATE TRIGGER report_complaint_update_customer AFTER UPDATE OF received_at, state, customer_id, defective_quantity ON complaint
WHEN old.received_at IS NOT new.received_at OR old.state IS NOT new.state OR old.customer_id IS NOT new.customer_id OR old.defective_quantity IS NOT new.defective_quantity
BEGIN
    INSERT INTO report_customer_tally (month, customer_id, complaints, defective)
    SELECT (SELECT month FROM report_month WHERE starts_at <= old.received_at ORDER BY starts_at DESC LIMIT 1), old.customer_id, -1, -old.defective_quantity WHERE (old.state <> 'cancelled')
    ON CONFLICT (month, customer_id) DO UPDATE SET
        complaints = complaints + excluded.complaints, defective = defective + excluded.defective;
    INSERT INTO report_customer_tally (month, customer_id, complaints, defective)
    SELECT (SELECT month FROM report_month WHERE starts_at <= new.received_at ORDER BY starts_at DESC LIMIT 1), new.customer_id, 1, new.defective_quantity WHERE (new.state <> 'cancelled')
    ON CONFLICT (month, customer_id) DO UPDATE SET
        complaints = complaints + excluded.complaints, defective = defective + excluded.defective;
END;

CREATE TRIGGER report_complaint_update_duration AFTER UPDATE OF received_at, state, first_contact_at, closed_at ON complaint
WHEN old.received_at IS NOT new.received_at OR old.state IS NOT new.state OR old.first_contact_at IS NOT new.first_contact_at OR old.closed_at IS NOT new.closed_at
BEGIN
    INSERT INTO report_duration_tally (month, kind, amount, complaints)
    SELECT (SELECT month FROM report_month WHERE starts_at <= old.received_at ORDER BY starts_at DESC LIMIT 1), 'contact', CASE WHEN old.first_contact_at IS NULL THEN -1 ELSE max(0, CAST(round((julianday(old.first_contact_at) - julianday(old.received_at)) * 1440) AS INTEGER)) END, -1 WHERE (old.state <> 'cancelled')
    ON CONFLICT (month, kind, amount) DO UPDATE SET complaints = complaints + excluded.complaints;
    INSERT INTO report_duration_tally (month, kind, amount, complaints)
    SELECT (SELECT month FROM report_month WHERE starts_at <= old.received_at ORDER BY starts_at DESC LIMIT 1), 'close', max(0, CAST(round((julianday(old.closed_at) - julianday(old.received_at)) * 1440) AS INTEGER) / 60), -1 WHERE old.state = 'closed' AND old.closed_at IS NOT NULL
    ON CONFLICT (month, kind, amount) DO UPDATE SET complaints = complaints + excluded.complaints;
    INSERT INTO report_duration_tally (month, kind, amount, complaints)
    SELECT (SELECT month FROM report_month WHERE starts_at <= new.received_at ORDER BY starts_at DESC LIMIT 1), 'contact', CASE WHEN new.first_contact_at IS NULL THEN -1 ELSE max(0, CAST(round((julianday(new.first_contact_at) - julianday(new.received_at)) * 1440) AS INTEGER)) END, 1 WHERE (new.state <> 'cancelled')
    ON CONFLICT (month, kind, amount) DO UPDATE SET complaints = complaints + excluded.complaints;
    INSERT INTO report_duration_tally (month, kind, amount, complaints)
    SELECT (SELECT month FROM report_month WHERE starts_at <= new.received_at ORDER BY starts_at DESC LIMIT 1), 'close', max(0, CAST(round((julianday(new.closed_at) - julianday(new.received_at)) * 1440) AS INTEGER) / 60), 1 WHERE new.state = 'closed' AND new.closed_at IS NOT NULL
    ON CONFLICT (month, kind, amount) DO UPDATE SET complaints = complaints + excluded.complaints;
END;

CREATE TRIGGER report_complaint_update_lines AFTER UPDATE OF received_at, state ON complaint
WHEN old.received_at IS NOT new.received_at OR (old.state = 'cancelled') <> (new.state = 'cancelled')
BEGIN
    INSERT INTO report_line_tally (month, ship_month, part_number, live, lines, defective)
    SELECT (SELECT month FROM report_month WHERE starts_at <= old.received_at ORDER BY starts_at DESC LIMIT 1), coalesce(substr(l.ship_date, 1, 7), ''), l.part_number, (old.state <> 'cancelled'), -1, -l.defective_quantity
    FROM complaint_line l WHERE l.complaint_id = old.id
    ON CONFLICT (month, ship_month, part_number, live) DO UPDATE SET
        lines = lines + excluded.lines, defective = defective + excluded.defective;
    INSERT INTO report_line_tally (month, ship_month, part_number, live, lines, defective)
    SELECT (SELECT month FROM report_month WHERE starts_at <= new.received_at ORDER BY starts_at DESC LIMIT 1), coalesce(substr(l.ship_date, 1, 7), ''), l.part_number, (new.state <> 'cancelled'), 1, l.defective_quantity
    FROM complaint_line l WHERE l.complaint_id = new.id
    ON CONFLICT (month, ship_month, part_number, live) DO UPDATE SET
        lines = lines + excluded.lines, defective = defective + excluded.defective;
END;

CREATE TRIGGER report_complaint_update_responsibility AFTER UPDATE OF received_at, state, cause_code, claimed_fen, agreed_fen ON complaint
WHEN old.received_at IS NOT new.received_at OR (old.state = 'cancelled') <> (new.state = 'cancelled')
     OR old.cause_code IS NOT new.cause_code OR old.claimed_fen IS NOT new.claimed_fen OR old.agreed_fen IS NOT new.agreed_fen
BEGIN
    INSERT INTO report_responsibility_tally (month, department_id, party, cause_code, live, entries, share_percent, claimed_share, agreed_share)
    SELECT (SELECT month FROM report_month WHERE starts_at <= old.received_at ORDER BY starts_at DESC LIMIT 1), coalesce(r.department_id, 0), r.party, old.cause_code, (old.state <> 'cancelled'), -1, -r.share_percent,
           -old.claimed_fen * r.share_percent, -old.agreed_fen * r.share_percent
    FROM complaint_responsibility r WHERE r.complaint_id = old.id
    ON CONFLICT (month, department_id, party, cause_code, live) DO UPDATE SET
        entries = entries + excluded.entries, share_percent = share_percent + excluded.share_percent,
        claimed_share = claimed_share + excluded.claimed_share, agreed_share = agreed_share + excluded.agreed_share;
    INSERT INTO report_responsibility_tally (month, department_id, party, cause_code, live, entries, share_percent, claimed_share, agreed_share)
    SELECT (SELECT month FROM report_month WHERE starts_at <= new.received_at ORDER BY starts_at DESC LIMIT 1), coalesce(r.department_id, 0), r.party, new.cause_code, (new.state <> 'cancelled'), 1, r.share_percent,
           new.claimed_fen * r.share_percent, new.agreed_fen * r.share_percent
    FROM complaint_responsibility r WHERE r.complaint_id = new.id
    ON CONFLICT (month, department_id, party, cause_code, live) DO UPDATE SET
        entries = entries + excluded.entries, share_percent = share_percent + excluded.share_percent,
        claimed_share = claimed_share + excluded.claimed_share, agreed_share = agreed_share + excluded.agreed_share;
END;

CREATE TRIGGER report_line_insert AFTER INSERT ON complaint_line BEGIN
    INSERT INTO report_line_tally (month, ship_month, part_number, live, lines, defective)
    SELECT (SELECT month FROM report_month WHERE starts_at <= c.received_at ORDER BY starts_at DESC LIMIT 1), coalesce(substr(new.ship_date, 1, 7), ''), new.part_number, (c.state <> 'cancelled'), 1, new.defective_quantity
    FROM complaint c WHERE c.id = new.complaint_id
    ON CONFLICT (month, ship_month, part_number, live) DO UPDATE SET
        lines = lines + excluded.lines, defective = defective + excluded.defective;
END;

CREATE TRIGGER report_line_delete AFTER DELETE ON complaint_line BEGIN
    INSERT INTO report_line_tally (month, ship_month, part_number, live, lines, defective)
    SELECT (SELECT month FROM report_month WHERE starts_at <= c.received_at ORDER BY starts_at DESC LIMIT 1), coalesce(substr(old.ship_date, 1, 7), ''), old.part_number, (c.state <> 'cancelled'), -1, -old.defective_quantity
    FROM complaint c WHERE c.id = old.complaint_id
    ON CONFLICT (month, ship_month, part_number, live) DO UPDATE SET
        lines = lines + excluded.lines, defective = defective + excluded.defective;
END;

CREATE TRIGGER report_line_update AFTER UPDATE OF complaint_id, ship_date, part_number, defective_quantity ON complaint_line BEGIN
    INSERT INTO report_line_tally (month, ship_month, part_number, live, lines, defective)
    SELECT (SELECT month FROM report_month WHERE starts_at <= c.received_at ORDER BY starts_at DESC LIMIT 1), coalesce(substr(old.ship_date, 1, 7), ''), old.part_number, (c.state <> 'cancelled'), -1, -old.defective_quantity
    FROM complaint c WHERE c.id = old.complaint_id
    ON CONFLICT (month, ship_month, part_number, live) DO UPDATE SET
        lines = lines + excluded.lines, defective = defective + excluded.defective;
    INSERT INTO report_line_tally (month, ship_month, part_number, live, lines, defective)
    SELECT (SELECT month FROM report_month WHERE starts_at <= c.received_at ORDER BY starts_at DESC LIMIT 1), coalesce(substr(new.ship_date, 1, 7), ''), new.part_number, (c.state <> 'cancelled'), 1, new.defective_quantity
    FROM complaint c WHERE c.id = new.complaint_id
    ON CONFLICT (month, ship_month, part_number, live) DO UPDATE SET
        lines = lines + excluded.lines, defective = defective + excluded.defective;
END;

CREATE TRIGGER report_responsibility_insert AFTER INSERT ON complaint_responsibility BEGIN
    INSERT INTO report_responsibility_tally (month, department_id, party, cause_code, live, entries, share_percent, claimed_share, agreed_share)
    SELECT (SELECT month FROM report_month WHERE starts_at <= c.received_at ORDER BY starts_at DESC LIMIT 1), coalesce(new.department_id, 0), new.party, c.cause_code, (c.state <> 'cancelled'), 1, new.share_percent,
           c.claimed_fen * new.share_percent, c.agreed_fen * new.share_percent
    FROM complaint c WHERE c.id = new.complaint_id
    ON CONFLICT (month, department_id, party, cause_code, live) DO UPDATE SET
        entries = entries + excluded.entries, share_percent = share_percent + excluded.share_percent,
        claimed_share = claimed_share + excluded.claimed_share, agreed_share = agreed_share + excluded.agreed_share;
END;

CREATE TRIGGER report_responsibility_delete AFTER DELETE ON complaint_responsibility BEGIN
    INSERT INTO report_responsibility_tally (month, department_id, party, cause_code, live, entries, share_percent, claimed_share, agreed_share)
    SELECT (SELECT month FROM report_month WHERE starts_at <= c.received_at ORDER BY starts_at DESC LIMIT 1), coalesce(old.department_id, 0), old.party, c.cause_code, (c.state <> 'cancelled'), -1, -old.share_percent,
           -c.claimed_fen * old.share_percent, -c.agreed_fen * old.share_percent
    FROM complaint c WHERE c.id = old.complaint_id
    ON CONFLICT (month, department_id, party, cause_code, live) DO UPDATE SET
        entries = entries + excluded.entries, share_percent = share_percent + excluded.share_percent,
        claimed_share = claimed_share + excluded.claimed_share, agreed_share = agreed_share + excluded.agreed_share;
END;

CREATE TRIGGER report_responsibility_update AFTER UPDATE ON complaint_responsibility BEGIN
    INSERT INTO report_responsibility_tally (month, department_id, party, cause_code, live, entries, share_percent, claimed_share, agreed_share)
    SELECT (SELECT month FROM report_month WHERE starts_at <= c.received_at ORDER BY starts_at DESC LIMIT 1), coalesce(old.department_id, 0), old.party, c.cause_code, (c.state <> 'cancelled'), -1, -old.share_percent,
           -c.claimed_fen * old.share_percent, -c.agreed_fen * old.share_percent
    FROM complaint c WHERE c.id = old.complaint_id
    ON CONFLICT (month, department_id, party, cause_code, live) DO UPDATE SET
        entries = entries + excluded.entries, share_percent = share_percent + excluded.share_percent,
        claimed_share = claimed_share + excluded.claimed_share, agreed_share = agreed_share + excluded.agreed_share;
    INSERT INTO report_responsibility_tally (month, department_id, party, cause_code, live, entries, share_percent, claimed_share, agreed_share)
    SELECT (SELECT month FROM report_month WHERE starts_at <= c.received_at ORDER BY starts_at DESC LIMIT 1), coalesce(new.department_id, 0), new.party, c.cause_code, (c.state <> 'cancelled'), 1, new.share_percent,
           c.claimed_fen * new.share_percent, c.agreed_fen * new.share_percent
    FROM complaint c WHERE c.id = new.complaint_id
    ON CONFLICT (month, department_id, party, cause_code, live) DO UPDATE SET
        entries = entries + excluded.entries, share_percent = share_percent + excluded.share_percent,
        claimed_share = claimed_share + excluded.claimed_share, agreed_share = agreed_share + excluded.agreed_share;
END;


-- The totals of the complaints already recorded (the core's rebuild runs the same statements).
DELETE FROM report_tally;
DELETE FROM report_customer_tally;
DELETE FROM report_line_tally;
DELETE FROM report_responsibility_tally;
DELETE FROM report_duration_tally;
INSERT INTO report_tally (month, category, severity, channel, state, store_id, cause_code, complaints, defective, claimed_fen, agreed_fen)
SELECT (SELECT month FROM report_month WHERE starts_at <= c.received_at ORDER BY starts_at DESC LIMIT 1) AS m,
       c.category, c.severity, c.channel, c.state, coalesce(c.store_id, 0) AS s, c.cause_code,
       count(*), sum(c.defective_quantity), sum(c.claimed_fen), sum(c.agreed_fen)
FROM complaint c GROUP BY m, c.category, c.severity, c.channel, c.state, s, c.cause_code;
INSERT INTO report_customer_tally (month, customer_id, complaints, defective)
SELECT (SELECT month FROM report_month WHERE starts_at <= c.received_at ORDER BY starts_at DESC LIMIT 1) AS m,
       c.customer_id, count(*), sum(c.defective_quantity)
FROM complaint c WHERE c.state <> 'cancelled' GROUP BY m, c.customer_id;
INSERT INTO report_line_tally (month, ship_month, part_number, live, lines, defective)
SELECT (SELECT month FROM report_month WHERE starts_at <= c.received_at ORDER BY starts_at DESC LIMIT 1) AS m,
       coalesce(substr(l.ship_date, 1, 7), '') AS sm, l.part_number, (c.state <> 'cancelled') AS lv,
       count(*), sum(l.defective_quantity)
FROM complaint_line l JOIN complaint c ON c.id = l.complaint_id GROUP BY m, sm, l.part_number, lv;
INSERT INTO report_responsibility_tally (month, department_id, party, cause_code, live, entries, share_percent, claimed_share, agreed_share)
SELECT (SELECT month FROM report_month WHERE starts_at <= c.received_at ORDER BY starts_at DESC LIMIT 1) AS m,
       coalesce(r.department_id, 0) AS d, r.party, c.cause_code, (c.state <> 'cancelled') AS lv,
       count(*), sum(r.share_percent), sum(c.claimed_fen * r.share_percent), sum(c.agreed_fen * r.share_percent)
FROM complaint_responsibility r JOIN complaint c ON c.id = r.complaint_id GROUP BY m, d, r.party, c.cause_code, lv;
INSERT INTO report_duration_tally (month, kind, amount, complaints)
SELECT (SELECT month FROM report_month WHERE starts_at <= c.received_at ORDER BY starts_at DESC LIMIT 1) AS m, 'contact',
       CASE WHEN c.first_contact_at IS NULL THEN -1 ELSE max(0, CAST(round((julianday(c.first_contact_at) - julianday(c.received_at)) * 1440) AS INTEGER)) END AS a,
       count(*)
FROM complaint c WHERE c.state <> 'cancelled' GROUP BY m, a;
INSERT INTO report_duration_tally (month, kind, amount, complaints)
SELECT (SELECT month FROM report_month WHERE starts_at <= c.received_at ORDER BY starts_at DESC LIMIT 1) AS m, 'close',
       max(0, CAST(round((julianday(c.closed_at) - julianday(c.received_at)) * 1440) AS INTEGER) / 60) AS a,
       count(*)
FROM complaint c WHERE c.state = 'closed' AND c.closed_at IS NOT NULL GROUP BY m, a;
