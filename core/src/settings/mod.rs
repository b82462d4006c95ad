//! Typed settings with defaults. Each field is one row (key, JSON value); fields a newer
//! program wrote and this one does not know are left alone, and missing ones take defaults.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::account::{Actor, Permission};
use crate::audit::{self, Action, Change, Entity};
use crate::clock::db_time;
use crate::db::Store;
use crate::error::{Error, Result};
use crate::validate;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export_to = "bindings.ts")]
pub struct Settings {
    /// Printed in the header of every form.
    pub company_name: String,
    /// The company's particulars as 甲方 of the safety agreement: 统一社会信用代码 (GB 32100,
    /// checked), 法定代表人, 地址, 电话. Empty until the admin fills them in.
    pub company_credit_code: String,
    pub company_legal_rep: String,
    pub company_address: String,
    pub company_phone: String,
    /// IANA name; dates are shown and typed in this zone.
    pub time_zone: String,
    /// A complaint with no customer contact this many hours after receipt is flagged overdue
    /// (the rule asks for contact 第一时间).
    pub first_contact_hours: i64,
    /// Company mode: a desk's session ends after this many hours without a call (default 8).
    /// Left out of an update (a screen that does not show it), the stored value is kept.
    #[serde(default)]
    #[ts(optional)]
    pub session_idle_hours: Option<i64>,
    /// The departments that must sign every 严重/重大 remedy (报各部门审批); a round may add more,
    /// never leave one of these out. Seeded with 生产部, 技术部, 售后服务部, 业务部, 品控中心.
    pub signoff_department_ids: Vec<i64>,
    /// 项目原因: the cause codes an analysis picks from (the monthly report attributes by them).
    pub cause_codes: Vec<String>,
    /// The after-sales contact the letters to customers name (联系人 and 电话).
    pub service_contact_name: String,
    pub service_contact_phone: String,
    /// Days a customer has to object to an appraisal (鉴定说明函), default 15.
    pub objection_days: i64,
    // --- report ---
    /// The complaint rate the monthly report states as official (the rule fixes none).
    pub complaint_rate_formula: crate::report::RateFormula,
    /// The target for that rate, in the formula's unit (% or PPM); `None`: no target set.
    pub complaint_rate_target: Option<f64>,
    /// A month's report is due on this day of the next month (1–28) …
    pub report_deadline_day: u32,
    /// … at this hour, company time (0–23). The rule: the 5th at 17:00.
    pub report_deadline_hour: u32,
    // --- survey ---
    /// A satisfaction survey after every closed complaint: the customer is added to the standing
    /// campaign 投诉结案满意度调查 when the complaint closes. Off unless set; left out of an
    /// update (a screen that does not show it), the stored value is kept.
    #[serde(default)]
    #[ts(optional)]
    pub survey_after_close: Option<bool>,
    // --- server (scheduled backups) ---
    /// Company mode: the hour (company time, 0–23) the server backs its data folder up each day
    /// (default 2). Left out of an update, the stored value is kept.
    #[serde(default)]
    #[ts(optional)]
    pub backup_hour: Option<i64>,
    /// Company mode: how many daily backups the server keeps (default 14; older ones are removed).
    #[serde(default)]
    #[ts(optional)]
    pub backup_keep: Option<i64>,
    // --- service ---
    /// Closing a complaint schedules a follow-up visit (回访) to its customer.
    pub follow_up_visit_after_close: bool,
    /// That visit is due this many days after the closing day.
    pub follow_up_visit_days: i64,
    // --- contractor people (issue 10) ---
    /// The safety department's numbers for outside personnel (education hours, warning windows,
    /// review cycles). Left out of an update (a screen that does not show them), the stored ones
    /// are kept; read them with [`Settings::safety_rules`].
    #[serde(default)]
    #[ts(optional)]
    pub safety: Option<SafetyRules>,
}

