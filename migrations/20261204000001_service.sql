-- Customer service (issue 12 minus surveys): feedback routed to departments, key-customer care
-- plans and follow-up visits, and direct-sales store returns/exchanges. Times are UTC text,
-- dates a user types are local dates (YYYY-MM-DD), money is integer fen.

-- 意见建议: taken in from any channel, routed to departments that each answer.
CREATE TABLE feedback (
    id             INTEGER PRIMARY KEY,
    number         TEXT    NOT NULL UNIQUE,
    received_at    TEXT    NOT NULL,
    channel        TEXT    NOT NULL,
    kind           TEXT    NOT NULL,
    content        TEXT    NOT NULL,
    customer_id    INTEGER REFERENCES customer (id),
    contact        TEXT    NOT NULL DEFAULT '',
    store_id       INTEGER REFERENCES store (id),
    state          TEXT    NOT NULL,
    adopted        INTEGER NOT NULL DEFAULT 0 CHECK (adopted IN (0, 1)),
    -- Set when the item became a complaint (the complaint is found from here: one each way).
    complaint_id   INTEGER UNIQUE REFERENCES complaint (id),
    closing_note   TEXT    NOT NULL DEFAULT '',
    registered_by  INTEGER REFERENCES app_user (id),
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX feedback_received ON feedback (received_at, id);
CREATE INDEX feedback_state_received ON feedback (state, received_at, id);
CREATE INDEX feedback_customer ON feedback (customer_id, received_at);

CREATE TABLE feedback_route (
    id             INTEGER PRIMARY KEY,
    feedback_id    INTEGER NOT NULL REFERENCES feedback (id),
    department_id  INTEGER NOT NULL REFERENCES department (id),
    due_date       TEXT    NOT NULL,
    answer         TEXT    NOT NULL DEFAULT '',
    answered_by    INTEGER REFERENCES app_user (id),
    answerer_name  TEXT    NOT NULL DEFAULT '',
    answered_at    TEXT,
    UNIQUE (feedback_id, department_id)
);
-- A department's unanswered items by deadline ("my work").
CREATE INDEX feedback_route_open ON feedback_route (department_id, due_date) WHERE answered_at IS NULL;

-- 重点客户关怀计划: one active plan per customer.
CREATE TABLE care_plan (
    id             INTEGER PRIMARY KEY,
    customer_id    INTEGER NOT NULL REFERENCES customer (id),
    owner_id       INTEGER REFERENCES app_user (id),
    frequency      TEXT    NOT NULL,
    goals          TEXT    NOT NULL DEFAULT '',
    starts_on      TEXT    NOT NULL,
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX care_plan_customer ON care_plan (customer_id);

-- 回访: scheduled (from a plan, a closed complaint, or by hand), then recorded or cancelled.
CREATE TABLE visit (
    id             INTEGER PRIMARY KEY,
    number         TEXT    NOT NULL UNIQUE,
    customer_id    INTEGER NOT NULL REFERENCES customer (id),
    plan_id        INTEGER REFERENCES care_plan (id),
    complaint_id   INTEGER REFERENCES complaint (id),
    source         TEXT    NOT NULL,
    due_date       TEXT    NOT NULL,
    owner_id       INTEGER REFERENCES app_user (id),
    state          TEXT    NOT NULL,
    visited_on     TEXT,
    mode           TEXT,
    participants   TEXT    NOT NULL DEFAULT '',
    content        TEXT    NOT NULL DEFAULT '',
    needs          TEXT    NOT NULL DEFAULT '',
    satisfaction   INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
    cancel_reason  TEXT    NOT NULL DEFAULT '',
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX visit_due ON visit (due_date, id);
CREATE INDEX visit_state_due ON visit (state, due_date, id);
CREATE INDEX visit_customer ON visit (customer_id, due_date);
CREATE INDEX visit_complaint ON visit (complaint_id) WHERE complaint_id IS NOT NULL;
CREATE INDEX visit_plan ON visit (plan_id) WHERE plan_id IS NOT NULL;

-- Follow-up actions found on a visit.
CREATE TABLE visit_action (
    id             INTEGER PRIMARY KEY,
    visit_id       INTEGER NOT NULL REFERENCES visit (id),
    description    TEXT    NOT NULL,
    owner          TEXT    NOT NULL,
    due_date       TEXT    NOT NULL,
    done_on        TEXT
);
CREATE INDEX visit_action_visit ON visit_action (visit_id);

-- 直销店退换货.
CREATE TABLE store_return (
    id             INTEGER PRIMARY KEY,
    number         TEXT    NOT NULL UNIQUE,
    store_id       INTEGER NOT NULL REFERENCES store (id),
    customer_id    INTEGER NOT NULL REFERENCES customer (id),
    complaint_id   INTEGER REFERENCES complaint (id),
    kind           TEXT    NOT NULL,
    reason         TEXT    NOT NULL,
    reason_detail  TEXT    NOT NULL DEFAULT '',
    amount_fen     INTEGER NOT NULL DEFAULT 0,
    state          TEXT    NOT NULL,
    state_reason   TEXT    NOT NULL DEFAULT '',
    approval_round INTEGER NOT NULL DEFAULT 0,
    requested_at   TEXT    NOT NULL,
    registered_by  INTEGER REFERENCES app_user (id),
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX store_return_requested ON store_return (requested_at, id);
CREATE INDEX store_return_store_requested ON store_return (store_id, requested_at, id);
CREATE INDEX store_return_state_requested ON store_return (state, requested_at, id);
CREATE INDEX store_return_customer ON store_return (customer_id, requested_at);

CREATE TABLE store_return_line (
    id              INTEGER PRIMARY KEY,
    return_id       INTEGER NOT NULL REFERENCES store_return (id),
    part_number     TEXT    NOT NULL,
    product_name    TEXT    NOT NULL DEFAULT '',
    batch           TEXT    NOT NULL DEFAULT '',
    quantity        INTEGER NOT NULL CHECK (quantity > 0),
    unit_price_fen  INTEGER NOT NULL DEFAULT 0 CHECK (unit_price_fen >= 0)
);
CREATE INDEX store_return_line_return ON store_return_line (return_id);
