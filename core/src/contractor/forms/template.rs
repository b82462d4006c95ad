//! The agreement's clause texts as the safety department edits them. Versions are never changed:
//! a save appends the next version, and an engagement keeps the version its agreement was
//! printed with, so a reprint years later reads exactly as the signed paper.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sqlx::SqliteConnection;
use ts_rs::TS;

use crate::account::{Actor, Permission};
use crate::audit::{self, Action, Change, Entity};
use crate::clock::db_time;
use crate::db::Store;
use crate::error::{Error, Result};

/// The shipped text; the migration that created the table stored the same as version 1.
static DEFAULTS_JSON: &str = include_str!("agreement_defaults.json");

/// The sections §7 of the domain notes requires, by key, in their default order. A template must
/// keep every one of them (the heading and text may change; more sections may be added).
pub const REQUIRED_SECTIONS: [(&str, &str); 12] = [
    ("legal_basis", "订立依据"),
    ("party_a_duties", "甲方的安全责任"),
    ("party_b_duties", "乙方的安全责任"),
    ("no_subcontracting", "禁止转包、分包和挂靠"),
    ("safety_costs", "安全生产费用"),
    ("hazards", "隐患排查与整改"),
    ("accidents", "应急救援与事故报告"),
    ("inspections", "安全检查、违规考核与安全风险抵押金"),
    ("public_order", "治安管理"),
    ("liability", "责任划分"),
    ("insurance", "保险"),
    ("validity", "协议效力、份数及附件"),
];

/// What a clause text may contain in braces, replaced by the engagement's values when printed.
pub const PLACEHOLDERS: [&str; 11] = [
    "甲方",
    "乙方",
    "用工部门",
    "工程名称",
    "作业地点",
    "作业区域",
    "开工日期",
    "完工日期",
    "协议编号",
    "合同编号",
    "安全风险抵押金",
];

/// One numbered section of the agreement's clauses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ClauseSection {
    /// Stable name of the section (one of [`REQUIRED_SECTIONS`], or `extra_…` for added ones).
    pub key: String,
    /// The heading without its number (the number follows the position): 甲方的安全责任.
    pub heading: String,
    /// The text; each line is a paragraph. `{乙方}` and the other [`PLACEHOLDERS`] are filled in.
    pub body: String,
}

/// One saved version of the agreement's template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct AgreementTemplate {
    /// 1 is the shipped text; every save adds one.
    pub version: i64,
    /// The four copy labels, in copy order (第一联 安全管理部存档 …).
    pub copy_labels: Vec<String>,
    /// The clause sections, in print order (numbered from 三、 after the parties and the project).
    pub sections: Vec<ClauseSection>,
    /// What the editor said changed.
    pub note: String,
    /// When it was saved; `None` for the shipped text.
    pub saved_at: Option<DateTime<Utc>>,
    /// Who saved it.
    pub saved_by: String,
}

/// A version as the history list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct TemplateVersion {
    pub version: i64,
    pub note: String,
    pub saved_at: Option<DateTime<Utc>>,
    pub saved_by: String,
}

/// What the settings screen saves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct AgreementTemplateInput {
    pub copy_labels: Vec<String>,
    pub sections: Vec<ClauseSection>,
    /// What changed (kept with the version); required.
    pub note: String,
}

#[derive(Deserialize)]
struct Defaults {
    copy_labels: Vec<String>,
    sections: Vec<ClauseSection>,
}

/// The shipped text (what version 1 holds), for a "restore defaults" on the settings screen.
pub fn default_template() -> AgreementTemplate {
    let d: Defaults = serde_json::from_str(DEFAULTS_JSON).expect("the shipped agreement template is valid JSON");
    AgreementTemplate {
        version: 1,
        copy_labels: d.copy_labels,
        sections: d.sections,
        note: "系统默认文本".into(),
        saved_at: None,
        saved_by: "系统".into(),
    }
}

