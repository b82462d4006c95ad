//! The printed complaint forms: 客户投诉登记表, 客户投诉处理表 (with a sign-off box for every
//! department involved), and the letter to the customer — 投诉处理结果告知函, or 鉴定说明函 when
//! the complaint was found not to be our fault.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::Deserialize;
use ts_rs::TS;

use super::model::*;
use super::workflow::{Category, Severity, State};
use crate::account::{Actor, Permission};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::format::{date, date_or_blank, local_date_chinese, local_time, money};
use crate::pdf::{Column, Field, Form, Template, Weight};
use crate::settings;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum ComplaintForm {
    Registration,
    Handling,
    Letter,
}

impl ComplaintForm {
    pub fn label(self) -> &'static str {
        match self {
            ComplaintForm::Registration => "客户投诉登记表",
            ComplaintForm::Handling => "客户投诉处理表",
            ComplaintForm::Letter => "告知函",
        }
    }

    pub fn parse(text: &str) -> Option<ComplaintForm> {
        match text {
            "registration" => Some(ComplaintForm::Registration),
            "handling" => Some(ComplaintForm::Handling),
            "letter" => Some(ComplaintForm::Letter),
            _ => None,
        }
    }

    /// The controlled-document code and revision printed in the footer (ISO 9001 §8.2.1,
    /// customer communication, is where complaint handling sits).
    pub fn template(self) -> Template {
        match self {
            ComplaintForm::Registration => Template::new("SH/QR-8.2-01", "A/0"),
            ComplaintForm::Handling => Template::new("SH/QR-8.2-02", "A/0"),
            ComplaintForm::Letter => Template::new("SH/QR-8.2-03", "A/0"),
        }
    }
}

/// Renders `form` for complaint `id`; the PDF bytes.
pub async fn render(store: &Store, actor: &Actor, id: i64, form: ComplaintForm, now: DateTime<Utc>) -> Result<Vec<u8>> {
    actor.require(Permission::ViewComplaints)?;
    let c = super::get(store, actor, id).await?;
    let s = settings::load(store).await?;
    let zone = s.zone();
    let printed = format!("打印:{} {}", local_time(now, zone), actor.display_name);
    match form {
        ComplaintForm::Registration => registration(Some(&c), &s.company_name, zone, &printed),
        ComplaintForm::Handling => {
            let required = required_names(store, &s).await?;
            handling(Some(&c), &s.company_name, zone, &printed, &required)
        }
        ComplaintForm::Letter => letter(&c, &s, now),
    }
}

/// The registration or handling form with empty boxes to fill in by hand (the company header
/// printed, choices as check boxes); a letter cannot be blank.
pub async fn render_blank(store: &Store, actor: &Actor, form: ComplaintForm) -> Result<Vec<u8>> {
    actor.require(Permission::ViewComplaints)?;
    let s = settings::load(store).await?;
    let zone = s.zone();
    match form {
        ComplaintForm::Registration => registration(None, &s.company_name, zone, ""),
        ComplaintForm::Handling => handling(None, &s.company_name, zone, "", &required_names(store, &s).await?),
        ComplaintForm::Letter => Err(Error::validation("form", "告知函须针对具体投诉生成,没有空白表")),
    }
}

/// The names of the departments every round must ask (settings), in the organisation's order:
/// the handling form has a box for each before anything is submitted.
async fn required_names(store: &Store, s: &settings::Settings) -> Result<Vec<String>> {
    Ok(crate::org::list_departments(store)
        .await?
        .into_iter()
        .filter(|d| d.active && s.signoff_department_ids.contains(&d.id))
        .map(|d| d.name)
        .collect())
}

/// "品控中心 刘洋 2026-11-27;技术部 …": who inspected or analysed, and when.
fn inspection_list(c: &Complaint) -> String {
    c.inspections
        .iter()
        .map(|x| format!("{} {} {}", x.department_name, x.person, date(x.inspected_on)))
        .collect::<Vec<_>>()
        .join(";")
}