/// The numbers of `domain/contractor-safety.md` §5 and §6, editable because some come from
/// reprints of the regulations rather than the gazette.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export_to = "bindings.ts")]
pub struct SafetyRules {
    /// 岗前安全培训学时, general work (default 24).
    pub education_hours_general: i64,
    /// 岗前安全培训学时, 金属冶炼 and other high-risk work (default 72).
    pub education_hours_high_risk: i64,
    /// 每年再培训学时, high-risk work (default 20).
    pub retraining_hours: i64,
    /// Away this many days (or a post change) → workshop- and team-level education again (365).
    pub reeducation_after_days_away: i64,
    /// Warn at the gate when a certificate expires within this many days (30).
    pub warn_certificate_days: i64,
    /// Warn when a certificate's review is due within this many days (60: the window to apply).
    pub warn_review_days: i64,
    /// Warn when the engagement ends within this many days (7).
    pub warn_engagement_end_days: i64,
    /// 特种作业操作证: review every this many years (3).
    pub special_operation_review_years: i64,
    /// 特种设备作业人员证: review every this many years (4).
    pub special_equipment_review_years: i64,
    /// An accident is reported to the authority within this many minutes (60).
    pub accident_report_minutes: i64,
}

impl Default for SafetyRules {
    fn default() -> Self {
        SafetyRules {
            education_hours_general: 24,
            education_hours_high_risk: 72,
            retraining_hours: 20,
            reeducation_after_days_away: 365,
            warn_certificate_days: 30,
            warn_review_days: 60,
            warn_engagement_end_days: 7,
            special_operation_review_years: 3,
            special_equipment_review_years: 4,
            accident_report_minutes: 60,
        }
    }
}

impl SafetyRules {
    fn validated(self) -> Result<SafetyRules> {
        let checks: [(&str, &str, i64, std::ops::RangeInclusive<i64>); 10] = [
            ("safety.education_hours_general", "一般岗位岗前培训学时", self.education_hours_general, 1..=200),
            ("safety.education_hours_high_risk", "高危岗位岗前培训学时", self.education_hours_high_risk, 1..=400),
            ("safety.retraining_hours", "每年再培训学时", self.retraining_hours, 0..=200),
            ("safety.reeducation_after_days_away", "离岗重新教育天数", self.reeducation_after_days_away, 30..=3650),
            ("safety.warn_certificate_days", "证书到期提醒天数", self.warn_certificate_days, 0..=365),
            ("safety.warn_review_days", "证书复审提醒天数", self.warn_review_days, 0..=365),
            ("safety.warn_engagement_end_days", "项目到期提醒天数", self.warn_engagement_end_days, 0..=90),
            (
                "safety.special_operation_review_years",
                "特种作业操作证复审周期(年)",
                self.special_operation_review_years,
                1..=10,
            ),
            (
                "safety.special_equipment_review_years",
                "特种设备作业人员证复审周期(年)",
                self.special_equipment_review_years,
                1..=10,
            ),
            ("safety.accident_report_minutes", "事故上报时限(分钟)", self.accident_report_minutes, 1..=1440),
        ];
        for (field, label, value, range) in checks {
            if !range.contains(&value) {
                return Err(Error::validation(field, format!("{label}须在{}到{}之间", range.start(), range.end())));
            }
        }
        Ok(self)
    }
}

/// Company mode: the server's daily backup hour and how many it keeps, unless the settings say
/// otherwise.
pub const DEFAULT_BACKUP_HOUR: i64 = 2;
pub const DEFAULT_BACKUP_KEEP: i64 = 14;