impl AgreementTemplateInput {
    /// Trimmed and checked: four labels; every required section present once with a heading and
    /// a text; only known placeholders; a note saying what changed.
    fn validated(self) -> Result<AgreementTemplateInput> {
        let copy_labels: Vec<String> = self.copy_labels.iter().map(|l| l.trim().to_owned()).collect();
        if copy_labels.len() != 4 {
            return Err(Error::validation("copy_labels", "安全协议书一式四份,须填写四个联次名称"));
        }
        for (i, label) in copy_labels.iter().enumerate() {
            if label.is_empty() || label.chars().count() > 20 {
                return Err(Error::validation("copy_labels", format!("第{}联的名称不能为空,且不超过20个字", i + 1)));
            }
        }
        if copy_labels.iter().collect::<HashSet<_>>().len() != 4 {
            return Err(Error::validation("copy_labels", "四个联次的名称不能相同"));
        }
        let mut sections = Vec::with_capacity(self.sections.len());
        let mut keys = HashSet::new();
        for s in self.sections {
            let section = ClauseSection {
                key: s.key.trim().to_owned(),
                heading: s.heading.trim().to_owned(),
                body: tidy(&s.body),
            };
            let name = if section.heading.is_empty() { section.key.clone() } else { section.heading.clone() };
            if section.key.is_empty() || !keys.insert(section.key.clone()) {
                return Err(Error::validation("sections", format!("条款“{name}”的标识为空或重复")));
            }
            if section.heading.is_empty() || section.heading.chars().count() > 30 {
                return Err(Error::validation(
                    "sections",
                    format!("条款“{}”的标题不能为空,且不超过30个字", section.key),
                ));
            }
            if section.body.is_empty() || section.body.chars().count() > 3000 {
                return Err(Error::validation("sections", format!("条款“{name}”的内容不能为空,且不超过3000个字")));
            }
            if let Some(unknown) = unknown_placeholder(&section.body) {
                return Err(Error::validation(
                    "sections",
                    format!("条款“{name}”中的占位符{{{unknown}}}无法识别,可用:{}", placeholder_list()),
                ));
            }
            sections.push(section);
        }
        for (key, heading) in REQUIRED_SECTIONS {
            if !keys.contains(key) {
                return Err(Error::validation(
                    "sections",
                    format!("缺少必备条款“{heading}”(外用(包)工安全协议书的法定内容)"),
                ));
            }
        }
        // 安全生产法 Art. 106: a clause that exempts liability for casualties is void; the
        // liability section must keep saying so.
        let liability = sections.iter().find(|s| s.key == "liability").map(|s| s.body.as_str()).unwrap_or("");
        if !(liability.contains("伤亡") && liability.contains("无效")) {
            return Err(Error::validation(
                "sections",
                "“责任划分”须保留免除或减轻生产安全事故伤亡责任的约定无效的条款(安全生产法第一百零六条)",
            ));
        }
        let note = self.note.trim().to_owned();
        if note.is_empty() || note.chars().count() > 200 {
            return Err(Error::validation("note", "修改说明不能为空,且不超过200个字"));
        }
        Ok(AgreementTemplateInput { copy_labels, sections, note })
    }
}

/// Lines trimmed at their end, blank lines dropped (each line prints as a paragraph).
fn tidy(body: &str) -> String {
    body.lines().map(str::trim_end).filter(|l| !l.trim().is_empty()).collect::<Vec<_>>().join("\n")
}

fn placeholder_list() -> String {
    PLACEHOLDERS.map(|p| format!("{{{p}}}")).join("")
}

/// The first `{name}` in `text` that is not one of [`PLACEHOLDERS`].
fn unknown_placeholder(text: &str) -> Option<String> {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { return Some(after.chars().take(10).collect()) };
        let name = &after[..close];
        if !PLACEHOLDERS.contains(&name) {
            return Some(name.to_owned());
        }
        rest = &after[close + 1..];
    }
    None
}

/// Replaces every `{name}` of `values` in `text`.
pub(super) fn fill(text: &str, values: &[(&str, String)]) -> String {
    let mut out = text.to_owned();
    for (name, value) in values {
        let key = format!("{{{name}}}");
        if out.contains(&key) {
            out = out.replace(&key, value);
        }
    }
    out
}

struct Row {
    version: i64,
    copy_labels: String,
    sections: String,
    note: String,
    saved_at: Option<String>,
    saved_by: String,
}

