//! A person's standing in the three-level safety education (三级安全教育): a pure function of
//! the classes the person attended, the company's numbers and the date asked about. The worker
//! screen, the safety department's list and (after merging) the gate read the same answer.

use chrono::{Duration, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use super::ClassLevel;
use crate::settings::SafetyRules;

/// One class a person attended, as the standing needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attended {
    pub level: ClassLevel,
    pub held_on: NaiveDate,
    pub hours_tenths: i64,
    /// Examined and scored at least the class's pass mark.
    pub passed: bool,
}

/// What is missing, as a code the gate can branch on and the sentence shown and printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct StandingIssue {
    /// `education_level_missing`, `education_level_failed`, `education_hours_short`,
    /// `retraining_short`, `reeducation_after_post_change`, `reeducation_after_absence`.
    pub code: String,
    pub message: String,
}

/// The classes of one level a person passed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct LevelStanding {
    pub level: ClassLevel,
    /// Classes of this level attended (passed or not).
    pub attended: i64,
    pub passed: i64,
    /// 学时 of the passed classes, in tenths.
    pub hours_tenths: i64,
    pub last_passed_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct EducationStanding {
    pub on: NaiveDate,
    pub high_risk: bool,
    /// 厂级, 车间级, 班组级, 年度再培训, in that order.
    pub levels: Vec<LevelStanding>,
    /// Passed 厂级 + 车间级 + 班组级 学时 (tenths) against the threshold (tenths: 24 学时 = 240).
    pub pre_job_hours_tenths: i64,
    pub required_hours_tenths: i64,
    /// Each of the three levels attended and passed.
    pub levels_complete: bool,
    /// Working for more than a year on high-risk work: the yearly re-training applies.
    pub retraining_required: bool,
    /// Passed 学时 (tenths) in the 365 days up to `on`, and what the year requires.
    pub retraining_hours_tenths: i64,
    pub retraining_required_hours_tenths: i64,
    /// Workshop and team level must be given again (post change or a long absence).
    pub reeducation_due: bool,
    pub first_passed_on: Option<NaiveDate>,
    pub last_class_on: Option<NaiveDate>,
    /// Nothing missing.
    pub complete: bool,
    pub issues: Vec<StandingIssue>,
}

/// `学时` for people: 24, 7.5.
pub fn hours_text(tenths: i64) -> String {
    if tenths % 10 == 0 { format!("{}", tenths / 10) } else { format!("{}.{}", tenths / 10, (tenths % 10).abs()) }
}

fn issue(code: &str, message: String) -> StandingIssue {
    StandingIssue { code: code.into(), message }
}

const PRE_JOB: [ClassLevel; 3] = [ClassLevel::Company, ClassLevel::Workshop, ClassLevel::Team];