/// Hours a company-mode session may stay idle unless the settings say otherwise.
pub const DEFAULT_SESSION_IDLE_HOURS: i64 = 8;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            company_name: String::new(),
            company_credit_code: String::new(),
            company_legal_rep: String::new(),
            company_address: String::new(),
            company_phone: String::new(),
            time_zone: "Asia/Shanghai".into(),
            first_contact_hours: 24,
            session_idle_hours: Some(DEFAULT_SESSION_IDLE_HOURS),
            signoff_department_ids: vec![],
            cause_codes: ["原材料", "生产工艺", "设备", "检验漏检", "包装运输", "设计", "人员操作", "客户使用", "其他"]
                .map(String::from)
                .to_vec(),
            service_contact_name: String::new(),
            service_contact_phone: String::new(),
            objection_days: 15,
            complaint_rate_formula: crate::report::RateFormula::CaseRate,
            complaint_rate_target: None,
            report_deadline_day: 5,
            report_deadline_hour: 17,
            survey_after_close: None,
            backup_hour: Some(DEFAULT_BACKUP_HOUR),
            backup_keep: Some(DEFAULT_BACKUP_KEEP),
            follow_up_visit_after_close: true,
            follow_up_visit_days: 7,
            safety: None,
        }
    }
}

impl Settings {
    /// The configured time zone (validated on save; Asia/Shanghai if the stored one is unreadable).
    pub fn zone(&self) -> chrono_tz::Tz {
        self.time_zone.parse().unwrap_or(chrono_tz::Asia::Shanghai)
    }

