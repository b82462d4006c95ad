-- The gate's log of one day, newest first (entry_log): the day's rows in check-time order
-- without scanning the whole log.
CREATE INDEX entry_check_day ON entry_check (check_date, checked_at, id);
