//! Contracting and service units (承包/服务单位): legal-person data with the 统一社会信用代码,
//! bank and account (an independent account is the rule's test for 外包工), contacts,
//! certificates with validity and scans, and the blacklist.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection};
use ts_rs::TS;

use super::{credit_code, local_today};
use crate::account::{Actor, Permission};
use crate::attachment::{self, Attachment, OwnerKind};
use crate::audit::{self, Action, AuditEvent, AuditFilter, Entity};
use crate::clock::db_time;
use crate::db::Store;
use crate::error::{Error, Result, on_unique};
use crate::keyed::keyed_enum;
use crate::listing::{self, Cursor, Key, Order, Page};
use crate::search::{self, SearchIndex, Term};
use crate::validate;
use crate::write::{Record, Write};

/// The units' search index (name, code, legal representative, contacts).
pub const UNIT_SEARCH: SearchIndex = SearchIndex::new("contractor_unit", "unit_id");

keyed_enum!(
    CertificateKind {
        BusinessLicence = "business_licence" / "营业执照",
        Qualification = "qualification" / "资质证书",
        SafetyPermit = "safety_permit" / "安全生产许可证",
        Other = "other" / "其他证书",
    }
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct UnitContact {
    pub name: String,
    pub title: String,
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct UnitCertificate {
    pub id: i64,
    pub kind: CertificateKind,
    /// e.g. 建筑业企业资质证书 施工总承包二级.
    pub name: String,
    pub number: String,
    pub issuer: String,
    pub valid_from: Option<NaiveDate>,
    /// `None`: 长期.
    pub valid_to: Option<NaiveDate>,
    pub attachments: Vec<Attachment>,
    pub version: i64,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct CertificateInput {
    pub kind: CertificateKind,
    pub name: String,
    pub number: String,
    pub issuer: String,
    pub valid_from: Option<NaiveDate>,
    pub valid_to: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ContractorUnit {
    pub id: i64,
    pub name: String,
    pub credit_code: String,
    pub legal_representative: String,
    pub address: String,
    pub bank_name: String,
    pub bank_account: String,
    pub contacts: Vec<UnitContact>,
    pub notes: String,
    pub blacklisted: bool,
    pub blacklist_reason: String,
    pub blacklisted_on: Option<NaiveDate>,
    pub blacklisted_by: String,
    pub certificates: Vec<UnitCertificate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct ContractorUnitInput {
    pub name: String,
    pub credit_code: String,
    pub legal_representative: String,
    pub address: String,
    pub bank_name: String,
    pub bank_account: String,
    pub contacts: Vec<UnitContact>,
    pub notes: String,
}

impl Record for ContractorUnit {
    const ENTITY: Entity = Entity::ContractorUnit;
    async fn load(conn: &mut SqliteConnection, id: i64) -> Result<ContractorUnit> {
        load(conn, id).await
    }
    fn version(&self) -> i64 {
        self.version
    }
}

fn check_phone(phone: &str) -> Result<String> {
    let phone = validate::optional("contacts", "联系电话", phone, 20)?;
    if !phone.chars().all(|ch| ch.is_ascii_digit() || " +-()转".contains(ch)) {
        return Err(Error::validation(
            "contacts",
            format!("联系电话“{phone}”格式不正确,只能包含数字、+、-、括号和空格"),
        ));
    }
    Ok(phone)
}

impl ContractorUnitInput {
    pub fn checked(self) -> Result<ContractorUnitInput> {
        let bank_account: String = self.bank_account.split_whitespace().collect();
        if !bank_account.chars().all(|c| c.is_ascii_digit() || c == '-') {
            return Err(Error::validation("bank_account", "银行账号只能包含数字和短横线"));
        }
        let mut contacts = Vec::new();
        for c in self.contacts {
            contacts.push(UnitContact {
                name: validate::required("contacts", "联系人姓名", &c.name, 32)?,
                title: validate::optional("contacts", "职务", &c.title, 32)?,
                phone: check_phone(&c.phone)?,
            });
        }
        if contacts.len() > 20 {
            return Err(Error::validation("contacts", "联系人最多20个"));
        }
        Ok(ContractorUnitInput {
            name: validate::required("name", "单位名称", &self.name, 64)?,
            credit_code: credit_code::validate(&self.credit_code)?,
            legal_representative: validate::optional(
                "legal_representative",
                "法定代表人",
                &self.legal_representative,
                32,
            )?,
            address: validate::optional("address", "地址", &self.address, 128)?,
            bank_name: validate::optional("bank_name", "开户银行", &self.bank_name, 64)?,
            bank_account: validate::optional("bank_account", "银行账号", &bank_account, 40)?,
            contacts,
            notes: validate::optional("notes", "备注", &self.notes, 2000)?,
        })
    }
}

impl CertificateInput {
    pub fn checked(self) -> Result<CertificateInput> {
        if let (Some(from), Some(to)) = (self.valid_from, self.valid_to)
            && to < from
        {
            return Err(Error::validation("valid_to", "证书有效期止不能早于有效期起"));
        }
        Ok(CertificateInput {
            kind: self.kind,
            name: validate::optional("name", "证书名称", &self.name, 64)?,
            number: validate::required("number", "证书编号", &self.number, 64)?,
            issuer: validate::optional("issuer", "发证机关", &self.issuer, 64)?,
            valid_from: self.valid_from,
            valid_to: self.valid_to,
        })
    }
}

fn search_text(input: &ContractorUnitInput) -> String {
    let mut parts = vec![input.name.clone(), input.credit_code.clone(), input.legal_representative.clone()];
    for c in &input.contacts {
        parts.push(c.name.clone());
        parts.push(c.phone.replace([' ', '-', '(', ')'], ""));
    }
    search::normalise(&parts.join(" "))
}

fn json<T: Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Internal(e.to_string()))
}

pub(crate) async fn insert(
    conn: &mut SqliteConnection,
    input: &ContractorUnitInput,
    now: DateTime<Utc>,
) -> Result<i64> {
    let at = db_time(now);
    let (contacts, text) = (json(&input.contacts)?, search_text(input));
    let id = sqlx::query_scalar!(
        r#"INSERT INTO contractor_unit (name, credit_code, legal_representative, address, bank_name, bank_account,
                                        contacts, notes, search_text, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id AS "id!""#,
        input.name,
        input.credit_code,
        input.legal_representative,
        input.address,
        input.bank_name,
        input.bank_account,
        contacts,
        input.notes,
        text,
        at,
        at
    )
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| on_unique(e, || format!("统一社会信用代码“{}”已登记", input.credit_code)))?;
    UNIT_SEARCH.write_grams(conn, id, &text).await?;
    Ok(id)
}

pub(crate) async fn insert_certificate(
    conn: &mut SqliteConnection,
    unit_id: i64,
    c: &CertificateInput,
    now: DateTime<Utc>,
) -> Result<i64> {
    let (at, kind) = (db_time(now), c.kind.key());
    Ok(sqlx::query_scalar!(
        r#"INSERT INTO contractor_certificate (unit_id, kind, name, number, issuer, valid_from, valid_to, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id AS "id!""#,
        unit_id,
        kind,
        c.name,
        c.number,
        c.issuer,
        c.valid_from,
        c.valid_to,
        at,
        at
    )
    .fetch_one(conn)
    .await?)
}

pub(crate) async fn load(conn: &mut SqliteConnection, id: i64) -> Result<ContractorUnit> {
    let r = sqlx::query!(
        r#"SELECT id AS "id!", name, credit_code, legal_representative, address, bank_name, bank_account, contacts, notes,
                  blacklisted AS "blacklisted: bool", blacklist_reason, blacklisted_on AS "blacklisted_on: NaiveDate",
                  blacklisted_by, created_at AS "created_at: DateTime<Utc>", updated_at AS "updated_at: DateTime<Utc>", version
           FROM contractor_unit WHERE id = ?"#,
        id
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(Error::NotFound("承包单位"))?;
    let rows = sqlx::query!(
        r#"SELECT id AS "id!", kind, name, number, issuer, valid_from AS "valid_from: NaiveDate",
                  valid_to AS "valid_to: NaiveDate", version
           FROM contractor_certificate WHERE unit_id = ? ORDER BY id"#,
        id
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut certificates = Vec::with_capacity(rows.len());
    for c in rows {
        certificates.push(UnitCertificate {
            id: c.id,
            kind: CertificateKind::stored(&c.kind)?,
            name: c.name,
            number: c.number,
            issuer: c.issuer,
            valid_from: c.valid_from,
            valid_to: c.valid_to,
            attachments: attachment::of_owner(conn, OwnerKind::ContractorCertificate, c.id).await?,
            version: c.version,
        });
    }
    Ok(ContractorUnit {
        id: r.id,
        name: r.name,
        credit_code: r.credit_code,
        legal_representative: r.legal_representative,
        address: r.address,
        bank_name: r.bank_name,
        bank_account: r.bank_account,
        contacts: serde_json::from_str(&r.contacts).map_err(|e| Error::Corrupt(format!("unit {id} contacts: {e}")))?,
        notes: r.notes,
        blacklisted: r.blacklisted,
        blacklist_reason: r.blacklist_reason,
        blacklisted_on: r.blacklisted_on,
        blacklisted_by: r.blacklisted_by,
        certificates,
        created_at: r.created_at,
        updated_at: r.updated_at,
        version: r.version,
    })
}

pub async fn create(
    store: &Store,
    actor: &Actor,
    input: ContractorUnitInput,
    now: DateTime<Utc>,
) -> Result<ContractorUnit> {
    actor.require(Permission::EditContractorUnits)?;
    let input = input.checked()?;
    let mut w = Write::begin(store, actor, now).await?;
    let id = insert(w.conn(), &input, now).await?;
    w.finish(id, Action::Create, None, |u: &ContractorUnit| format!("登记承包单位 {}", u.name)).await
}

pub async fn update(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    input: ContractorUnitInput,
    now: DateTime<Utc>,
) -> Result<ContractorUnit> {
    actor.require(Permission::EditContractorUnits)?;
    let input = input.checked()?;
    let mut w = Write::begin(store, actor, now).await?;
    let before: ContractorUnit = w.load_at(id, version).await?;
    let (at, contacts, text) = (db_time(now), json(&input.contacts)?, search_text(&input));
    let changed = sqlx::query!(
        "UPDATE contractor_unit SET name = ?, credit_code = ?, legal_representative = ?, address = ?, bank_name = ?,
                bank_account = ?, contacts = ?, notes = ?, search_text = ?, updated_at = ?, version = version + 1
         WHERE id = ? AND version = ?",
        input.name,
        input.credit_code,
        input.legal_representative,
        input.address,
        input.bank_name,
        input.bank_account,
        contacts,
        input.notes,
        text,
        at,
        id,
        version
    )
    .execute(w.conn())
    .await
    .map_err(|e| on_unique(e, || format!("统一社会信用代码“{}”已登记", input.credit_code)))?
    .rows_affected();
    crate::write::one_row::<ContractorUnit>(changed)?;
    UNIT_SEARCH.write_grams(w.conn(), id, &text).await?;
    w.finish(id, Action::Update, Some(&before), |u| format!("修改承包单位 {}", u.name)).await
}

/// Puts a unit on the blacklist (reason required; the date and who decided are recorded) or
/// takes it off. A blacklisted unit gets no new engagement and no approval.
pub async fn set_blacklisted(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    blacklisted: bool,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<ContractorUnit> {
    actor.require(Permission::BlacklistContractorUnits)?;
    let reason = super::blacklist_reason(blacklisted, reason)?;
    let today = local_today(store, now).await?;
    let mut w = Write::begin(store, actor, now).await?;
    let before: ContractorUnit = w.load_at(id, version).await?;
    let (on, by, kept_reason) =
        super::blacklist_entry("该单位", before.blacklisted, blacklisted, reason.clone(), today, actor)?;
    let at = db_time(now);
    let changed = sqlx::query!(
        "UPDATE contractor_unit SET blacklisted = ?, blacklist_reason = ?, blacklisted_on = ?, blacklisted_by = ?,
                updated_at = ?, version = version + 1
         WHERE id = ? AND version = ?",
        blacklisted,
        kept_reason,
        on,
        by,
        at,
        id,
        version
    )
    .execute(w.conn())
    .await?
    .rows_affected();
    crate::write::one_row::<ContractorUnit>(changed)?;
    let (action, verb) =
        if blacklisted { (Action::Blacklist, "列入黑名单") } else { (Action::Unblacklist, "移出黑名单") };
    w.finish(id, action, Some(&before), |u| {
        if reason.is_empty() {
            format!("承包单位 {} {verb}", u.name)
        } else {
            format!("承包单位 {} {verb}:{reason}", u.name)
        }
    })
    .await
}

/// Adds a certificate (`certificate_id` None) or changes one; returns the unit.
pub async fn save_certificate(
    store: &Store,
    actor: &Actor,
    unit_id: i64,
    certificate_id: Option<i64>,
    input: CertificateInput,
    now: DateTime<Utc>,
) -> Result<ContractorUnit> {
    actor.require(Permission::EditContractorUnits)?;
    let input = input.checked()?;
    let mut w = Write::begin(store, actor, now).await?;
    let before: ContractorUnit = w.load(unit_id).await?;
    match certificate_id {
        None => {
            insert_certificate(w.conn(), unit_id, &input, now).await?;
        }
        Some(cid) => {
            let (at, kind) = (db_time(now), input.kind.key());
            let changed = sqlx::query!(
                "UPDATE contractor_certificate SET kind = ?, name = ?, number = ?, issuer = ?, valid_from = ?, valid_to = ?,
                        updated_at = ?, version = version + 1
                 WHERE id = ? AND unit_id = ?",
                kind,
                input.name,
                input.number,
                input.issuer,
                input.valid_from,
                input.valid_to,
                at,
                cid,
                unit_id
            )
            .execute(w.conn())
            .await?
            .rows_affected();
            if changed != 1 {
                return Err(Error::NotFound("证书"));
            }
        }
    }
    let verb = if certificate_id.is_some() { "修改" } else { "登记" };
    let label = format!("{} {}", input.kind.label(), input.number);
    w.finish(unit_id, Action::Update, Some(&before), |u| format!("承包单位 {} {verb}证书 {label}", u.name)).await
}

pub async fn remove_certificate(
    store: &Store,
    actor: &Actor,
    certificate_id: i64,
    now: DateTime<Utc>,
) -> Result<ContractorUnit> {
    actor.require(Permission::EditContractorUnits)?;
    let mut w = Write::begin(store, actor, now).await?;
    let unit_id = sqlx::query_scalar!("SELECT unit_id FROM contractor_certificate WHERE id = ?", certificate_id)
        .fetch_optional(w.conn())
        .await?
        .ok_or(Error::NotFound("证书"))?;
    let before: ContractorUnit = w.load(unit_id).await?;
    let owner = OwnerKind::ContractorCertificate.key();
    sqlx::query!("DELETE FROM attachment WHERE owner_type = ? AND owner_id = ?", owner, certificate_id)
        .execute(w.conn())
        .await?;
    sqlx::query!("DELETE FROM contractor_certificate WHERE id = ?", certificate_id).execute(w.conn()).await?;
    let label = before
        .certificates
        .iter()
        .find(|c| c.id == certificate_id)
        .map(|c| format!("{} {}", c.kind.label(), c.number))
        .unwrap_or_default();
    w.finish(unit_id, Action::Update, Some(&before), |u| format!("承包单位 {} 删除证书 {label}", u.name)).await
}

pub async fn get(store: &Store, actor: &Actor, id: i64) -> Result<ContractorUnit> {
    actor.require(Permission::ViewContractors)?;
    let mut conn = store.pool().acquire().await?;
    load(&mut conn, id).await
}

pub async fn history(store: &Store, actor: &Actor, id: i64) -> Result<Vec<AuditEvent>> {
    actor.require(Permission::ViewContractors)?;
    let filter = AuditFilter {
        entity: Some(Entity::ContractorUnit.key().into()),
        entity_id: Some(id.to_string()),
        limit: Some(500),
        ..Default::default()
    };
    Ok(audit::query(store, &filter).await?.items)
}

/// One line of the unit list.
#[derive(Debug, Clone, PartialEq, Serialize, TS, sqlx::FromRow)]
#[ts(export_to = "bindings.ts")]
pub struct UnitSummary {
    pub id: i64,
    pub name: String,
    pub credit_code: String,
    pub legal_representative: String,
    pub contact: Option<String>,
    pub phone: Option<String>,
    pub blacklisted: bool,
    pub blacklist_reason: String,
    pub certificate_count: i64,
    /// The earliest end of validity among its certificates (lapsed ones included).
    pub next_expiry: Option<NaiveDate>,
    pub engagement_count: i64,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct UnitQuery {
    /// Substring of the name, credit code, legal representative, a contact or phone.
    #[ts(optional)]
    pub text: Option<String>,
    /// Absent: all; true: blacklisted only; false: not blacklisted.
    #[ts(optional)]
    pub blacklisted: Option<bool>,
    #[ts(optional)]
    pub after: Option<Cursor>,
    #[ts(optional)]
    pub limit: Option<i64>,
}

pub type UnitPage = Page<UnitSummary>;

/// Units by name (A→Z as the collation orders them), keyset-paged.
const BY_NAME: Order = Order::new(&["u.name"], "u.id", false);

fn push_filters(qb: &mut QueryBuilder<Sqlite>, query: &UnitQuery, term: &Term) {
    qb.push(" WHERE 1 = 1");
    if let Some(b) = query.blacklisted {
        qb.push(" AND u.blacklisted = ").push_bind(b);
    }
    if *term != Term::Empty {
        qb.push(" AND");
        UNIT_SEARCH.push_match(qb, "u.id", term);
    }
}

pub async fn list(store: &Store, actor: &Actor, query: &UnitQuery) -> Result<UnitPage> {
    actor.require(Permission::ViewContractors)?;
    let pool = store.pool();
    let limit = listing::limit(query.limit, 20, 200);
    let term = search::term(query.text.as_deref().unwrap_or_default());
    let mut count = QueryBuilder::<Sqlite>::new("SELECT count(*) FROM (SELECT 1 FROM contractor_unit u");
    push_filters(&mut count, query, &term);
    count.push(" LIMIT ").push_bind(listing::COUNT_CAP + 1).push(")");
    let counted: i64 = count.build_query_scalar().fetch_one(pool).await?;

    let mut qb = QueryBuilder::<Sqlite>::new(
        "SELECT u.id, u.name, u.credit_code, u.legal_representative,
                json_extract(u.contacts, '$[0].name') AS contact, json_extract(u.contacts, '$[0].phone') AS phone,
                u.blacklisted, u.blacklist_reason,
                (SELECT count(*) FROM contractor_certificate c WHERE c.unit_id = u.id) AS certificate_count,
                (SELECT min(c.valid_to) FROM contractor_certificate c WHERE c.unit_id = u.id) AS next_expiry,
                (SELECT count(*) FROM contractor_engagement e WHERE e.unit_id = u.id) AS engagement_count,
                u.created_at
         FROM (SELECT u.id AS page_id FROM contractor_unit u",
    );
    push_filters(&mut qb, query, &term);
    BY_NAME.push_after(&mut qb, query.after.as_ref())?;
    BY_NAME.push_order_limit(&mut qb, limit);
    qb.push(") p CROSS JOIN contractor_unit u ON u.id = p.page_id ORDER BY");
    BY_NAME.push_terms(&mut qb);
    let rows: Vec<UnitSummary> = qb.build_query_as().fetch_all(pool).await?;
    Ok(BY_NAME.page(rows, limit, counted, |u| vec![Key::from(u.name.clone()), u.id.into()]))
}
