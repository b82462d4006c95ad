//! Shared rules of the list screens: one page type, keyset paging on the order the user reads
//! (received time, code, …) with the id breaking ties, and capped totals.
//!
//! Totals are counted up to a cap: an exact count of a few hundred thousand matching rows costs
//! more than the page itself, and "10,000+" tells the user as much as the exact number would
//! (narrow the filter).
//!
//! Keyset paging: a page is `ORDER BY k1 DESC, …, id DESC LIMIT n + 1`, the next one adds
//! `AND (k1, …, id) < (last row's keys)`. Page 50 costs what page 1 costs, and rows that share
//! a key are neither skipped nor repeated, since the id makes every position unique.

use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Sqlite};
use ts_rs::TS;

use crate::error::{Error, Result};

/// Counts stop here; the list then says "10,000+".
pub const COUNT_CAP: i64 = 10_000;

/// `(total, capped)` from what the capped count returned.
pub fn total(counted: i64) -> (i64, bool) {
    if counted > COUNT_CAP { (COUNT_CAP, true) } else { (counted, false) }
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Matching rows (not just this page), counted up to [`COUNT_CAP`].
    pub total: i64,
    /// More match than `total` says.
    pub total_capped: bool,
    /// Pass back as the query's `after` for the next page; absent on the last page.
    pub next: Option<Cursor>,
}

/// Where the next page starts: the sort key(s) and the id of the last row shown. Opaque to the
/// UI, which only hands it back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(transparent)]
#[ts(type = "string")]
pub struct Cursor(String);

/// A sort key's value as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Key {
    Int(i64),
    Text(String),
}

impl From<i64> for Key {
    fn from(v: i64) -> Self {
        Key::Int(v)
    }
}
impl From<String> for Key {
    fn from(v: String) -> Self {
        Key::Text(v)
    }
}
impl From<&str> for Key {
    fn from(v: &str) -> Self {
        Key::Text(v.to_owned())
    }
}

impl Cursor {
    fn encode(keys: &[Key]) -> Cursor {
        Cursor(serde_json::to_string(keys).unwrap_or_default())
    }

    fn decode(&self, arity: usize) -> Result<Vec<Key>> {
        match serde_json::from_str::<Vec<Key>>(&self.0) {
            Ok(keys) if keys.len() == arity && matches!(keys.last(), Some(Key::Int(_))) => Ok(keys),
            _ => Err(Error::validation("after", "翻页位置无效,请从第一页重新查询")),
        }
    }
}

/// An order a list can be read in: its key columns (SQL expressions over the query's tables,
/// each served by an index together with the ones after it) and the id column that breaks
/// ties. All keys run in one direction, so one index scanned forwards or backwards serves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Order {
    pub keys: &'static [&'static str],
    pub id: &'static str,
    pub descending: bool,
}

/// A list's page size: `requested`, or `default`, within 1..=`max`.
pub fn limit(requested: Option<i64>, default: i64, max: i64) -> i64 {
    requested.unwrap_or(default).clamp(1, max)
}