fn parse_time(text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| Error::Corrupt(format!("agreement_template.saved_at {text}: {e}")))
}

impl TryFrom<Row> for AgreementTemplate {
    type Error = Error;
    fn try_from(r: Row) -> Result<AgreementTemplate> {
        let corrupt = |e: serde_json::Error| Error::Corrupt(format!("agreement_template {}: {e}", r.version));
        Ok(AgreementTemplate {
            version: r.version,
            copy_labels: serde_json::from_str(&r.copy_labels).map_err(corrupt)?,
            sections: serde_json::from_str(&r.sections).map_err(corrupt)?,
            note: r.note,
            saved_at: r.saved_at.as_deref().map(parse_time).transpose()?,
            saved_by: r.saved_by,
        })
    }
}

/// The newest version: what a new agreement is printed with.
pub async fn current_template(conn: &mut SqliteConnection) -> Result<AgreementTemplate> {
    let row = sqlx::query_as!(
        Row,
        r#"SELECT version AS "version!", copy_labels, sections, note, saved_at, saved_by
           FROM agreement_template ORDER BY version DESC LIMIT 1"#
    )
    .fetch_optional(conn)
    .await?;
    // The migration stores version 1, so the table is never empty unless someone emptied it.
    row.ok_or_else(|| Error::Corrupt("agreement_template is empty".into()))?.try_into()
}

/// Version `version` exactly as it was saved (a reprint of an agreement signed under it).
pub async fn template(conn: &mut SqliteConnection, version: i64) -> Result<AgreementTemplate> {
    sqlx::query_as!(
        Row,
        r#"SELECT version AS "version!", copy_labels, sections, note, saved_at, saved_by
           FROM agreement_template WHERE version = ?"#,
        version
    )
    .fetch_optional(conn)
    .await?
    .ok_or(Error::NotFound("安全协议书模板版本"))?
    .try_into()
}

/// Every version, newest first, for the history on the settings screen.
pub async fn template_versions(store: &Store, actor: &Actor) -> Result<Vec<TemplateVersion>> {
    actor.require(Permission::EditAgreementTemplate)?;
    let rows = sqlx::query!(
        r#"SELECT version AS "version!", note, saved_at, saved_by FROM agreement_template ORDER BY version DESC"#
    )
    .fetch_all(store.pool())
    .await?;
    rows.into_iter()
        .map(|r| {
            Ok(TemplateVersion {
                version: r.version,
                note: r.note,
                saved_at: r.saved_at.as_deref().map(parse_time).transpose()?,
                saved_by: r.saved_by,
            })
        })
        .collect()
}

/// The current version, or `version`, for the settings screen (safety department and admin).
pub async fn get_template(store: &Store, actor: &Actor, version: Option<i64>) -> Result<AgreementTemplate> {
    actor.require(Permission::EditAgreementTemplate)?;
    let mut conn = store.pool().acquire().await?;
    match version {
        Some(v) => template(&mut conn, v).await,
        None => current_template(&mut conn).await,
    }
}

/// Saves `input` as the next version (never changing an old one) and returns it. Saving the
/// current text unchanged adds no version.
pub async fn save_template(
    store: &Store,
    actor: &Actor,
    input: AgreementTemplateInput,
    now: DateTime<Utc>,
) -> Result<AgreementTemplate> {
    actor.require(Permission::EditAgreementTemplate)?;
    let input = input.validated()?;
    let mut w = crate::write::Write::begin(store, actor, now).await?;
    let before = current_template(w.conn()).await?;
    if before.copy_labels == input.copy_labels && before.sections == input.sections {
        return Ok(before);
    }
    let version = before.version + 1;
    let labels = serde_json::to_string(&input.copy_labels).map_err(|e| Error::Internal(e.to_string()))?;
    let sections = serde_json::to_string(&input.sections).map_err(|e| Error::Internal(e.to_string()))?;
    let at = db_time(now);
    sqlx::query!(
        "INSERT INTO agreement_template (version, copy_labels, sections, note, saved_at, saved_by)
         VALUES (?, ?, ?, ?, ?, ?)",
        version,
        labels,
        sections,
        input.note,
        at,
        actor.display_name
    )
    .execute(w.conn())
    .await?;
    let after = template(w.conn(), version).await?;
    audit::record(
        w.conn(),
        Change::diff(
            actor,
            Entity::AgreementTemplate,
            version,
            Action::Create,
            format!("安全协议书模板第{version}版:{}", input.note),
            Some(&before),
            Some(&after),
            now,
        )?,
    )
    .await?;
    w.commit().await?;
    Ok(after)
}

