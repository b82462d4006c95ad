//! Demo surveys: one finished campaign to every customer, answered by most of them with a spread
//! of scores (a non-trivial NPS), and one open campaign to the key customers with a few answers.

use chrono::{DateTime, Duration, Utc};

use super::*;
use crate::account;

/// (NPS score, written answer) of the finished campaign's responses, in target order.
const ANSWERS: [(i64, &str); 15] = [
    (10, "售后响应很快,工程师专业。"),
    (9, ""),
    (8, "希望备件供应再快一些。"),
    (10, ""),
    (6, "电机温升问题反复出现,希望彻底解决。"),
    (9, ""),
    (7, ""),
    (3, "交货延误影响了我们的生产。"),
    (10, "产品质量稳定,会继续合作。"),
    (9, ""),
    (8, ""),
    (5, ""),
    (9, ""),
    (10, ""),
    (7, "包装可以再加强。"),
];

async fn demo_actor(store: &Store, username: &str) -> Result<Actor> {
    let id: i64 =
        sqlx::query_scalar("SELECT id FROM app_user WHERE username = ?").bind(username).fetch_one(store.pool()).await?;
    account::session_actor(store, id).await
}

/// The answers for a given NPS score on the default template: ratings follow the score, the
/// loyalty choice too. An empty `text` leaves the written question unanswered.
pub(crate) fn answers_for(questions: &[Question], nps: i64, text: &str) -> Vec<Answer> {
    let rating = ((nps + 1) / 2).clamp(1, 5);
    questions
        .iter()
        .filter(|q| q.kind != QuestionKind::Text || !text.is_empty())
        .map(|q| {
            let mut a = Answer { question_id: q.id, ..Answer::default() };
            match q.kind {
                QuestionKind::Rating => a.value = Some(if q.position == 2 { (rating - 1).max(1) } else { rating }),
                QuestionKind::Nps => a.value = Some(nps),
                QuestionKind::Single => {
                    a.value = Some(if nps >= 8 {
                        0
                    } else if nps >= 6 {
                        1
                    } else {
                        2
                    })
                }
                QuestionKind::Multiple => a.values = vec![0],
                QuestionKind::Text => a.text = text.to_owned(),
            }
            a
        })
        .collect()
}

/// Adds the demo campaigns (called by `demo::load` once the complaints are in).
pub async fn load(store: &Store, now: DateTime<Utc>) -> Result<()> {
    let lina = demo_actor(store, "lina").await?;
    let template = {
        let mut conn = store.pool().acquire().await?;
        repo::default_template_id(&mut conn).await?
    };
    let zone = crate::settings::load(store).await?.zone();
    let day = |at: DateTime<Utc>| at.with_timezone(&zone).date_naive();

    let opened = now - Duration::days(75);
    let finished = create_campaign(
        store,
        &lina,
        CampaignInput {
            name: "年度客户满意度调查".into(),
            template_id: template,
            opened_on: day(opened),
            rule: TargetRule::default(),
        },
        opened,
    )
    .await?;
    let page = responses(
        store,
        &lina,
        &ResponseQuery { campaign_id: finished.id, limit: Some(200), ..ResponseQuery::default() },
    )
    .await?;
    // All but the last two came back: some by phone, most on paper.
    let answered = page.items.len().saturating_sub(2);
    for (i, r) in page.items.iter().take(answered).enumerate() {
        let (nps, text) = ANSWERS[i % ANSWERS.len()];
        let at = opened + Duration::days(3 + i as i64 * 2);
        let detail = response_by_number(store, &lina, &r.number).await?;
        let input = ResponseInput {
            channel: if i % 3 == 0 { ResponseChannel::Phone } else { ResponseChannel::Paper },
            answered_on: day(at),
            answers: answers_for(&detail.questions, nps, text),
        };
        enter_response(store, &lina, &r.number, r.version, input, at).await?;
    }
    let closed_at = now - Duration::days(30);
    let version = campaign(store, &lina, finished.id).await?.version;
    close_campaign(store, &lina, finished.id, version, closed_at).await?;

    let opened = now - Duration::days(10);
    let open = create_campaign(
        store,
        &lina,
        CampaignInput {
            name: "重点客户满意度回访".into(),
            template_id: template,
            opened_on: day(opened),
            rule: TargetRule { grades: vec![CustomerGrade::Key], ..TargetRule::default() },
        },
        opened,
    )
    .await?;
    let page =
        responses(store, &lina, &ResponseQuery { campaign_id: open.id, limit: Some(3), ..ResponseQuery::default() })
            .await?;
    for (i, r) in page.items.iter().take(2).enumerate() {
        let at = opened + Duration::days(2 + i as i64);
        let detail = response_by_number(store, &lina, &r.number).await?;
        let nps = [9, 6][i];
        let input = ResponseInput {
            channel: ResponseChannel::Phone,
            answered_on: day(at),
            answers: answers_for(&detail.questions, nps, ""),
        };
        enter_response(store, &lina, &r.number, r.version, input, at).await?;
    }
    Ok(())
}