impl Order {
    pub const fn new(keys: &'static [&'static str], id: &'static str, descending: bool) -> Self {
        Order { keys, id, descending }
    }

    /// ` AND (k1, …, id) < (…)` (or `>` ascending): the rows after the cursor.
    pub fn push_after(&self, qb: &mut QueryBuilder<Sqlite>, after: Option<&Cursor>) -> Result<()> {
        let Some(cursor) = after else { return Ok(()) };
        let values = cursor.decode(self.keys.len() + 1)?;
        qb.push(" AND (");
        for key in self.keys {
            qb.push(key).push(", ");
        }
        qb.push(self.id).push(if self.descending { ") < (" } else { ") > (" });
        for (i, value) in values.into_iter().enumerate() {
            if i > 0 {
                qb.push(", ");
            }
            match value {
                Key::Int(v) => qb.push_bind(v),
                Key::Text(v) => qb.push_bind(v),
            };
        }
        qb.push(")");
        Ok(())
    }

    /// ` k1 DESC, …, id DESC` (without the `ORDER BY`, for queries that order a union).
    pub fn push_terms(&self, qb: &mut QueryBuilder<Sqlite>) {
        let dir = if self.descending { " DESC" } else { " ASC" };
        for key in self.keys {
            qb.push(" ").push(key).push(dir).push(",");
        }
        qb.push(" ").push(self.id).push(dir);
    }

    /// ` ORDER BY k1 DESC, …, id DESC LIMIT limit + 1`: one row more than the page, which says
    /// whether there is a next page.
    pub fn push_order_limit(&self, qb: &mut QueryBuilder<Sqlite>, limit: i64) {
        qb.push(" ORDER BY");
        self.push_terms(qb);
        qb.push(" LIMIT ").push_bind(limit + 1);
    }

    /// The page from the `limit + 1` rows fetched: at most `limit` rows and, when there were
    /// more, the cursor of the last one (`keys` gives a row's key values, id last).
    pub fn page<T>(&self, mut rows: Vec<T>, limit: i64, counted: i64, keys: impl Fn(&T) -> Vec<Key>) -> Page<T> {
        let next = if rows.len() as i64 > limit {
            rows.truncate(limit as usize);
            rows.last().map(|row| Cursor::encode(&keys(row)))
        } else {
            None
        };
        let (total, total_capped) = total(counted);
        Page { items: rows, total, total_capped, next }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_past_the_cap_say_so() {
        assert_eq!(total(37), (37, false));
        assert_eq!(total(COUNT_CAP), (COUNT_CAP, false));
        assert_eq!(total(COUNT_CAP + 1), (COUNT_CAP, true));
    }

    const BY_TIME: Order = Order::new(&["c.received_at"], "c.id", true);

    #[test]
    fn the_next_page_starts_after_the_last_rows_keys() {
        let rows = vec![("2026-01-03", 7), ("2026-01-02", 9), ("2026-01-02", 4)];
        let page = BY_TIME.page(rows, 2, 3, |r| vec![r.0.into(), r.1.into()]);
        assert_eq!(page.items.len(), 2);
        let next = page.next.expect("a third row means a next page");
        let mut qb = QueryBuilder::<Sqlite>::new("SELECT 1 WHERE 1 = 1");
        BY_TIME.push_after(&mut qb, Some(&next)).unwrap();
        BY_TIME.push_order_limit(&mut qb, 2);
        assert_eq!(
            qb.sql().as_str(),
            "SELECT 1 WHERE 1 = 1 AND (c.received_at, c.id) < (?, ?) ORDER BY c.received_at DESC, c.id DESC LIMIT ?"
        );
        assert_eq!(next.decode(2).unwrap(), vec![Key::from("2026-01-02"), Key::Int(9)]);

        let last = BY_TIME.page(vec![("2026-01-01", 1)], 2, 1, |r| vec![r.0.into(), r.1.into()]);
        assert_eq!((last.next, last.total, last.total_capped), (None, 1, false));
    }

    #[test]
    fn ascending_orders_compare_upwards() {
        let order = Order::new(&["c.code"], "c.id", false);
        let mut qb = QueryBuilder::<Sqlite>::new("");
        order.push_after(&mut qb, Some(&Cursor::encode(&["KH1".into(), 3.into()]))).unwrap();
        order.push_order_limit(&mut qb, 20);
        assert_eq!(qb.sql().as_str(), " AND (c.code, c.id) > (?, ?) ORDER BY c.code ASC, c.id ASC LIMIT ?");
    }

    #[test]
    fn a_cursor_from_another_order_or_made_up_is_refused() {
        let mut qb = QueryBuilder::<Sqlite>::new("");
        for bad in ["", "[1]", "not json", "[\"a\", \"b\"]", "[1, 2, 3]"] {
            let err = BY_TIME.push_after(&mut qb, Some(&Cursor(bad.into()))).unwrap_err();
            assert!(err.to_string().contains("翻页位置无效"), "{bad}: {err}");
        }
    }
}