/// The standing of a person on `on` (classes after `on` do not count).
///
/// - pre-job: each of 厂级 / 车间级 / 班组级 passed, and their passed 学时 together at least
///   `education_hours_general` (or `education_hours_high_risk` for high-risk work);
/// - re-training: on high-risk work, once the first passed class is more than a year old, at
///   least `retraining_hours` of passed classes (any level) in the 365 days up to `on`;
/// - re-education: after a post change, a passed 车间级 and 班组级 class on or after the change;
///   after `reeducation_after_days_away` days or more with no class and no site entry, again.
pub fn standing(
    attended: &[Attended],
    rules: &SafetyRules,
    high_risk: bool,
    post_changed_on: Option<NaiveDate>,
    last_on_site: Option<NaiveDate>,
    on: NaiveDate,
) -> EducationStanding {
    let counted: Vec<&Attended> = attended.iter().filter(|a| a.held_on <= on).collect();
    let levels: Vec<LevelStanding> = ClassLevel::ALL
        .iter()
        .map(|&level| {
            let of_level = counted.iter().filter(|a| a.level == level);
            let passed: Vec<&&Attended> = of_level.clone().filter(|a| a.passed).collect();
            LevelStanding {
                level,
                attended: of_level.count() as i64,
                passed: passed.len() as i64,
                hours_tenths: passed.iter().map(|a| a.hours_tenths).sum(),
                last_passed_on: passed.iter().map(|a| a.held_on).max(),
            }
        })
        .collect();
    let mut issues = Vec::new();

    // Each level present and passed.
    for level in PRE_JOB {
        let l = &levels[ClassLevel::ALL.iter().position(|x| *x == level).unwrap_or(0)];
        if l.attended == 0 {
            issues.push(issue("education_level_missing", format!("未参加{}安全教育", level.label())));
        } else if l.passed == 0 {
            issues.push(issue("education_level_failed", format!("{}安全教育考试未合格", level.label())));
        }
    }
    let levels_complete = issues.is_empty();

    // Pre-job hours.
    let pre_job_hours_tenths: i64 = levels.iter().filter(|l| PRE_JOB.contains(&l.level)).map(|l| l.hours_tenths).sum();
    let required_hours = if high_risk { rules.education_hours_high_risk } else { rules.education_hours_general };
    let required_hours_tenths = required_hours * 10;
    if pre_job_hours_tenths < required_hours_tenths {
        issues.push(issue(
            "education_hours_short",
            format!(
                "三级安全教育学时不足:已 {} 学时,须 {} 学时{}",
                hours_text(pre_job_hours_tenths),
                required_hours,
                if high_risk { "(高危作业)" } else { "" }
            ),
        ));
    }

    // Yearly re-training on high-risk work, after the first year.
    let first_passed_on = counted.iter().filter(|a| a.passed).map(|a| a.held_on).min();
    let year_start = on - Duration::days(365);
    let retraining_required = high_risk && first_passed_on.is_some_and(|first| first < year_start);
    let retraining_hours_tenths: i64 =
        counted.iter().filter(|a| a.passed && a.held_on > year_start).map(|a| a.hours_tenths).sum();
    let retraining_required_hours_tenths = if retraining_required { rules.retraining_hours * 10 } else { 0 };
    if retraining_required && retraining_hours_tenths < retraining_required_hours_tenths {
        issues.push(issue(
            "retraining_short",
            format!(
                "年度再培训学时不足:近一年已 {} 学时,须 {} 学时",
                hours_text(retraining_hours_tenths),
                rules.retraining_hours
            ),
        ));
    }

    // Re-education after a post change: workshop and team level again, on or after the change.
    let mut reeducation_due = false;
    if let Some(changed) = post_changed_on.filter(|d| *d <= on) {
        let again = |level: ClassLevel| counted.iter().any(|a| a.level == level && a.passed && a.held_on >= changed);
        let missing: Vec<&str> =
            [ClassLevel::Workshop, ClassLevel::Team].into_iter().filter(|l| !again(*l)).map(|l| l.label()).collect();
        if !missing.is_empty() {
            reeducation_due = true;
            issues.push(issue(
                "reeducation_after_post_change",
                format!("{} 调换岗位后须重新进行{}安全教育", changed.format("%Y-%m-%d"), missing.join("、")),
            ));
        }
    }

    // Re-education after a long absence: no class and no site entry for that many days.
    let last_class_on = counted.iter().map(|a| a.held_on).max();
    let last_seen = last_class_on.max(last_on_site.filter(|d| *d <= on));
    if let Some(seen) = last_seen
        && (on - seen).num_days() >= rules.reeducation_after_days_away
        && !reeducation_due
    {
        reeducation_due = true;
        issues.push(issue(
            "reeducation_after_absence",
            format!(
                "离岗已 {} 天(上次培训或进场 {}),须重新进行车间级、班组级安全教育",
                (on - seen).num_days(),
                seen.format("%Y-%m-%d")
            ),
        ));
    }

    EducationStanding {
        on,
        high_risk,
        levels,
        pre_job_hours_tenths,
        required_hours_tenths,
        levels_complete,
        retraining_required,
        retraining_hours_tenths,
        retraining_required_hours_tenths,
        reeducation_due,
        first_passed_on,
        last_class_on,
        complete: issues.is_empty(),
        issues,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn class(level: ClassLevel, held_on: NaiveDate, hours: i64, passed: bool) -> Attended {
        Attended { level, held_on, hours_tenths: hours * 10, passed }
    }

    /// 8 + 8 + 8 学时, all passed, on 2026-03-01..03.
    fn full(start: NaiveDate) -> Vec<Attended> {
        vec![
            class(ClassLevel::Company, start, 8, true),
            class(ClassLevel::Workshop, start + Duration::days(1), 8, true),
            class(ClassLevel::Team, start + Duration::days(2), 8, true),
        ]
    }

    fn codes(s: &EducationStanding) -> Vec<&str> {
        s.issues.iter().map(|i| i.code.as_str()).collect()
    }

    #[test]
    fn three_levels_with_24_hours_are_complete() {
        let rules = SafetyRules::default();
        let s = standing(&full(d(2026, 3, 1)), &rules, false, None, None, d(2026, 3, 10));
        assert!(s.complete, "{:?}", s.issues);
        assert_eq!(s.pre_job_hours_tenths, 240);
        assert_eq!(s.required_hours_tenths, 240);
        assert!(s.levels_complete);
        assert_eq!(s.levels[0].passed, 1);
    }

    #[test]
    fn missing_and_failed_levels_are_named() {
        let rules = SafetyRules::default();
        let mut classes = full(d(2026, 3, 1));
        classes[1].passed = false; // workshop failed
        classes.remove(2); // no team class
        let s = standing(&classes, &rules, false, None, None, d(2026, 3, 10));
        assert!(!s.complete);
        assert!(!s.levels_complete);
        assert_eq!(codes(&s), ["education_level_failed", "education_level_missing", "education_hours_short"]);
        assert_eq!(s.issues[0].message, "车间级安全教育考试未合格");
        assert_eq!(s.issues[1].message, "未参加班组级安全教育");
        assert_eq!(s.issues[2].message, "三级安全教育学时不足:已 8 学时,须 24 学时");
    }

    #[test]
    fn hours_short_of_24_or_of_72_for_high_risk() {
        let rules = SafetyRules::default();
        let mut classes = full(d(2026, 3, 1));
        classes[2].hours_tenths = 75; // team 7.5 学时: 23.5 in all
        let s = standing(&classes, &rules, false, None, None, d(2026, 3, 10));
        assert_eq!(codes(&s), ["education_hours_short"]);
        assert_eq!(s.issues[0].message, "三级安全教育学时不足:已 23.5 学时,须 24 学时");

        let s = standing(&full(d(2026, 3, 1)), &rules, true, None, None, d(2026, 3, 10));
        assert_eq!(s.required_hours_tenths, 720);
        assert_eq!(s.issues[0].message, "三级安全教育学时不足:已 24 学时,须 72 学时(高危作业)");
        let mut long = full(d(2026, 3, 1));
        for a in &mut long {
            a.hours_tenths = 240;
        }
        assert!(standing(&long, &rules, true, None, None, d(2026, 3, 10)).complete);
    }

    #[test]
    fn classes_after_the_day_asked_do_not_count() {
        let rules = SafetyRules::default();
        let s = standing(&full(d(2026, 3, 1)), &rules, false, None, None, d(2026, 3, 2));
        assert_eq!(codes(&s), ["education_level_missing", "education_hours_short"]);
    }

    #[test]
    fn retraining_applies_to_high_risk_after_the_first_year() {
        let rules = SafetyRules::default();
        let mut classes: Vec<Attended> = full(d(2025, 1, 1));
        for a in &mut classes {
            a.hours_tenths = 240;
        }
        // Within the first year: no re-training asked.
        let s = standing(&classes, &rules, true, None, Some(d(2025, 12, 1)), d(2025, 12, 31));
        assert!(!s.retraining_required);
        assert!(s.complete, "{:?}", s.issues);
        // More than a year later, nothing in the last 365 days.
        let on = d(2026, 6, 1);
        let s = standing(&classes, &rules, true, None, Some(d(2026, 5, 30)), on);
        assert!(s.retraining_required);
        assert_eq!(codes(&s), ["retraining_short"]);
        assert_eq!(s.issues[0].message, "年度再培训学时不足:近一年已 0 学时,须 20 学时");
        // 20 学时 of annual classes within the year: current. A class exactly 365 days before
        // `on` is outside the year.
        let mut current = classes.clone();
        current.push(class(ClassLevel::Annual, on - Duration::days(365), 20, true));
        assert_eq!(codes(&standing(&current, &rules, true, None, Some(d(2026, 5, 30)), on)), ["retraining_short"]);
        current.push(class(ClassLevel::Annual, on - Duration::days(364), 12, true));
        current.push(class(ClassLevel::Team, on - Duration::days(10), 8, true));
        let s = standing(&current, &rules, true, None, Some(d(2026, 5, 30)), on);
        assert_eq!(s.retraining_hours_tenths, 200);
        assert!(s.complete, "{:?}", s.issues);
        // General work: no yearly re-training.
        let s = standing(&full(d(2025, 1, 1)), &rules, false, None, Some(d(2026, 5, 30)), on);
        assert!(!s.retraining_required);
        assert!(s.complete);
    }

    #[test]
    fn a_post_change_asks_for_workshop_and_team_level_again() {
        let rules = SafetyRules::default();
        let changed = d(2026, 5, 1);
        let mut classes = full(d(2026, 3, 1));
        let s = standing(&classes, &rules, false, Some(changed), Some(d(2026, 5, 2)), d(2026, 5, 3));
        assert!(s.reeducation_due);
        assert_eq!(s.issues[0].message, "2026-05-01 调换岗位后须重新进行车间级、班组级安全教育");
        // A class the day before the change does not count; on the day it does.
        classes.push(class(ClassLevel::Workshop, changed - Duration::days(1), 4, true));
        classes.push(class(ClassLevel::Team, changed, 4, true));
        let s = standing(&classes, &rules, false, Some(changed), Some(d(2026, 5, 2)), d(2026, 5, 3));
        assert_eq!(s.issues[0].message, "2026-05-01 调换岗位后须重新进行车间级安全教育");
        classes.push(class(ClassLevel::Workshop, changed, 4, true));
        let s = standing(&classes, &rules, false, Some(changed), Some(d(2026, 5, 2)), d(2026, 5, 3));
        assert!(s.complete, "{:?}", s.issues);
        // A change announced for later does not count yet.
        let s = standing(&full(d(2026, 3, 1)), &rules, false, Some(d(2026, 6, 1)), None, d(2026, 5, 3));
        assert!(s.complete);
    }

    #[test]
    fn a_year_away_asks_for_reeducation() {
        let rules = SafetyRules::default();
        let classes = full(d(2025, 3, 1));
        let last_on_site = d(2025, 6, 1);
        // 364 days after the last entry: still fine; 365: due.
        let s = standing(&classes, &rules, false, None, Some(last_on_site), last_on_site + Duration::days(364));
        assert!(s.complete, "{:?}", s.issues);
        let s = standing(&classes, &rules, false, None, Some(last_on_site), last_on_site + Duration::days(365));
        assert_eq!(codes(&s), ["reeducation_after_absence"]);
        assert_eq!(s.issues[0].message, "离岗已 365 天(上次培训或进场 2025-06-01),须重新进行车间级、班组级安全教育");
        // Never on site: the last class counts.
        let s = standing(&classes, &rules, false, None, None, d(2026, 3, 3));
        assert_eq!(codes(&s), ["reeducation_after_absence"]);
        // A fresh class resets the clock.
        let mut again = classes.clone();
        again.push(class(ClassLevel::Workshop, d(2026, 3, 1), 4, true));
        assert!(standing(&again, &rules, false, None, None, d(2026, 3, 3)).complete);
    }

    #[test]
    fn hours_print_with_one_decimal_only_when_needed() {
        assert_eq!(hours_text(240), "24");
        assert_eq!(hours_text(75), "7.5");
        assert_eq!(hours_text(0), "0");
    }
}
