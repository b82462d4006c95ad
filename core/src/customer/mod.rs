//! Customer archive (客户档案): customers with contacts and addresses, classification, history
//! of every change, merging duplicates, and Chinese substring search at 200,000 customers.

mod repo;
mod transfer;

pub use crate::xlsx::{ImportMode, ImportProblem, ImportReport};
pub use repo::{CustomerPage, CustomerQuery, CustomerSort, CustomerSummary};
pub use transfer::{COLUMNS, IMPORT, TABLE, export, import, import_mapped};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::account::{Actor, Permission};
use crate::audit::{self, Action, AuditEvent, AuditFilter, Entity};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::keyed::keyed_enum;
use crate::write::{Record, Write};
use crate::{registry, sequence, validate};

impl Record for Customer {
    const ENTITY: Entity = Entity::Customer;
    async fn load(conn: &mut sqlx::SqliteConnection, id: i64) -> Result<Customer> {
        repo::load(conn, id).await
    }
    fn version(&self) -> i64 {
        self.version
    }
}

/// A kind of record that names a customer (`table.column` holds the customer's id). Declared by
/// its module and listed in [`registry::CUSTOMER_LINKS`], so merging two customers moves it.
pub struct CustomerLink {
    pub table: &'static str,
    pub column: &'static str,
    /// What the records are called, for the merge's audit summary ("投诉").
    pub label: &'static str,
}

impl CustomerLink {
    /// Points every record of the duplicate at the survivor; returns how many moved.
    async fn move_records(&self, conn: &mut sqlx::SqliteConnection, from: i64, to: i64) -> Result<u64> {
        let sql = format!("UPDATE {} SET {} = ? WHERE {} = ?", self.table, self.column, self.column);
        Ok(sqlx::query(sqlx::AssertSqlSafe(sql)).bind(to).bind(from).execute(conn).await?.rows_affected())
    }
}

keyed_enum!(CustomerKind {
    Company = "company" / "企业客户" | "企业",
    Person = "person" / "个人客户" | "个人",
    Dealer = "dealer" / "经销商",
});