/// "text(name)": what was entered and by whom.
fn by(text: &str, name: &str) -> String {
    if text.is_empty() || name.is_empty() { text.to_owned() } else { format!("{text}({name})") }
}

/// What a field shows: the complaint's value, or nothing on a blank form.
fn val<T: Default>(c: Option<&Complaint>, get: impl FnOnce(&Complaint) -> T) -> T {
    c.map(get).unwrap_or_default()
}

/// "□热线 □网站 …": the choices to tick on a blank form.
fn choices<'a>(labels: impl IntoIterator<Item = &'a str>) -> String {
    labels.into_iter().map(|l| format!("□{l}")).collect::<Vec<_>>().join(" ")
}

fn new_form(c: Option<&Complaint>, form: ComplaintForm, title: &str, company: &str, printed: &str) -> Result<Form> {
    let mut f = Form::new(company, title, c.map_or("________________", |c| c.number.as_str()))?;
    f.template(form.template());
    f.footer_note(printed);
    if let Some(c) = c {
        // A signed sheet that comes back is matched to its record by scanning this.
        f.header_qr(&c.number)?;
    }
    Ok(f)
}

fn head_fields(f: &mut Form, c: Option<&Complaint>, zone: Tz) {
    let blank = c.is_none();
    let pick = |filled: String, options: String| if blank { options } else { filled };
    f.fields(
        &[
            Field::new("投诉编号", val(c, |c| c.number.clone())),
            Field::new("投诉时间", val(c, |c| local_time(c.registration.received_at, zone))),
            Field::new(
                "投诉渠道",
                pick(val(c, |c| c.registration.channel.label().to_owned()), choices(Channel::ALL.map(|x| x.label()))),
            ),
            Field::new("客户名称", val(c, |c| format!("{}({})", c.customer_name, c.customer_code))).span(2),
            Field::new("直销店", val(c, |c| c.store_name.clone().unwrap_or_default())),
            Field::new("客户联系人", val(c, |c| c.registration.contact_name.clone())),
            Field::new("联系电话", val(c, |c| c.registration.contact_phone.clone())),
            Field::new(
                "投诉分类",
                pick(val(c, |c| c.registration.category.label().to_owned()), choices(Category::ALL.map(|x| x.label()))),
            ),
            Field::new(
                "严重程度",
                pick(val(c, |c| c.registration.severity.label().to_owned()), choices(Severity::ALL.map(|x| x.label()))),
            ),
            Field::new("当前状态", val(c, |c| c.state.label().to_owned())).span(2),
        ],
        3,
    );
}

fn lines_table(f: &mut Form, c: Option<&Complaint>) {
    let columns = [
        Column::new("订单编号", 24.0),
        Column::new("料号", 22.0),
        Column::new("产品名称 / 规格", 34.0),
        Column::new("批次", 18.0),
        Column::new("交运日期", 24.0),
        Column::right("数量", 18.0),
        Column::right("不良数量", 20.0),
        Column::right("不良率", 20.0),
    ];
    let rows: Vec<Vec<String>> = match c {
        None => vec![Vec::new(); 5],
        Some(c) => c
            .registration
            .lines
            .iter()
            .map(|l| {
                let product = match (l.product_name.as_str(), l.specification.as_str()) {
                    (name, "") => name.to_owned(),
                    ("", spec) => spec.to_owned(),
                    (name, spec) => format!("{name} {spec}"),
                };
                vec![
                    l.order_number.clone(),
                    l.part_number.clone(),
                    product,
                    l.batch.clone(),
                    date_or_blank(l.ship_date),
                    l.quantity.to_string(),
                    l.defective_quantity.to_string(),
                    l.defect_rate_percent().map(|r| format!("{r:.1}%")).unwrap_or_default(),
                ]
            })
            .collect(),
    };
    f.table(&columns, rows, "(无)");
}

