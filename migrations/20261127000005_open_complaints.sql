-- Open complaints (not closed or cancelled) are what people work from: 未结案 lists, the
-- workbench. In a real register most complaints are closed, so partial indexes over the open
-- ones are small and make those lists and their counts direct. The WHERE clause must match the
-- list query's text exactly for SQLite to use them.
CREATE INDEX complaint_open ON complaint (id) WHERE state NOT IN ('closed', 'cancelled');
CREATE INDEX complaint_open_category ON complaint (category, id) WHERE state NOT IN ('closed', 'cancelled');
