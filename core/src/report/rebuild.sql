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
