//! Sign-off rounds (会签): a record is put before a set of departments; each department signs in
//! its own account (approve or reject, with a comment); a new round starts when the record is
//! submitted again, and every round stays on the record. Shared by every module whose records
//! departments approve (complaint remedies now; outside-personnel packages and store returns
//! next). The module decides who may sign and what an outcome means; this piece keeps the rows.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::audit::Entity;
use crate::clock::db_time;
use crate::error::Result;
use crate::keyed::keyed_enum;

keyed_enum!(
    /// Who a place in a round is for: a department, or the after-sales manager in person
    /// (重大投诉及索赔 are the manager's own, so a 重大 remedy needs the manager's signature too).
    Seat {
        Department = "department" / "部门",
        Manager = "manager" / "售后服务经理",
    }
);

/// One place to fill in a round: a department's, or the manager's (held under the manager's
/// department).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub department_id: i64,
    pub seat: Seat,
}

/// One department's place in one round.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ApprovalView {
    pub round: i64,
    pub department_id: i64,
    pub department_name: String,
    pub seat: Seat,
    /// `None` until the department signs.
    pub approved: Option<bool>,
    pub comment: String,
    pub signer_name: String,
    pub signed_at: Option<DateTime<Utc>>,
}

/// What became of a signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signed {
    Recorded,
    /// The department signed this round already.
    AlreadySigned,
    /// The round does not ask this department.
    NotAsked,
}

/// How the round stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub required: usize,
    pub approved: usize,
    pub rejected: usize,
}

impl Tally {
    pub fn of(approvals: &[ApprovalView], round: i64) -> Tally {
        let current = approvals.iter().filter(|a| a.round == round);
        let mut t = Tally::default();
        for a in current {
            t.required += 1;
            match a.approved {
                Some(true) => t.approved += 1,
                Some(false) => t.rejected += 1,
                None => {}
            }
        }
        t
    }

    pub fn all_approved(&self) -> bool {
        self.required > 0 && self.approved == self.required
    }
}

/// Opens round `round` with one unsigned row per place (the caller numbers rounds: it keeps the
/// current round on its record; earlier rounds stay as they were signed).
pub async fn open_round(
    conn: &mut SqliteConnection,
    subject: Entity,
    subject_id: i64,
    round: i64,
    places: &[Place],
) -> Result<()> {
    let subject = subject.key();
    for place in places {
        let seat = place.seat.key();
        sqlx::query!(
            "INSERT INTO approval (subject, subject_id, round, department_id, seat) VALUES (?, ?, ?, ?, ?)",
            subject,
            subject_id,
            round,
            place.department_id,
            seat
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Records the decision of `place` in `round`.
#[allow(clippy::too_many_arguments)]
pub async fn sign(
    conn: &mut SqliteConnection,
    subject: Entity,
    subject_id: i64,
    round: i64,
    place: Place,
    approve: bool,
    comment: &str,
    signer: (Option<i64>, &str),
    now: DateTime<Utc>,
) -> Result<Signed> {
    let (subject, at) = (subject.key(), db_time(now));
    let decision = if approve { "approve" } else { "reject" };
    let (department_id, seat) = (place.department_id, place.seat.key());
    let changed = sqlx::query!(
        "UPDATE approval SET decision = ?, comment = ?, signed_by = ?, signer_name = ?, signed_at = ?
         WHERE subject = ? AND subject_id = ? AND round = ? AND department_id = ? AND seat = ? AND decision IS NULL",
        decision,
        comment,
        signer.0,
        signer.1,
        at,
        subject,
        subject_id,
        round,
        department_id,
        seat
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if changed == 1 {
        return Ok(Signed::Recorded);
    }
    let asked = sqlx::query_scalar!(
        "SELECT count(*) FROM approval WHERE subject = ? AND subject_id = ? AND round = ? AND department_id = ? AND seat = ?",
        subject,
        subject_id,
        round,
        department_id,
        seat
    )
    .fetch_one(conn)
    .await?;
    Ok(if asked > 0 { Signed::AlreadySigned } else { Signed::NotAsked })
}

/// Every round of the record, newest round first; in a round the departments in their sort
/// order, then the manager.
pub async fn of(conn: &mut SqliteConnection, subject: Entity, subject_id: i64) -> Result<Vec<ApprovalView>> {
    let subject = subject.key();
    let rows = sqlx::query!(
        r#"SELECT a.round, a.department_id, d.name AS department_name, a.seat, a.decision, a.comment, a.signer_name,
                  a.signed_at AS "signed_at: DateTime<Utc>"
           FROM approval a JOIN department d ON d.id = a.department_id
           WHERE a.subject = ? AND a.subject_id = ? ORDER BY a.round DESC, a.seat = 'manager', d.sort_order, d.id"#,
        subject,
        subject_id
    )
    .fetch_all(conn)
    .await?;
    rows.into_iter()
        .map(|a| {
            Ok(ApprovalView {
                round: a.round,
                department_id: a.department_id,
                department_name: a.department_name,
                seat: Seat::stored(&a.seat)?,
                approved: a.decision.as_deref().map(|d| d == "approve"),
                comment: a.comment,
                signer_name: a.signer_name,
                signed_at: a.signed_at,
            })
        })
        .collect()
}

/// The rounds of a record, oldest first, each with its places (for forms and timelines).
pub fn rounds(approvals: &[ApprovalView]) -> Vec<(i64, Vec<&ApprovalView>)> {
    let mut numbers: Vec<i64> = approvals.iter().map(|a| a.round).collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers.into_iter().map(|n| (n, approvals.iter().filter(|a| a.round == n).collect())).collect()
}

impl ApprovalView {
    /// The name the place is signed under: the department, or 售后服务经理.
    pub fn place_name(&self) -> String {
        match self.seat {
            Seat::Department => self.department_name.clone(),
            Seat::Manager => Seat::Manager.label().to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(round: i64, approved: Option<bool>) -> ApprovalView {
        ApprovalView {
            round,
            department_id: 1,
            department_name: "生产部".into(),
            seat: Seat::Department,
            approved,
            comment: String::new(),
            signer_name: String::new(),
            signed_at: None,
        }
    }

    #[test]
    fn a_tally_counts_only_its_round() {
        let rows = [view(2, Some(true)), view(2, None), view(1, Some(false)), view(1, Some(true))];
        assert_eq!(Tally::of(&rows, 2), Tally { required: 2, approved: 1, rejected: 0 });
        assert!(!Tally::of(&rows, 2).all_approved());
        assert_eq!(Tally::of(&rows, 1), Tally { required: 2, approved: 1, rejected: 1 });
        assert!(!Tally::of(&rows, 3).all_approved(), "an empty round is not approved");
    }

    #[test]
    fn rounds_come_oldest_first_with_their_places() {
        let rows = [view(2, None), view(1, Some(false)), view(1, Some(true))];
        let rounds = rounds(&rows);
        assert_eq!(rounds.iter().map(|(n, p)| (*n, p.len())).collect::<Vec<_>>(), [(1, 2), (2, 1)]);
        let manager = ApprovalView { seat: Seat::Manager, ..view(1, None) };
        assert_eq!((view(1, None).place_name(), manager.place_name()), ("生产部".into(), "售后服务经理".into()));
    }
}