/// "共3件:现场照片1.jpg、现场照片2.jpg、检测报告.pdf" (the files themselves stay in the app).
fn attachment_list(c: &Complaint) -> String {
    if c.attachments.is_empty() {
        return "无".into();
    }
    let names: Vec<&str> = c.attachments.iter().map(|a| a.file_name.as_str()).collect();
    format!("共{}件:{}", names.len(), names.join("、"))
}

fn registration(c: Option<&Complaint>, company: &str, zone: Tz, printed: &str) -> Result<Vec<u8>> {
    let form = ComplaintForm::Registration;
    let mut f = new_form(c, form, form.label(), company, printed)?;
    f.heading("一、投诉信息");
    head_fields(&mut f, c, zone);
    f.fields(
        &[
            Field::new("登记人", val(c, |c| c.registered_by_name.clone())),
            Field::new("登记时间", val(c, |c| local_time(c.created_at, zone))),
            Field::new("答复期限", val(c, |c| date_or_blank(c.registration.reply_by))),
        ],
        3,
    );
    f.heading("二、投诉产品(订单编号、料号、产品名称/规格、交运日期、数量、不良数量、不良率)");
    lines_table(&mut f, c);
    f.heading("三、投诉内容与客户要求");
    let samples = match c {
        None => "□无 □有样品 □有退货  数量:______ 存放处:__________".to_owned(),
        Some(c) if c.registration.samples.is_empty() => "无".to_owned(),
        Some(c) => c.registration.samples.clone(),
    };
    let mut content = vec![
        Field::new("投诉内容", val(c, |c| c.registration.description.clone())).lines(6),
        Field::new("客户要求", val(c, |c| c.registration.customer_demand.clone())).lines(3),
        Field::new("样品或退货", samples),
        Field::new("附件", val(c, attachment_list)),
    ];
    if let Some(c) = c.filter(|c| !c.imported_from.is_empty()) {
        content.push(Field::new("历史导入", format!("{} {}", c.imported_from, c.import_note)));
    }
    let first_contact = c.and_then(|c| c.contacts.first());
    if c.is_none() || first_contact.is_some() {
        let text = first_contact
            .map(|k| format!("{} {}:{}", local_time(k.contacted_at, zone), k.method.label(), k.summary))
            .unwrap_or_default();
        content.push(Field::new("首次联系", text).lines(2));
    }
    f.fields(&content, 1);
    f.sign_line(&["登记人", "核实部门", "日期"]);
    Ok(f.finish())
}

