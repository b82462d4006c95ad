//! Chinese substring search. FTS5's trigram tokenizer finds substrings of three or more
//! characters; most Chinese search words have one or two, so those are looked up in a table of
//! the 1- and 2-character grams of each record's search text.

use std::collections::BTreeSet;

use sqlx::{QueryBuilder, Sqlite, SqliteConnection};

use crate::error::Result;

/// How to look for what the user typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// Nothing to search for.
    Empty,
    /// 1–2 characters: exact lookup in the gram table.
    Gram(String),
    /// 3+ characters: an FTS5 phrase (quoted, so `PN-88` or `"` cannot break the syntax).
    Phrase(String),
}

/// Normalises for search: trimmed, ASCII lower-cased, inner whitespace collapsed.
pub fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The text of a quoted FTS5 phrase (as [`term`] made it).
fn unquote(phrase: &str) -> String {
    let inner = phrase.strip_prefix('"').and_then(|p| p.strip_suffix('"')).unwrap_or(phrase);
    inner.replace("\"\"", "\"")
}

pub fn term(input: &str) -> Term {
    let text = normalise(input);
    match text.chars().count() {
        0 => Term::Empty,
        1 | 2 => Term::Gram(text),
        _ => Term::Phrase(format!("\"{}\"", text.replace('"', "\"\""))),
    }
}

/// The distinct 1- and 2-character grams within each whitespace-separated word of `text`
/// that contains Chinese (or other non-ASCII) characters. ASCII words — codes, part and phone
/// numbers — are found by the trigram index from three characters on; one or two ASCII
/// characters would match nearly everything, and indexing them would multiply the table.
pub fn grams(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for word in normalise(text).split(' ').filter(|w| !w.is_ascii()) {
        let chars: Vec<char> = word.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            out.insert(c.to_string());
            if let Some(next) = chars.get(i + 1) {
                out.insert([*c, *next].iter().collect());
            }
        }
    }
    out
}

/// The search index of one kind of record: its `search_text` column under an FTS5 trigram table
/// `<table>_fts` (3+ characters, kept in step by triggers) and the table `<table>_gram` of its
/// 1–2 character grams (written by [`SearchIndex::write`]). A new kind of record adopts search
/// by naming its table: [`SearchIndex::migration_sql`] gives the schema for its migration, the
/// repository calls `write` with the text in the transaction that changes the record, and the
/// list query pushes [`SearchIndex::push_match`] or [`SearchIndex::push_probe`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SearchIndex {
    /// The record table; its primary key is `id` and it has a `search_text` column.
    pub table: &'static str,
    /// The gram table's column naming the record (`complaint_id`).
    pub gram_key: &'static str,
}

pub const COMPLAINTS: SearchIndex = SearchIndex::new("complaint", "complaint_id");
pub const CUSTOMERS: SearchIndex = SearchIndex::new("customer", "customer_id");

impl SearchIndex {
    pub const fn new(table: &'static str, gram_key: &'static str) -> Self {
        SearchIndex { table, gram_key }
    }