/// The sample engagement's agreement printed with `input` as it would be saved (the settings
/// screen's preview before saving); nothing is stored.
pub async fn preview_template(store: &Store, actor: &Actor, input: AgreementTemplateInput) -> Result<Vec<u8>> {
    actor.require(Permission::EditAgreementTemplate)?;
    let input = input.validated()?;
    let company = crate::settings::load(store).await?.company_name;
    let mut conn = store.pool().acquire().await?;
    let next = current_template(&mut conn).await?.version + 1;
    drop(conn);
    let template = AgreementTemplate {
        version: next,
        copy_labels: input.copy_labels,
        sections: input.sections,
        note: input.note,
        saved_at: None,
        saved_by: actor.display_name.clone(),
    };
    super::agreement_pdf(&super::sample_agreement(&company, 12), &template)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> AgreementTemplateInput {
        let d = default_template();
        AgreementTemplateInput { copy_labels: d.copy_labels, sections: d.sections, note: "调整".into() }
    }

    #[test]
    fn the_shipped_text_passes_its_own_rules_and_has_every_required_section_in_order() {
        let d = default_template();
        let keys: Vec<&str> = d.sections.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(keys, REQUIRED_SECTIONS.map(|(k, _)| k));
        let headings: Vec<&str> = d.sections.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(headings, REQUIRED_SECTIONS.map(|(_, h)| h));
        let ok = input().validated().unwrap();
        assert_eq!(ok.sections, d.sections, "the shipped text is already tidy");
    }

    #[test]
    fn validation_names_what_is_wrong() {
        let mut three = input();
        three.copy_labels.pop();
        assert!(three.validated().unwrap_err().user_message().contains("四个联次"));

        let mut same = input();
        same.copy_labels[3] = same.copy_labels[0].clone();
        assert!(same.validated().unwrap_err().user_message().contains("不能相同"));

        let mut missing = input();
        missing.sections.retain(|s| s.key != "no_subcontracting");
        let err = missing.validated().unwrap_err();
        assert_eq!(err.field(), Some("sections"));
        assert!(err.user_message().contains("禁止转包、分包和挂靠"), "{}", err.user_message());

        let mut unknown = input();
        unknown.sections[0].body.push_str("{甲方代表}");
        let message = unknown.validated().unwrap_err().user_message();
        assert!(message.contains("{甲方代表}") && message.contains("{乙方}"), "{message}");

        let mut exempt = input();
        let liability = exempt.sections.iter_mut().find(|s| s.key == "liability").unwrap();
        liability.body = "乙方自行承担全部责任。".into();
        assert!(exempt.validated().unwrap_err().user_message().contains("第一百零六条"));

        let mut silent = input();
        silent.note = " ".into();
        assert_eq!(silent.validated().unwrap_err().field(), Some("note"));

        let mut extra = input();
        extra.sections.push(ClauseSection {
            key: "extra_1".into(),
            heading: "其他约定".into(),
            body: "  a \n\n b ".into(),
        });
        let ok = extra.validated().unwrap();
        assert_eq!(ok.sections.last().unwrap().body, "  a\n b", "blank lines and trailing spaces go");
    }

    #[test]
    fn placeholders_are_filled_and_unknown_ones_found() {
        let text = "甲方{甲方}与乙方{乙方},{乙方}负责。";
        let filled = fill(text, &[("甲方", "钢厂".into()), ("乙方", "宏达".into())]);
        assert_eq!(filled, "甲方钢厂与乙方宏达,宏达负责。");
        assert_eq!(unknown_placeholder("{开工日期}至{完工日期}"), None);
        assert_eq!(unknown_placeholder("{开工日期}至{结束}"), Some("结束".into()));
        assert_eq!(unknown_placeholder("未闭合{开工"), Some("开工".into()));
    }
}