fn handling(c: Option<&Complaint>, company: &str, zone: Tz, printed: &str, required: &[String]) -> Result<Vec<u8>> {
    let form = ComplaintForm::Handling;
    let blank = c.is_none();
    let mut f = new_form(c, form, form.label(), company, printed)?;
    f.heading("一、投诉信息");
    head_fields(&mut f, c, zone);
    lines_table(&mut f, c);
    f.fields(
        &[
            Field::new("投诉内容", val(c, |c| c.registration.description.clone())).lines(4),
            Field::new("客户要求", val(c, |c| c.registration.customer_demand.clone())).lines(2),
        ],
        1,
    );

    f.heading("二、分析核实");
    f.fields(&[Field::new("原因分析", val(c, |c| c.analysis.cause_analysis.clone())).lines(5)], 1);
    let verdict = match c.map(|c| c.analysis.our_fault) {
        None => "□我方原因 □非我方原因",
        Some(Some(true)) => "我方原因",
        Some(Some(false)) => "非我方原因",
        Some(None) => "尚未判定",
    };
    let mut analysis = vec![
        Field::new("生产单位", val(c, |c| c.analysis.production_unit.clone())),
        Field::new("生产人员", val(c, |c| c.analysis.production_staff.clone())),
        Field::new("生产日期", val(c, |c| date_or_blank(c.analysis.production_date))),
        Field::new("分析结论", verdict).span(3),
        Field::new("项目原因", val(c, |c| c.cause_code.clone())),
        Field::new("检验分析", val(c, inspection_list)).span(2),
    ];
    if blank || c.is_some_and(|c| c.analysis.our_fault == Some(false)) {
        analysis.push(Field::new("鉴定结果", val(c, |c| c.analysis.appraisal_result.clone())).span(3).lines(2));
        analysis.push(Field::new("鉴定依据", val(c, |c| c.analysis.appraisal_basis.clone())).span(3).lines(2));
    }
    f.fields(&analysis, 3);
    let shares: Vec<Vec<String>> = match c {
        None => vec![Vec::new(); 3],
        Some(c) => c
            .responsibility
            .iter()
            .map(|s| {
                vec![s.department_name.clone().unwrap_or_else(|| s.party.clone()), format!("{}%", s.share_percent)]
            })
            .collect(),
    };
    if !shares.is_empty() {
        f.table(&[Column::new("责任归属(部门 / 单位或个人)", 150.0), Column::right("比例", 30.0)], shares, "");
    }

    f.heading("三、处理方案");
    let remedy = match c {
        None => choices(Remedy::ALL.map(|x| x.label())),
        Some(c) => c.remedy.remedy.map(|r| r.label()).unwrap_or("").to_owned(),
    };
    f.fields(
        &[
            Field::new("处理方式", remedy),
            Field::new("客户索赔", val(c, |c| money(c.remedy.claimed_fen))).right(),
            Field::new("同意赔偿", val(c, |c| money(c.remedy.agreed_fen))).right(),
            Field::new("方案说明", val(c, |c| c.remedy.remedy_detail.clone())).span(3).lines(3),
            Field::new(
                "生产部措施",
                val(c, |c| by(&c.negotiation.production_measures, &c.negotiation.production_measures_by)),
            )
            .span(3)
            .lines(2),
            Field::new(
                "技术部措施",
                val(c, |c| by(&c.negotiation.technical_measures, &c.negotiation.technical_measures_by)),
            )
            .span(3)
            .lines(2),
            Field::new("售后服务部商定", val(c, |c| c.negotiation.after_sales_agreed_by.clone())),
            Field::new("业务部商定", val(c, |c| c.negotiation.business_agreed_by.clone())).span(2),
            Field::new(
                "与客户协商",
                val(c, |c| {
                    c.negotiation
                        .customer_agreement
                        .as_ref()
                        .map(|a| format!("{} {}:{}", date(a.agreed_on), a.contact, a.summary))
                        .unwrap_or_default()
                }),
            )
            .span(3)
            .lines(2),
        ],
        3,
    );

    f.heading("四、各部门会签");
    let line = f.page().text_size * 5.0 / 9.5;
    let sign_off = [
        Column::new("部门", 30.0),
        Column::new("意见", 20.0),
        Column::new("说明", 70.0),
        Column::new("签字", 26.0),
        Column::new("日期", 34.0),
    ];
    let tall = 3.0 * line + 3.2;
    let rounds = c.map(|c| crate::approval::rounds(&c.approvals)).unwrap_or_default();
    if rounds.is_empty() {
        // Not yet submitted (or a blank form): a box for every department the rule requires, and
        // for the manager of a 重大 complaint.
        let mut places: Vec<String> = required.to_vec();
        if c.is_none_or(|c| c.registration.severity == Severity::Major) {
            places.push(format!("售后服务经理{}", if c.is_none() { "(重大)" } else { "" }));
        }
        let rows: Vec<Vec<String>> = places.into_iter().map(|p| vec![p]).collect();
        f.table_min(&sign_off, rows, "(尚未提交会签)", tall);
    }
    for (number, places) in rounds {
        f.paragraph(&format!("第 {number} 轮会签"), f.page().text_size);
        let rows: Vec<Vec<String>> = places
            .iter()
            .map(|x| {
                let decision = match x.approved {
                    Some(true) => "同意",
                    Some(false) => "驳回",
                    None => "",
                };
                vec![
                    x.place_name(),
                    decision.to_owned(),
                    x.comment.clone(),
                    x.signer_name.clone(),
                    x.signed_at.map(|t| local_time(t, zone)).unwrap_or_default(),
                ]
            })
            .collect();
        // Every box tall enough to sign and stamp on paper.
        f.table_min(&sign_off, rows, "", tall);
    }

    f.heading("五、改善措施");
    if let Some(c) = c.filter(|c| c.registration.severity == Severity::Minor) {
        let decision = match c.corrective_needed {
            Some(true) => "需要纠正措施".to_owned(),
            Some(false) => format!("不需要纠正措施。理由:{}", c.no_corrective_reason),
            None => "尚未判定".to_owned(),
        };
        f.fields(&[Field::new("是否需要纠正措施", decision)], 1);
    } else if blank {
        f.fields(&[Field::new("是否需要纠正措施", "□需要 □不需要(轻微投诉填写)  理由:")], 1);
    }
    let action_columns = [
        Column::new("类别", 18.0),
        Column::new("措施", 52.0),
        Column::new("责任部门/人", 24.0),
        Column::new("期限", 22.0),
        Column::new("完成", 22.0),
        Column::new("效果验证(人、日期)", 42.0),
    ];
    let actions: Vec<Vec<String>> = match c {
        None => vec![Vec::new(); 3],
        Some(c) => c
            .actions
            .iter()
            .map(|x| {
                let effect = match x.effective {
                    Some(true) => "有效",
                    Some(false) => "无效",
                    None => "",
                };
                let verified = match x.verified_at {
                    Some(at) => format!("{effect} {} {}", x.verified_by, date(at.with_timezone(&zone).date_naive())),
                    None => effect.to_owned(),
                };
                let owner = match &x.owner_department_name {
                    Some(d) => format!("{d} {}", x.owner),
                    None => x.owner.clone(),
                };
                let description = match x.follows_action_id.and_then(|f| c.actions.iter().position(|a| a.id == f)) {
                    Some(i) => format!("{}(针对第{}项无效措施)", x.description, i + 1),
                    None => x.description.clone(),
                };
                vec![
                    x.kind.label().to_owned(),
                    description,
                    owner,
                    date(x.due_date),
                    date_or_blank(x.done_date),
                    verified,
                ]
            })
            .collect(),
    };
    f.table_min(&action_columns, actions, "(无)", if blank { 2.0 * line + 3.2 } else { 0.0 });

    f.heading("六、客户联系与反馈");
    let contacts: Vec<Vec<String>> = match c {
        None => vec![Vec::new(); 2],
        Some(c) => c
            .contacts
            .iter()
            .map(|k| {
                vec![
                    local_time(k.contacted_at, zone),
                    k.method.label().to_owned(),
                    k.staff_name.clone(),
                    k.summary.clone(),
                ]
            })
            .collect(),
    };
    if !contacts.is_empty() {
        let columns = [
            Column::new("联系时间", 34.0),
            Column::new("方式", 14.0),
            Column::new("联系人", 18.0),
            Column::new("内容", 114.0),
        ];
        f.table(&columns, contacts, "");
    }
    let closing = match c {
        None => String::new(),
        Some(c) if c.state == State::Closed => {
            let when = c.closed_at.map(|t| format!(" {}", local_time(t, zone))).unwrap_or_default();
            let who = if c.closed_by.is_empty() { String::new() } else { format!(",结案人:{}", c.closed_by) };
            format!("已结案{when}{who}")
        }
        Some(c) => c.state.label().to_owned(),
    };
    f.fields(
        &[Field::new("客户反馈", val(c, |c| c.customer_feedback.clone())).lines(3), Field::new("处理状态", closing)],
        1,
    );
    f.sign_line(&["售后服务部", "业务部", "售后服务经理"]);
    Ok(f.finish())
}