    /// The schema of the index, for the migration that adds search to `table` (which needs a
    /// `search_text TEXT NOT NULL DEFAULT ''` column).
    pub fn migration_sql(&self) -> String {
        let (t, k) = (self.table, self.gram_key);
        format!(
            "CREATE VIRTUAL TABLE {t}_fts USING fts5 (
    search_text, content = '{t}', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER {t}_fts_insert AFTER INSERT ON {t} BEGIN
    INSERT INTO {t}_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER {t}_fts_delete AFTER DELETE ON {t} BEGIN
    INSERT INTO {t}_fts ({t}_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER {t}_fts_update AFTER UPDATE OF search_text ON {t} BEGIN
    INSERT INTO {t}_fts ({t}_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO {t}_fts (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TABLE {t}_gram (
    gram  TEXT    NOT NULL,
    {k}   INTEGER NOT NULL REFERENCES {t} (id) ON DELETE CASCADE,
    PRIMARY KEY (gram, {k})
) WITHOUT ROWID;
CREATE INDEX {t}_gram_{k} ON {t}_gram ({k});
"
        )
    }

    /// Stores the record's search text (normalised; the FTS triggers follow) and replaces its
    /// grams. Call on the transaction that changes the record.
    pub async fn write(&self, conn: &mut SqliteConnection, id: i64, text: &str) -> Result<()> {
        let text = normalise(text);
        let mut qb = QueryBuilder::<Sqlite>::new(format!("UPDATE {} SET search_text = ", self.table));
        qb.push_bind(&text).push(" WHERE id = ").push_bind(id).push(" AND search_text <> ").push_bind(&text);
        qb.build().execute(&mut *conn).await?;
        self.write_grams(conn, id, &text).await
    }

    /// Replaces the record's 1–2 character grams (for a repository that stores `search_text`
    /// with the row itself).
    pub async fn write_grams(&self, conn: &mut SqliteConnection, id: i64, text: &str) -> Result<()> {
        let mut qb = QueryBuilder::<Sqlite>::new(format!("DELETE FROM {}_gram WHERE {} = ", self.table, self.gram_key));
        qb.push_bind(id).build().execute(&mut *conn).await?;
        let grams = grams(text);
        // One statement per few hundred grams (SQLite's bound-parameter limit is far above).
        for chunk in grams.iter().collect::<Vec<_>>().chunks(400) {
            let mut qb =
                QueryBuilder::<Sqlite>::new(format!("INSERT INTO {}_gram (gram, {}) ", self.table, self.gram_key));
            qb.push_values(chunk, |mut row, gram| {
                row.push_bind(gram.as_str()).push_bind(id);
            });
            qb.build().execute(&mut *conn).await?;
        }
        Ok(())
    }

    /// ` <id_expr> IN (the records that match)`: the matches are collected first (best when
    /// few match). Pushes nothing for an empty term.
    pub fn push_match(&self, qb: &mut QueryBuilder<Sqlite>, id_expr: &str, term: &Term) {
        match term {
            Term::Empty => {}
            Term::Gram(gram) => {
                qb.push(format!(" {id_expr} IN (SELECT {} FROM {}_gram WHERE gram = ", self.gram_key, self.table))
                    .push_bind(gram.clone())
                    .push(")");
            }
            Term::Phrase(phrase) => {
                qb.push(format!(" {id_expr} IN (SELECT rowid FROM {t}_fts WHERE {t}_fts MATCH ", t = self.table))
                    .push_bind(phrase.clone())
                    .push(")");
            }
        }
    }

    /// `(this record matches)`, tested on one row: no matches gathered, one index probe of the
    /// record's id (`id_expr`, 1–2 characters) or a substring test of its normalised text
    /// (`text_expr`, 3+, what the trigram index finds) per row. Best when walking records in the
    /// list's order and many match, so only a page's worth is tested. A gram probe needs only
    /// the id: a complaint probing its customer's grams by `c.customer_id` reads no customer row.
    pub fn push_probe(&self, qb: &mut QueryBuilder<Sqlite>, id_expr: &str, text_expr: &str, term: &Term) {
        match term {
            Term::Empty => {}
            Term::Gram(gram) => {
                qb.push(format!(" EXISTS (SELECT 1 FROM {}_gram WHERE gram = ", self.table))
                    .push_bind(gram.clone())
                    .push(format!(" AND {} = {id_expr})", self.gram_key));
            }
            Term::Phrase(phrase) => {
                // The stored text is normalised as the term is, so a plain substring test is
                // what the trigram phrase finds; per row it costs microseconds where an FTS
                // probe of a frequent phrase costs half a millisecond.
                qb.push(format!(" instr({text_expr}, ")).push_bind(unquote(phrase)).push(") > 0");
            }
        }
    }

    /// `SELECT id FROM (the records that match)`, as a source to join from.
    pub fn push_matches_source(&self, qb: &mut QueryBuilder<Sqlite>, term: &Term) {
        match term {
            Term::Empty => {
                qb.push(format!("SELECT id FROM {}", self.table));
            }
            Term::Gram(gram) => {
                qb.push(format!("SELECT {} AS id FROM {}_gram WHERE gram = ", self.gram_key, self.table))
                    .push_bind(gram.clone());
            }
            Term::Phrase(phrase) => {
                qb.push(format!("SELECT rowid AS id FROM {t}_fts WHERE {t}_fts MATCH ", t = self.table))
                    .push_bind(phrase.clone());
            }
        }
    }

    /// How many records match, counted up to `cap + 1` (one index range, nothing else).
    pub async fn count_matches(&self, conn: &mut SqliteConnection, term: &Term, cap: i64) -> Result<i64> {
        let mut qb = QueryBuilder::<Sqlite>::new("SELECT count(*) FROM (SELECT 1 FROM ");
        match term {
            Term::Empty => {
                qb.push(self.table);
            }
            Term::Gram(gram) => {
                qb.push(format!("{}_gram WHERE gram = ", self.table)).push_bind(gram.clone());
            }
            Term::Phrase(phrase) => {
                qb.push(format!("{t}_fts WHERE {t}_fts MATCH ", t = self.table)).push_bind(phrase.clone());
            }
        }
        qb.push(" LIMIT ").push_bind(cap + 1).push(")");
        Ok(qb.build_query_scalar().fetch_one(&mut *conn).await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_terms_use_grams_long_ones_a_quoted_phrase() {
        assert_eq!(term("  "), Term::Empty);
        assert_eq!(term("华为"), Term::Gram("华为".into()));
        assert_eq!(term("A"), Term::Gram("a".into()));
        assert_eq!(term("PN-88"), Term::Phrase("\"pn-88\"".into()));
        assert_eq!(term("say \"hi\""), Term::Phrase("\"say \"\"hi\"\"\"".into()));
        assert_eq!(unquote("\"say \"\"hi\"\"\""), "say \"hi\"");
    }

    #[test]
    fn grams_stay_inside_words() {
        let g = grams("天津华为 张三");
        for want in ["天", "天津", "津华", "华为", "为", "张三", "三"] {
            assert!(g.contains(want), "{want}");
        }
        assert!(!g.contains("为 "), "no gram spans a space");
        assert!(!g.contains("为张"), "no gram spans two words");
    }

    /// A new kind of record adopts search by naming its table: the schema from
    /// `migration_sql`, the text from `write`, the conditions from `push_match` / `push_probe`.
    #[tokio::test]
    async fn a_new_table_adopts_search_by_naming_itself() {
        use sqlx::Connection;
        let mut conn = SqliteConnection::connect("sqlite::memory:").await.unwrap();
        sqlx::raw_sql("CREATE TABLE widget (id INTEGER PRIMARY KEY, search_text TEXT NOT NULL DEFAULT '')")
            .execute(&mut conn)
            .await
            .unwrap();
        let index = SearchIndex::new("widget", "widget_id");
        let schema = index.migration_sql();
        sqlx::raw_sql(sqlx::AssertSqlSafe(schema.as_str())).execute(&mut conn).await.unwrap();
        for (id, text) in [(1, "天津华泰 PN-88"), (2, "北京精工 ZC-6205"), (3, "华北 PN-880")] {
            sqlx::query("INSERT INTO widget (id) VALUES (?)").bind(id).execute(&mut conn).await.unwrap();
            index.write(&mut conn, id, text).await.unwrap();
        }
        // Rewriting replaces the old grams and the old FTS entry.
        index.write(&mut conn, 2, "北京精工 ZC-6206").await.unwrap();

        for (typed, want) in
            [("华", vec![1, 3]), ("华泰", vec![1]), ("PN-88", vec![1, 3]), ("zc-6205", vec![]), ("ZC-6206", vec![2])]
        {
            let t = term(typed);
            for probe in [false, true] {
                let mut qb = QueryBuilder::<Sqlite>::new("SELECT w.id FROM widget w WHERE");
                if probe {
                    index.push_probe(&mut qb, "w.id", "w.search_text", &t);
                } else {
                    index.push_match(&mut qb, "w.id", &t);
                }
                qb.push(" ORDER BY w.id");
                let got: Vec<i64> = qb.build_query_scalar().fetch_all(&mut conn).await.unwrap();
                assert_eq!(got, want, "{typed} probe {probe}");
            }
            assert_eq!(index.count_matches(&mut conn, &t, 10).await.unwrap(), want.len() as i64, "{typed}");
        }
        assert_eq!(index.count_matches(&mut conn, &term("华"), 1).await.unwrap(), 2, "counted up to the cap + 1");
        sqlx::query("DELETE FROM widget WHERE id = 1").execute(&mut conn).await.unwrap();
        assert_eq!(
            index.count_matches(&mut conn, &term("PN-88"), 10).await.unwrap(),
            1,
            "deleted rows leave the index"
        );
    }

    /// The complaint and customer indexes are the helper's shape (created before it existed).
    #[test]
    fn the_existing_indexes_follow_the_naming() {
        let migrations = [
            include_str!("../../migrations/20261127000002_customer.sql"),
            include_str!("../../migrations/20261127000003_complaint.sql"),
        ]
        .concat();
        for index in [COMPLAINTS, CUSTOMERS] {
            let t = index.table;
            for object in [
                format!("CREATE VIRTUAL TABLE {t}_fts USING fts5"),
                format!("CREATE TRIGGER {t}_fts_insert AFTER INSERT ON {t}"),
                format!("CREATE TRIGGER {t}_fts_update AFTER UPDATE OF search_text ON {t}"),
                format!("CREATE TABLE {t}_gram"),
                format!("{}  INTEGER NOT NULL REFERENCES {t} (id) ON DELETE CASCADE", index.gram_key),
            ] {
                let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(squeeze(&migrations).contains(&squeeze(&object)), "{object}");
            }
        }
    }
}
