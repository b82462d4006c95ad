//! The printed 满意度调查问卷: one per target, with the customer's name and the response number
//! printed and as a QR code in the header, so the returned sheet is entered against the right
//! customer; or blank (the default template, name and number to write in by hand).

use sqlx::SqliteConnection;

use super::{Question, QuestionKind, normalise_number, repo};
use crate::account::{Actor, Permission};
use crate::db::Store;
use crate::error::Result;
use crate::pdf::{Cell, Field, Form, Template};

const TITLE: &str = "满意度调查问卷";

/// The controlled-document code of the questionnaire (ISO 9001 §9.1.2, customer satisfaction).
fn template_code() -> Template {
    Template::new("SH/QR-9.1-01", "A/0")
}

const RATING: [&str; 5] = ["1 非常不满意", "2 不满意", "3 一般", "4 满意", "5 非常满意"];

/// What the customer ticks under a question.
fn choices(q: &Question) -> String {
    let boxes =
        |labels: &mut dyn Iterator<Item = String>| labels.map(|l| format!("□{l}")).collect::<Vec<_>>().join("   ");
    match q.kind {
        QuestionKind::Rating => boxes(&mut RATING.iter().map(|s| s.to_string())),
        QuestionKind::Nps => {
            format!("{}\n(0 表示完全不可能,10 表示非常可能)", boxes(&mut (0..=10).map(|n| n.to_string())))
        }
        QuestionKind::Single => boxes(&mut q.options.iter().cloned()),
        QuestionKind::Multiple => format!("{}(可多选)", boxes(&mut q.options.iter().cloned())),
        QuestionKind::Text => String::new(),
    }
}

/// The questionnaire of response `number` (as typed or scanned), or a blank one when `None`.
pub async fn questionnaire_pdf(conn: &mut SqliteConnection, number: Option<&str>) -> Result<Vec<u8>> {
    let company = crate::settings::load_on(conn).await?.company_name;
    let (questions, filled) = match number {
        Some(number) => {
            let id = repo::response_id(conn, &normalise_number(number)).await?;
            let response = repo::load_response(conn, id).await?;
            let contact = sqlx::query!(
                "SELECT name, phone FROM customer_contact WHERE customer_id = ? ORDER BY is_primary DESC, sort_order LIMIT 1",
                response.summary.customer_id
            )
            .fetch_optional(&mut *conn)
            .await?;
            (response.questions, Some((response.summary, contact.map(|c| (c.name, c.phone)).unwrap_or_default())))
        }
        None => {
            let id = repo::default_template_id(conn).await?;
            (repo::load_template(conn, id).await?.questions, None)
        }
    };
    let number_text = filled.as_ref().map_or("________________".to_owned(), |(s, _)| s.number.clone());
    let mut f = Form::new(&company, TITLE, &number_text)?;
    f.template(template_code());
    if let Some((s, _)) = &filled {
        // Scanned when the sheet comes back: the entry screen takes the number from the scanner.
        f.header_qr(&s.number)?;
    }
    f.paragraph(
        "尊敬的客户:感谢您一直以来对我公司的支持与信任。为了不断改进我们的产品和服务,恳请您抽出几分钟填写本问卷,\
         在相应的“□”内打“√”。填好后请交给我公司售后服务人员或寄回我公司售后服务部。",
        9.5,
    );
    f.gap(2.0);
    let (customer, code, campaign, contact, phone) = match &filled {
        Some((s, (name, phone))) => (
            s.customer_name.clone(),
            s.customer_code.clone(),
            format!("{} {}", s.campaign_number, s.campaign_name),
            name.clone(),
            phone.clone(),
        ),
        None => Default::default(),
    };
    f.fields(
        &[
            Field::new("客户名称", customer).span(2),
            Field::new("客户编号", code),
            Field::new("问卷编号", filled.as_ref().map_or(String::new(), |(s, _)| s.number.clone())),
            Field::new("调查活动", campaign).span(2),
            Field::new("联系人", contact),
            Field::new("联系电话", phone),
            Field::new("填写日期", ""),
        ],
        3,
    );
    f.gap(3.0);
    f.heading("调查内容");
    let width = f.width();
    let number_width = 10.0;
    for q in &questions {
        let mut text = q.text.clone();
        if q.required {
            text.push_str("(必答)");
        }
        let choices = choices(q);
        let body = if choices.is_empty() { text } else { format!("{text}\n{choices}") };
        let cells = [Cell::label(number_width, q.position.to_string()), Cell::value(width - number_width, body)];
        if q.kind == QuestionKind::Text {
            f.row_min(&cells, 32.0);
        } else {
            f.row(&cells);
        }
    }
    f.gap(4.0);
    f.paragraph("说明:评分 1 分表示非常不满意,5 分表示非常满意。问卷编号与二维码对应您的客户档案,请勿涂改。", 8.5);
    f.sign_line(&["客户签名(盖章)", "日期"]);
    Ok(f.finish())
}

/// [`questionnaire_pdf`] for a signed-in user.
pub async fn render_questionnaire(store: &Store, actor: &Actor, number: Option<String>) -> Result<Vec<u8>> {
    actor.require(Permission::ViewSurveys)?;
    let mut conn = store.pool().acquire().await?;
    questionnaire_pdf(&mut conn, number.as_deref()).await
}