fn letter(c: &Complaint, s: &settings::Settings, now: DateTime<Utc>) -> Result<Vec<u8>> {
    let (company, zone) = (s.company_name.as_str(), s.zone());
    let not_ours = c.analysis.our_fault == Some(false);
    let title = if not_ours { "鉴定说明函" } else { "投诉处理结果告知函" };
    let mut f = new_form(Some(c), ComplaintForm::Letter, title, company, "")?;
    f.gap(4.0);
    f.paragraph(&format!("致:{}", c.customer_name), 11.0);
    f.gap(3.0);
    let received = local_time(c.registration.received_at, zone);
    let products: Vec<String> = c
        .registration
        .lines
        .iter()
        .map(|l| {
            format!("{}(订单 {},数量 {},不良 {})", l.part_number, l.order_number, l.quantity, l.defective_quantity)
        })
        .collect();
    let opening = format!(
        "贵方于 {received} 反映的问题(投诉编号 {}){}已收悉。我司高度重视,已会同相关部门进行了分析核实,现将结果告知如下:",
        c.number,
        if products.is_empty() { String::new() } else { format!(",涉及产品 {}", products.join("、")) }
    );
    f.paragraph(&opening, 11.0);
    f.gap(2.0);
    f.paragraph(&format!("一、投诉内容:{}", c.registration.description), 11.0);
    f.paragraph(&format!("二、原因分析:{}", c.analysis.cause_analysis), 11.0);
    if not_ours {
        f.paragraph(&format!("三、鉴定结果:{}", c.analysis.appraisal_result), 11.0);
        f.paragraph(&format!("四、鉴定依据:{}", c.analysis.appraisal_basis), 11.0);
        f.paragraph(
            &format!(
                "经鉴定,该问题非我方产品原因所致。我司愿协助贵方进一步分析可能的原因,并就后续解决办法与贵方协商。如对鉴定结果有异议,请于收到本函之日起{}日内与我司售后服务部联系。",
                s.objection_days
            ),
            11.0,
        );
    } else {
        let remedy = c.remedy.remedy.map(|r| r.label()).unwrap_or("");
        let mut handling = format!("三、处理办法:{remedy}。{}", c.remedy.remedy_detail);
        if c.remedy.agreed_fen > 0 {
            handling.push_str(&format!("我司同意赔偿 {}。", money(c.remedy.agreed_fen)));
        }
        f.paragraph(&handling, 11.0);
        let actions: Vec<String> = c.actions.iter().map(|a| format!("{}:{}", a.kind.label(), a.description)).collect();
        if !actions.is_empty() {
            f.paragraph(&format!("四、改善措施:{}", actions.join(";")), 11.0);
        }
        f.paragraph("感谢贵方对我司产品的信任与支持。如有任何疑问,请与我司售后服务部联系。", 11.0);
    }
    let contact = [
        (!s.service_contact_name.is_empty()).then(|| format!("联系人:{}", s.service_contact_name)),
        (!s.service_contact_phone.is_empty()).then(|| format!("电话:{}", s.service_contact_phone)),
    ];
    let contact: Vec<String> = contact.into_iter().flatten().collect();
    if !contact.is_empty() {
        f.gap(2.0);
        f.paragraph(&format!("售后服务部 {}", contact.join("  ")), 11.0);
    }
    f.gap(14.0);
    f.ensure(20.0);
    let page = f.page();
    let right = page.width - page.margin - 70.0;
    let y = f.cursor();
    f.text_at(right, y, company, 11.0, Weight::Regular);
    f.text_at(right, y - 7.0, "售后服务部(盖章)", 11.0, Weight::Regular);
    f.text_at(right, y - 14.0, &local_date_chinese(now, zone), 11.0, Weight::Regular);
    Ok(f.finish())
}
