-- Satisfaction and loyalty surveys (满意度、忠诚度调查): templates of questions, campaigns sent to
-- a chosen set of customers (each target a response with its own number, printed as a QR code on
-- the questionnaire), the answers entered from the phone or the returned sheet.

-- A template is frozen once a campaign uses it: the questions a customer answered never change
-- under their answers. A change after that is a new version (previous_id points at the old one).
CREATE TABLE survey_template (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,
    revision     INTEGER NOT NULL DEFAULT 1,
    previous_id  INTEGER REFERENCES survey_template (id),
    description  TEXT    NOT NULL DEFAULT '',
    is_default   INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    frozen       INTEGER NOT NULL DEFAULT 0 CHECK (frozen IN (0, 1)),
    active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    UNIQUE (name, revision)
);

-- kind: rating (1–5), nps (0–10), single, multiple, text. measure: which result figure the
-- question feeds — csat (a rating), loyalty (a rating: 4–5 is loyal; a single choice: its first
-- option is the loyal answer), or '' (shown per question only).
CREATE TABLE survey_question (
    id           INTEGER PRIMARY KEY,
    template_id  INTEGER NOT NULL REFERENCES survey_template (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('rating', 'nps', 'single', 'multiple', 'text')),
    text         TEXT    NOT NULL,
    options      TEXT    NOT NULL DEFAULT '[]',
    measure      TEXT    NOT NULL DEFAULT '' CHECK (measure IN ('', 'csat', 'loyalty')),
    required     INTEGER NOT NULL DEFAULT 0 CHECK (required IN (0, 1)),
    UNIQUE (template_id, position)
);

-- kind: targeted (a chosen set of customers) or after_complaint (the standing campaign a closed
-- complaint adds its customer to, when the setting is on).
CREATE TABLE survey_campaign (
    id           INTEGER PRIMARY KEY,
    number       TEXT    NOT NULL UNIQUE,            -- DC-2026-01, gap-free per year
    name         TEXT    NOT NULL,
    kind         TEXT    NOT NULL CHECK (kind IN ('targeted', 'after_complaint')),
    template_id  INTEGER NOT NULL REFERENCES survey_template (id),
    state        TEXT    NOT NULL CHECK (state IN ('open', 'closed')),
    target_rule  TEXT    NOT NULL DEFAULT '{}',      -- the selection the targets were chosen by (JSON)
    opened_on    TEXT    NOT NULL,                   -- local date
    closed_at    TEXT,
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX survey_campaign_opened ON survey_campaign (opened_on, id);

-- One per target. The score columns summarise the answers (written with them), so results,
-- segments and trends over a campaign's thousands of responses read one narrow index.
CREATE TABLE survey_response (
    id              INTEGER PRIMARY KEY,
    number          TEXT    NOT NULL UNIQUE,         -- WJ-2026-000001, gap-free per year
    campaign_id     INTEGER NOT NULL REFERENCES survey_campaign (id),
    customer_id     INTEGER NOT NULL REFERENCES customer (id),
    complaint_id    INTEGER REFERENCES complaint (id),
    state           TEXT    NOT NULL CHECK (state IN ('pending', 'answered')),
    channel         TEXT    CHECK (channel IN ('phone', 'paper')),
    answered_on     TEXT,                            -- local date
    entered_at      TEXT,
    entered_by      TEXT    NOT NULL DEFAULT '',
    csat_answers    INTEGER NOT NULL DEFAULT 0,      -- csat ratings answered
    csat_satisfied  INTEGER NOT NULL DEFAULT 0,      -- of them 4 or 5
    csat_points     INTEGER NOT NULL DEFAULT 0,      -- their sum
    nps_score       INTEGER CHECK (nps_score BETWEEN 0 AND 10),
    loyal           INTEGER CHECK (loyal IN (0, 1)),
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX survey_response_campaign ON survey_response
    (campaign_id, state, csat_answers, csat_satisfied, csat_points, nps_score, loyal, customer_id);
CREATE INDEX survey_response_customer ON survey_response (customer_id, id);
CREATE INDEX survey_response_answered ON survey_response
    (answered_on, csat_answers, csat_satisfied, csat_points, nps_score, loyal) WHERE state = 'answered';
CREATE UNIQUE INDEX survey_response_complaint ON survey_response (campaign_id, complaint_id)
    WHERE complaint_id IS NOT NULL;

-- One row per answered rating, score and chosen option (a multiple choice has one per option
-- ticked; value is the option's index); text answers keep their text.
CREATE TABLE survey_answer (
    id           INTEGER PRIMARY KEY,
    response_id  INTEGER NOT NULL REFERENCES survey_response (id) ON DELETE CASCADE,
    campaign_id  INTEGER NOT NULL REFERENCES survey_campaign (id),
    question_id  INTEGER NOT NULL REFERENCES survey_question (id),
    value        INTEGER,
    text         TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX survey_answer_campaign ON survey_answer (campaign_id, question_id, value);
CREATE INDEX survey_answer_response ON survey_answer (response_id);

-- The shipped template (满意度调查问卷).
INSERT INTO survey_template (id, name, revision, description, is_default, created_at, updated_at)
VALUES (1, '客户满意度调查问卷', 1, '服务态度、响应速度、问题解决、产品质量、再次购买意愿和推荐意愿(NPS)。',
        1, '2026-12-05T00:00:00.000Z', '2026-12-05T00:00:00.000Z');
INSERT INTO survey_question (template_id, position, kind, text, options, measure, required) VALUES
    (1, 1, 'rating', '您对我公司售后服务人员的服务态度是否满意?', '[]', 'csat', 1),
    (1, 2, 'rating', '您对我公司处理问题的响应速度是否满意?', '[]', 'csat', 1),
    (1, 3, 'rating', '您反映的问题是否得到了解决?您对解决结果是否满意?', '[]', 'csat', 1),
    (1, 4, 'rating', '您对我公司产品质量是否满意?', '[]', 'csat', 1),
    (1, 5, 'single', '您是否愿意再次购买我公司的产品?', '["愿意","不确定","不愿意"]', 'loyalty', 1),
    (1, 6, 'nps', '您有多大可能向朋友或同行推荐我公司的产品和服务?', '[]', '', 1),
    (1, 7, 'text', '您对我公司的产品和服务还有哪些意见和建议?', '[]', '', 0);
