-- The engagement list's filters in one covering index: the capped count reads no rows, and a
-- filter that matches few engagements (up to a few thousand) gathers and sorts them from the index
-- alone instead of walking the registration order past thousands of rows that do not match.
CREATE INDEX contractor_engagement_filters
    ON contractor_engagement (category, state, department_id, open_items, unit_id, created_at);