    /// The company's local date of `now` (dates typed by users are local dates).
    pub fn today(&self, now: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDate {
        now.with_timezone(&self.zone()).date_naive()
    }

    /// The outside-personnel numbers (the defaults unless the safety department set them).
    pub fn safety_rules(&self) -> SafetyRules {
        self.safety.clone().unwrap_or_default()
    }

    /// How long a company-mode session may stay idle.
    pub fn session_idle(&self) -> chrono::Duration {
        chrono::Duration::hours(self.session_idle_hours.unwrap_or(DEFAULT_SESSION_IDLE_HOURS))
    }

    fn validated(self) -> Result<Settings> {
        let company_name = validate::required("company_name", "公司名称", &self.company_name, 64)?;
        let time_zone = self.time_zone.trim().to_owned();
        if time_zone.parse::<chrono_tz::Tz>().is_err() {
            return Err(Error::validation("time_zone", format!("时区“{time_zone}”无法识别,例如 Asia/Shanghai")));
        }
        if !(1..=720).contains(&self.first_contact_hours) {
            return Err(Error::validation("first_contact_hours", "首次联系时限须在1到720小时之间"));
        }
        if let Some(hours) = self.session_idle_hours
            && !(1..=720).contains(&hours)
        {
            return Err(Error::validation("session_idle_hours", "会话空闲时限须在1到720小时之间"));
        }
        if let Some(hour) = self.backup_hour
            && !(0..=23).contains(&hour)
        {
            return Err(Error::validation("backup_hour", "自动备份时间须在0到23点之间"));
        }
        if let Some(keep) = self.backup_keep
            && !(1..=365).contains(&keep)
        {
            return Err(Error::validation("backup_keep", "自动备份保留份数须在1到365之间"));
        }
        let mut signoff_department_ids = self.signoff_department_ids;
        signoff_department_ids.sort_unstable();
        signoff_department_ids.dedup();
        let mut cause_codes: Vec<String> = Vec::new();
        for code in &self.cause_codes {
            let code = validate::required("cause_codes", "项目原因", code, 16)?;
            if !cause_codes.contains(&code) {
                cause_codes.push(code);
            }
        }
        if cause_codes.is_empty() {
            return Err(Error::validation("cause_codes", "项目原因至少需要一项"));
        }
        if !(1..=90).contains(&self.objection_days) {
            return Err(Error::validation("objection_days", "异议期限须在1到90天之间"));
        }
        let company_credit_code = match self.company_credit_code.trim() {
            "" => String::new(),
            code => crate::contractor::credit_code::validate(code)
                .map_err(|e| Error::validation("company_credit_code", e.user_message()))?,
        };
        let company_legal_rep = validate::optional("company_legal_rep", "法定代表人", &self.company_legal_rep, 32)?;
        let company_address = validate::optional("company_address", "公司地址", &self.company_address, 120)?;
        let company_phone = validate::optional("company_phone", "公司电话", &self.company_phone, 32)?;
        let service_contact_name =
            validate::optional("service_contact_name", "售后服务联系人", &self.service_contact_name, 32)?;
        let service_contact_phone =
            validate::optional("service_contact_phone", "售后服务电话", &self.service_contact_phone, 32)?;
        // Fields not checked here are taken as they are (`..self`), so a module's new setting
        // needs no line in this function unless it has a rule.
        if !(1..=28).contains(&self.report_deadline_day) {
            return Err(Error::validation("report_deadline_day", "报表报送日须在每月1日到28日之间"));
        }
        if self.report_deadline_hour > 23 {
            return Err(Error::validation("report_deadline_hour", "报表报送时间须在0到23点之间"));
        }
        if let Some(target) = self.complaint_rate_target
            && !(target.is_finite() && target >= 0.0)
        {
            return Err(Error::validation("complaint_rate_target", "投诉率目标不能为负数"));
        }
        if !(0..=90).contains(&self.follow_up_visit_days) {
            return Err(Error::validation("follow_up_visit_days", "结案后回访天数须在0到90天之间"));
        }
        let safety = self.safety.map(SafetyRules::validated).transpose()?;
        Ok(Settings {
            company_name,
            time_zone,
            signoff_department_ids,
            cause_codes,
            service_contact_name,
            service_contact_phone,
            company_credit_code,
            company_legal_rep,
            company_address,
            company_phone,
            safety,
            ..self
        })
    }
}

pub async fn load(store: &Store) -> Result<Settings> {
    let mut conn = store.pool().acquire().await?;
    load_on(&mut conn).await
}

/// The company's local date of `now`, from the stored settings.
pub async fn today(store: &Store, now: chrono::DateTime<chrono::Utc>) -> Result<chrono::NaiveDate> {
    Ok(load(store).await?.today(now))
}

pub(crate) async fn load_on(conn: &mut SqliteConnection) -> Result<Settings> {
    let rows = sqlx::query!("SELECT key AS \"key!\", value FROM setting").fetch_all(conn).await?;
    let mut merged = serde_json::to_value(Settings::default()).map_err(|e| Error::Internal(e.to_string()))?;
    let fields = merged.as_object_mut().expect("settings serialise to an object");
    for row in rows {
        if fields.contains_key(&row.key) {
            let value =
                serde_json::from_str(&row.value).map_err(|e| Error::Corrupt(format!("setting {}: {e}", row.key)))?;
            fields.insert(row.key, value);
        }
    }
    serde_json::from_value(merged).map_err(|e| Error::Corrupt(format!("settings: {e}")))
}

pub async fn update(store: &Store, actor: &Actor, new: Settings, now: DateTime<Utc>) -> Result<Settings> {
    actor.require(Permission::ManageSettings)?;
    let mut new = new.validated()?;
    let mut w = crate::write::Write::begin(store, actor, now).await?;
    if new.session_idle_hours.is_none() {
        new.session_idle_hours = load_on(w.conn()).await?.session_idle_hours;
    }
    if new.survey_after_close.is_none() {
        new.survey_after_close = load_on(w.conn()).await?.survey_after_close;
    }
    if new.safety.is_none() {
        new.safety = load_on(w.conn()).await?.safety;
    }
    // --- server (scheduled backups) ---
    if new.backup_hour.is_none() || new.backup_keep.is_none() {
        let stored = load_on(w.conn()).await?;
        new.backup_hour = new.backup_hour.or(stored.backup_hour);
        new.backup_keep = new.backup_keep.or(stored.backup_keep);
    }
    for id in &new.signoff_department_ids {
        let active = sqlx::query_scalar!(r#"SELECT active AS "active: bool" FROM department WHERE id = ?"#, id)
            .fetch_optional(w.conn())
            .await?;
        if active != Some(true) {
            return Err(Error::validation("signoff_department_ids", "必须会签的部门不存在或已停用"));
        }
    }
    write(w.conn(), actor, new, now).await?;
    let saved = load_on(w.conn()).await?;
    w.commit().await?;
    Ok(saved)
}

/// Used by first-run setup, inside its transaction.
pub(crate) async fn write_company_name(
    conn: &mut SqliteConnection,
    actor: &Actor,
    company_name: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let current = load_on(conn).await?;
    let new = Settings { company_name: company_name.to_owned(), ..current }.validated()?;
    write(conn, actor, new, now).await
}

/// Writes the fields that changed, with one audit row holding before and after.
async fn write(conn: &mut SqliteConnection, actor: &Actor, new: Settings, now: DateTime<Utc>) -> Result<()> {
    let before = load_on(conn).await?;
    if before == new {
        return Ok(());
    }
    let to_map = |s: &Settings| match serde_json::to_value(s) {
        Ok(serde_json::Value::Object(map)) => Ok(map),
        other => Err(Error::Internal(format!("settings serialise to {other:?}"))),
    };
    let (old_map, new_map) = (to_map(&before)?, to_map(&new)?);
    let at = db_time(now);
    for (key, value) in &new_map {
        if old_map.get(key) != Some(value) {
            let text = value.to_string();
            sqlx::query!(
                "INSERT INTO setting (key, value, updated_at) VALUES (?, ?, ?)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                key,
                text,
                at
            )
            .execute(&mut *conn)
            .await?;
        }
    }
    audit::record(
        conn,
        Change::diff(
            actor,
            Entity::Settings,
            "",
            Action::Update,
            "修改系统设置".into(),
            Some(&before),
            Some(&new),
            now,
        )?,
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_names_the_field() {
        let err = Settings { company_name: " ".into(), ..Settings::default() }.validated().unwrap_err();
        assert_eq!(err.field(), Some("company_name"));
        let err = Settings { company_name: "甲".into(), time_zone: "Mars/Base".into(), ..Settings::default() }
            .validated()
            .unwrap_err();
        assert_eq!(err.field(), Some("time_zone"));
        let ok = Settings { company_name: " 天津某某有限公司 ".into(), ..Settings::default() }.validated().unwrap();
        assert_eq!(ok.company_name, "天津某某有限公司");
        for hours in [0, 721] {
            let err = Settings { company_name: "甲".into(), session_idle_hours: Some(hours), ..Settings::default() }
                .validated()
                .unwrap_err();
            assert_eq!(err.field(), Some("session_idle_hours"), "{hours}");
        }
    }

    #[test]
    fn an_update_without_the_idle_time_reads_as_none_and_the_default_is_eight_hours() {
        let parsed: Settings =
            serde_json::from_value(serde_json::json!({ "company_name": "甲", "first_contact_hours": 12 })).unwrap();
        assert_eq!(parsed.session_idle_hours, None);
        assert_eq!(Settings::default().session_idle(), chrono::Duration::hours(8));
        let set = Settings { session_idle_hours: Some(2), ..Settings::default() };
        assert_eq!(set.session_idle(), chrono::Duration::hours(2));
    }

    #[test]
    fn safety_rules_default_to_the_regulations_and_a_value_out_of_range_names_its_field() {
        let rules = Settings::default().safety_rules();
        assert_eq!(
            (rules.education_hours_general, rules.education_hours_high_risk, rules.retraining_hours),
            (24, 72, 20)
        );
        assert_eq!((rules.warn_certificate_days, rules.warn_review_days, rules.warn_engagement_end_days), (30, 60, 7));
        let bad = SafetyRules { education_hours_high_risk: 0, ..SafetyRules::default() };
        let err =
            Settings { company_name: "甲".into(), safety: Some(bad), ..Settings::default() }.validated().unwrap_err();
        assert_eq!(err.field(), Some("safety.education_hours_high_risk"));
        assert!(err.user_message().contains("高危岗位岗前培训学时"), "{}", err.user_message());
    }
}