keyed_enum!(CustomerGrade {
    /// 重点客户: has a care plan and scheduled visits.
    Key = "key" / "重点客户" | "重点",
    Normal = "normal" / "普通客户" | "普通",
});

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Contact {
    pub name: String,
    pub title: String,
    pub phone: String,
    pub email: String,
    pub is_primary: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Address {
    pub label: String,
    pub address: String,
    pub is_default: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Customer {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub kind: CustomerKind,
    pub region: String,
    pub industry: String,
    pub grade: CustomerGrade,
    pub source_store_id: Option<i64>,
    pub source_store_name: Option<String>,
    pub tags: Vec<String>,
    pub notes: String,
    pub active: bool,
    pub merged_into_id: Option<i64>,
    pub merged_into_code: Option<String>,
    pub contacts: Vec<Contact>,
    pub addresses: Vec<Address>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct CustomerInput {
    /// Empty: the next number (KH000001, …) is assigned.
    pub code: String,
    pub name: String,
    pub kind: CustomerKind,
    pub region: String,
    pub industry: String,
    pub grade: CustomerGrade,
    pub source_store_id: Option<i64>,
    pub tags: Vec<String>,
    pub notes: String,
    pub contacts: Vec<Contact>,
    pub addresses: Vec<Address>,
}

pub(crate) fn can_view(actor: &Actor) -> Result<()> {
    actor.require(Permission::ViewCustomers)
}

impl CustomerInput {
    /// Applies the field rules; returns the cleaned input.
    pub fn checked(self) -> Result<CustomerInput> {
        let code = validate::optional("code", "客户编号", &self.code, 20)?;
        if !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(Error::validation("code", "客户编号只能包含字母、数字和短横线"));
        }
        let mut tags: Vec<String> = Vec::new();
        for tag in &self.tags {
            let tag = validate::required("tags", "标签", tag, 16)?;
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        if tags.len() > 10 {
            return Err(Error::validation("tags", "标签最多10个"));
        }
        let mut contacts = Vec::with_capacity(self.contacts.len());
        for c in self.contacts {
            let phone = validate::optional("contacts", "联系电话", &c.phone, 20)?;
            if !phone.chars().all(|ch| ch.is_ascii_digit() || " +-()转".contains(ch)) {
                return Err(Error::validation(
                    "contacts",
                    format!("联系电话“{phone}”格式不正确,只能包含数字、+、-、括号和空格"),
                ));
            }
            let email = validate::optional("contacts", "电子邮箱", &c.email, 64)?;
            if !email.is_empty() && !email.contains('@') {
                return Err(Error::validation("contacts", format!("电子邮箱“{email}”格式不正确")));
            }
            contacts.push(Contact {
                name: validate::required("contacts", "联系人姓名", &c.name, 32)?,
                title: validate::optional("contacts", "职务", &c.title, 32)?,
                phone,
                email,
                is_primary: c.is_primary,
            });
        }
        if contacts.len() > 50 {
            return Err(Error::validation("contacts", "联系人最多50个"));
        }
        // Exactly one primary contact when there are any: the first marked, else the first.
        let primary = contacts.iter().position(|c| c.is_primary).unwrap_or(0);
        for (i, c) in contacts.iter_mut().enumerate() {
            c.is_primary = i == primary;
        }
        let mut addresses = Vec::with_capacity(self.addresses.len());
        for a in self.addresses {
            addresses.push(Address {
                label: validate::optional("addresses", "地址类型", &a.label, 16)?,
                address: validate::required("addresses", "地址", &a.address, 128)?,
                is_default: a.is_default,
            });
        }
        let default = addresses.iter().position(|a| a.is_default).unwrap_or(0);
        for (i, a) in addresses.iter_mut().enumerate() {
            a.is_default = i == default;
        }
        Ok(CustomerInput {
            code,
            name: validate::required("name", "客户名称", &self.name, 64)?,
            kind: self.kind,
            region: validate::optional("region", "所在地区", &self.region, 32)?,
            industry: validate::optional("industry", "所属行业", &self.industry, 32)?,
            grade: self.grade,
            source_store_id: self.source_store_id,
            tags,
            notes: validate::optional("notes", "备注", &self.notes, 2000)?,
            contacts,
            addresses,
        })
    }
}

pub async fn create(store: &Store, actor: &Actor, input: CustomerInput, now: DateTime<Utc>) -> Result<Customer> {
    actor.require(Permission::EditCustomers)?;
    let input = input.checked()?;
    let mut w = Write::begin(store, actor, now).await?;
    let created = insert(w.conn(), actor, input, now).await?;
    w.commit().await?;
    Ok(created)
}

/// Numbers (when no code was given), inserts and audits a checked customer on the caller's
/// transaction.
pub(crate) async fn insert(
    tx: &mut sqlx::SqliteConnection,
    actor: &Actor,
    mut input: CustomerInput,
    now: DateTime<Utc>,
) -> Result<Customer> {
    if input.code.is_empty() {
        input.code = format!("KH{:06}", sequence::next(tx, "customer", 0).await?);
    }
    let id = repo::insert(tx, &input, now).await?;
    let created = repo::load(tx, id).await?;
    let summary = format!("新增客户 {} {}", created.code, created.name);
    let change = audit::Change::diff(actor, Entity::Customer, id, Action::Create, summary, None, Some(&created), now)?;
    audit::record(tx, change).await?;
    Ok(created)
}

pub async fn update(
    store: &Store,
    actor: &Actor,
    id: i64,
    version: i64,
    input: CustomerInput,
    now: DateTime<Utc>,
) -> Result<Customer> {
    actor.require(Permission::EditCustomers)?;
    let input = input.checked()?;
    if input.code.is_empty() {
        return Err(Error::validation("code", "客户编号不能为空"));
    }
    let mut w = Write::begin(store, actor, now).await?;
    let before: Customer = w.load(id).await?;
    if before.merged_into_id.is_some() {
        return Err(Error::validation(
            "id",
            format!("客户已合并到 {},请修改合并后的客户", before.merged_into_code.unwrap_or_default()),
        ));
    }
    repo::update(w.conn(), id, version, &input, now).await?;
    w.finish(id, Action::Update, Some(&before), |c| format!("修改客户 {} {}", c.code, c.name)).await
}

/// Deactivates (停用) or reactivates a customer. Customers are never deleted.
pub async fn set_active(
    store: &Store,
    actor: &Actor,
    id: i64,
    active: bool,
    version: i64,
    now: DateTime<Utc>,
) -> Result<Customer> {
    actor.require(Permission::ManageCustomers)?;
    let mut w = Write::begin(store, actor, now).await?;
    let before: Customer = w.load(id).await?;
    if active && before.merged_into_id.is_some() {
        return Err(Error::validation("active", "已合并的客户不能重新启用"));
    }
    repo::set_active(w.conn(), id, active, version, now).await?;
    let (action, verb) = if active { (Action::Activate, "启用") } else { (Action::Deactivate, "停用") };
    w.finish(id, action, Some(&before), |c| format!("{verb}客户 {} {}", c.code, c.name)).await
}

/// Merges a duplicate into the customer that stays: contacts, addresses and tags the survivor
/// lacks are added to it, the duplicate is deactivated and points at the survivor. Both
/// changes are in the history of both customers.
pub async fn merge(
    store: &Store,
    actor: &Actor,
    duplicate_id: i64,
    survivor_id: i64,
    now: DateTime<Utc>,
) -> Result<Customer> {
    actor.require(Permission::ManageCustomers)?;
    if duplicate_id == survivor_id {
        return Err(Error::validation("survivor_id", "不能把客户合并到它自己"));
    }
    let mut w = Write::begin(store, actor, now).await?;
    let duplicate: Customer = w.load(duplicate_id).await?;
    let survivor: Customer = w.load(survivor_id).await?;
    if duplicate.merged_into_id.is_some() {
        return Err(Error::validation("duplicate_id", format!("客户 {} 已经合并过", duplicate.code)));
    }
    if survivor.merged_into_id.is_some() || !survivor.active {
        return Err(Error::validation(
            "survivor_id",
            format!("客户 {} 已停用或已合并,不能作为保留客户", survivor.code),
        ));
    }
    let mut merged = CustomerInput {
        code: survivor.code.clone(),
        name: survivor.name.clone(),
        kind: survivor.kind,
        region: survivor.region.clone(),
        industry: survivor.industry.clone(),
        grade: if duplicate.grade == CustomerGrade::Key { CustomerGrade::Key } else { survivor.grade },
        source_store_id: survivor.source_store_id.or(duplicate.source_store_id),
        tags: survivor.tags.clone(),
        notes: survivor.notes.clone(),
        contacts: survivor.contacts.clone(),
        addresses: survivor.addresses.clone(),
    };
    for tag in &duplicate.tags {
        if !merged.tags.contains(tag) {
            merged.tags.push(tag.clone());
        }
    }
    merged.tags.truncate(10);
    for c in &duplicate.contacts {
        if !merged.contacts.iter().any(|m| m.name == c.name && m.phone == c.phone) {
            merged.contacts.push(Contact { is_primary: false, ..c.clone() });
        }
    }
    for a in &duplicate.addresses {
        if !merged.addresses.iter().any(|m| m.address == a.address) {
            merged.addresses.push(Address { is_default: false, ..a.clone() });
        }
    }
    if !duplicate.notes.is_empty() {
        let sep = if merged.notes.is_empty() { "" } else { "\n" };
        merged.notes = format!("{}{sep}(合并自 {})", merged.notes, duplicate.code) + &duplicate.notes;
    }
    let merged = merged.checked()?;
    repo::update(w.conn(), survivor_id, survivor.version, &merged, now).await?;
    repo::mark_merged(w.conn(), duplicate_id, survivor_id, now).await?;
    // Every module's records of the duplicate move to the survivor (the merge hook).
    let mut moved = Vec::new();
    for link in registry::CUSTOMER_LINKS {
        let n = link.move_records(w.conn(), duplicate_id, survivor_id).await?;
        if n > 0 {
            moved.push(format!("{}{n}条", link.label));
        }
    }
    let mut summary = format!("客户 {} 合并到 {}", duplicate.code, survivor.code);
    if !moved.is_empty() {
        summary = format!("{summary}(转移{})", moved.join("、"));
    }
    let duplicate_after: Customer = w.load(duplicate_id).await?;
    w.audit(duplicate_id, Action::Merge, summary.clone(), Some(&duplicate), &duplicate_after).await?;
    w.finish(survivor_id, Action::MergeInto, Some(&survivor), |_| summary).await
}

pub async fn get(store: &Store, actor: &Actor, id: i64) -> Result<Customer> {
    can_view(actor)?;
    let mut conn = store.pool().acquire().await?;
    repo::load(&mut conn, id).await
}

pub async fn list(store: &Store, actor: &Actor, query: &CustomerQuery) -> Result<CustomerPage> {
    can_view(actor)?;
    repo::list(store.pool(), query).await
}

/// The customer's change history (who, when, what), newest first.
pub async fn history(store: &Store, actor: &Actor, id: i64) -> Result<Vec<AuditEvent>> {
    can_view(actor)?;
    let filter = AuditFilter {
        entity: Some(Entity::Customer.key().into()),
        entity_id: Some(id.to_string()),
        limit: Some(500),
        ..Default::default()
    };
    Ok(audit::query(store, &filter).await?.items)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> CustomerInput {
        CustomerInput {
            code: String::new(),
            name: " 天津华泰机械有限公司 ".into(),
            kind: CustomerKind::Company,
            region: "天津".into(),
            industry: "机械制造".into(),
            grade: CustomerGrade::Key,
            source_store_id: None,
            tags: vec!["老客户".into(), "老客户".into()],
            notes: String::new(),
            contacts: vec![
                Contact {
                    name: "张经理".into(),
                    title: "采购".into(),
                    phone: "13800001111".into(),
                    email: String::new(),
                    is_primary: false,
                },
                Contact {
                    name: "李工".into(),
                    title: String::new(),
                    phone: "022-2345 6789".into(),
                    email: "li@example.cn".into(),
                    is_primary: true,
                },
            ],
            addresses: vec![],
        }
    }

    #[test]
    fn input_is_cleaned_with_one_primary_contact() {
        let c = input().checked().unwrap();
        assert_eq!(c.name, "天津华泰机械有限公司");
        assert_eq!(c.tags, ["老客户"]);
        assert_eq!(c.contacts.iter().filter(|c| c.is_primary).count(), 1);
        assert!(c.contacts[1].is_primary, "the one marked stays primary");
    }

    #[test]
    fn bad_fields_are_named() {
        let err = CustomerInput { name: "".into(), ..input() }.checked().unwrap_err();
        assert_eq!((err.field(), err.user_message().as_str()), (Some("name"), "客户名称不能为空"));
        let mut bad_phone = input();
        bad_phone.contacts[0].phone = "138abc".into();
        assert_eq!(bad_phone.checked().unwrap_err().field(), Some("contacts"));
        let err = CustomerInput { code: "客户1".into(), ..input() }.checked().unwrap_err();
        assert_eq!(err.field(), Some("code"));
    }

    #[test]
    fn kinds_and_grades_parse_from_keys_and_chinese() {
        assert_eq!(CustomerKind::parse("经销商").unwrap(), CustomerKind::Dealer);
        assert_eq!(CustomerGrade::parse("重点客户").unwrap(), CustomerGrade::Key);
        assert_eq!(CustomerGrade::parse("普通").unwrap(), CustomerGrade::Normal);
        assert!(CustomerGrade::parse("VIP").is_none());
    }
}
