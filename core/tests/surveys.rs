//! Satisfaction surveys on a real database, through the use-cases: the shipped template frozen
//! by its first campaign, targeting by grade, region, store and closed complaints, responses
//! entered by their number, CSAT and NPS against hand-made fixtures (all promoters, all
//! detractors, no answers), the questionnaire read back, the results workbook read back, a merge,
//! the customer timeline and the survey after a closed complaint.

use crate::common;
use crate::pdf_read;

use calamine::{Data, Reader};
use chrono::{Duration, NaiveDate};
use common::*;
use pdf_read::has;
use shouhou_core::account::{self, Actor, Role};
use shouhou_core::customer::{self, Contact, CustomerGrade, CustomerInput, CustomerKind};
use shouhou_core::db::Store;
use shouhou_core::org::{self, StoreInput};
use shouhou_core::survey::{
    self, Answer, CampaignInput, CampaignState, NO_DATA, QuestionKind, ResponseChannel, ResponseInput, ResponseQuery,
    ResponseState, TargetRule,
};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

struct World {
    _dir: tempfile::TempDir,
    store: Store,
    admin: Actor,
    clerk: Actor,
    /// (id, name) of the customers: 0 key/天津/store A, 1 key/北京, 2 normal/天津/store B, 3 normal/北京
    customers: Vec<(i64, String)>,
    store_a: i64,
}

async fn world() -> World {
    let (dir, store, admin) = initialized().await;
    let dept = department_id(&store, "售后服务部").await;
    account::create_user(&store, &admin, new_user("lina", Role::AfterSales, Some(dept)), at(7, 0)).await.unwrap();
    let clerk = account::sign_in(&store, "lina", "pass12345", at(7, 1)).await.unwrap();
    let mut stores = Vec::new();
    for (code, name) in [("TJ-01", "天津河西直销店"), ("BJ-01", "北京丰台直销店")] {
        let input = StoreInput {
            code: code.into(),
            name: name.into(),
            region: String::new(),
            address: String::new(),
            manager: String::new(),
            phone: String::new(),
            active: true,
        };
        stores.push(org::create_store(&store, &admin, input, at(7, 2)).await.unwrap().id);
    }
    let mut customers = Vec::new();
    let specs = [
        ("天津华泰机械有限公司", CustomerGrade::Key, "天津", Some(stores[0])),
        ("北京精工设备有限公司", CustomerGrade::Key, "北京", None),
        ("天津鑫达汽车配件厂", CustomerGrade::Normal, "天津", Some(stores[1])),
        ("北京宏远农机合作社", CustomerGrade::Normal, "北京", None),
    ];
    for (name, grade, region, store_id) in specs {
        let input = CustomerInput {
            code: String::new(),
            name: name.into(),
            kind: CustomerKind::Company,
            region: region.into(),
            industry: String::new(),
            grade,
            source_store_id: store_id,
            tags: vec![],
            notes: String::new(),
            contacts: vec![Contact {
                name: "张伟".into(),
                title: String::new(),
                phone: "13800001111".into(),
                email: String::new(),
                is_primary: true,
            }],
            addresses: vec![],
        };
        let c = customer::create(&store, &admin, input, at(7, 3)).await.unwrap();
        customers.push((c.id, c.name));
    }
    World { _dir: dir, store, admin, clerk, customers, store_a: stores[0] }
}

async fn open_campaign(w: &World, name: &str, rule: TargetRule) -> survey::Campaign {
    let template_id =
        survey::templates(&w.store, &w.clerk).await.unwrap().into_iter().find(|t| t.is_default).unwrap().id;
    let input = CampaignInput { name: name.into(), template_id, opened_on: day(27), rule };
    survey::create_campaign(&w.store, &w.clerk, input, at(9, 0)).await.unwrap()
}

async fn pending(w: &World, campaign_id: i64) -> Vec<survey::ResponseSummary> {
    let query = ResponseQuery { campaign_id, limit: Some(100), ..ResponseQuery::default() };
    survey::responses(&w.store, &w.clerk, &query).await.unwrap().items
}

/// Answers for the default template: every rating `rating`, NPS `nps`, loyalty choice `loyal`.
fn answers(questions: &[survey::Question], rating: i64, nps: i64, loyal: usize) -> Vec<Answer> {
    questions
        .iter()
        .filter(|q| q.kind != QuestionKind::Text)
        .map(|q| Answer {
            question_id: q.id,
            value: Some(match q.kind {
                QuestionKind::Rating => rating,
                QuestionKind::Nps => nps,
                _ => loyal as i64,
            }),
            ..Answer::default()
        })
        .collect()
}

async fn enter(w: &World, number: &str, rating: i64, nps: i64, loyal: usize) -> survey::Response {
    let r = survey::response_by_number(&w.store, &w.clerk, number).await.unwrap();
    let input = ResponseInput {
        channel: ResponseChannel::Paper,
        answered_on: day(27),
        answers: answers(&r.questions, rating, nps, loyal),
    };
    survey::enter_response(&w.store, &w.clerk, number, r.summary.version, input, at(10, 0)).await.unwrap()
}

#[tokio::test]
async fn the_shipped_template_is_frozen_by_its_first_campaign_and_changed_as_a_new_revision() {
    let w = world().await;
    let templates = survey::templates(&w.store, &w.clerk).await.unwrap();
    let default = templates.iter().find(|t| t.is_default).unwrap().clone();
    let kinds: Vec<QuestionKind> = default.questions.iter().map(|q| q.kind).collect();
    use QuestionKind::*;
    assert_eq!(kinds, [Rating, Rating, Rating, Rating, Single, Nps, Text]);
    let texts: String = default.questions.iter().map(|q| q.text.as_str()).collect();
    for topic in ["服务态度", "响应速度", "问题", "产品质量", "再次购买", "推荐"] {
        assert!(texts.contains(topic), "the default template asks about {topic}");
    }
    assert!(!default.frozen);

    open_campaign(&w, "十一月满意度调查", TargetRule::default()).await;
    let frozen = survey::template(&w.store, &w.clerk, default.id).await.unwrap();
    assert!(frozen.frozen, "a campaign freezes its template");
    let input = survey::TemplateInput {
        name: frozen.name.clone(),
        description: String::new(),
        questions: vec![survey::QuestionInput {
            kind: Nps,
            text: "您会推荐我们吗?".into(),
            options: vec![],
            measure: None,
            required: true,
        }],
    };
    let err = survey::update_template(&w.store, &w.clerk, frozen.id, frozen.version, input.clone(), at(9, 5))
        .await
        .unwrap_err();
    assert!(err.user_message().contains("另存为新版本"), "{}", err.user_message());
    let revised = survey::revise_template(&w.store, &w.clerk, frozen.id, input, at(9, 6)).await.unwrap();
    assert_eq!((revised.revision, revised.previous_id, revised.is_default), (2, Some(frozen.id), true));
    let old = survey::template(&w.store, &w.clerk, frozen.id).await.unwrap();
    assert_eq!((old.is_default, old.questions.len()), (false, 7), "the old revision keeps its questions");
}

#[tokio::test]
async fn campaigns_reach_the_customers_chosen_by_grade_region_store_or_closed_complaint() {
    let w = world().await;
    let names = |list: Vec<survey::ResponseSummary>| {
        let mut v: Vec<String> = list.into_iter().map(|r| r.customer_name).collect();
        v.sort();
        v
    };
    let name = |i: usize| w.customers[i].1.clone();
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };

    let key =
        open_campaign(&w, "重点客户", TargetRule { grades: vec![CustomerGrade::Key], ..TargetRule::default() }).await;
    assert_eq!(key.targets, 2);
    assert_eq!(names(pending(&w, key.id).await), sorted(vec![name(0), name(1)]));

    let rule =
        TargetRule { grades: vec![CustomerGrade::Normal], regions: vec!["天津".into()], ..TargetRule::default() };
    assert_eq!(survey::count_targets(&w.store, &w.clerk, rule.clone()).await.unwrap(), 1);
    let tianjin = open_campaign(&w, "天津普通客户", rule).await;
    assert_eq!(names(pending(&w, tianjin.id).await), vec![name(2)]);
    assert_eq!(tianjin.rule_text, "普通客户;地区:天津");

    let by_store =
        open_campaign(&w, "河西店客户", TargetRule { store_ids: vec![w.store_a], ..TargetRule::default() }).await;
    assert_eq!(names(pending(&w, by_store.id).await), vec![name(0)]);

    // Complaints closed on 11-20 and 11-25 (Shanghai time) and one still open.
    for (customer, state, closed_at) in [
        (1, "closed", Some("2026-11-19T17:30:00.000Z")), // 11-20 01:30 in Shanghai
        (3, "closed", Some("2026-11-25T02:00:00.000Z")),
        (2, "analysing", None),
    ] {
        sqlx::query(
            "INSERT INTO complaint (number, state, received_at, channel, customer_id, category, severity, description,
                                    closed_at, created_at, updated_at)
             VALUES ('KS-2026-' || ?, ?, '2026-11-01T00:00:00.000Z', 'hotline', ?, 'quality', 'minor', '异响', ?,
                     '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')",
        )
        .bind(customer as i64)
        .bind(state)
        .bind(w.customers[customer].0)
        .bind(closed_at)
        .execute(w.store.pool())
        .await
        .unwrap();
    }
    let period =
        |from, to| TargetRule { closed_from: Some(day(from)), closed_to: Some(day(to)), ..TargetRule::default() };
    assert_eq!(survey::count_targets(&w.store, &w.clerk, period(20, 30)).await.unwrap(), 2);
    assert_eq!(survey::count_targets(&w.store, &w.clerk, period(21, 30)).await.unwrap(), 1, "11-20 in Shanghai");
    let closed = open_campaign(&w, "投诉客户回访", period(1, 30)).await;
    assert_eq!(names(pending(&w, closed.id).await), sorted(vec![name(1), name(3)]));

    let err = survey::create_campaign(
        &w.store,
        &w.clerk,
        CampaignInput { name: "无对象".into(), template_id: 1, opened_on: day(27), rule: period(1, 2) },
        at(9, 0),
    )
    .await
    .unwrap_err();
    assert_eq!(err.field(), Some("rule"));
    let numbers: Vec<String> = pending(&w, key.id).await.into_iter().map(|r| r.number).collect();
    assert_eq!(numbers, ["WJ-2026-000001", "WJ-2026-000002"], "numbers per year, in customer order");
    // The list finds a response by its number, the customer's code or a word of its name.
    for text in ["华泰", "华泰机械", "wj-2026-000001", "KH000001"] {
        let q = ResponseQuery { campaign_id: key.id, text: text.into(), limit: Some(10), ..ResponseQuery::default() };
        let page = survey::responses(&w.store, &w.clerk, &q).await.unwrap();
        assert_eq!((page.total, page.items[0].customer_name.as_str()), (1, name(0).as_str()), "{text}");
    }
    let q = ResponseQuery { campaign_id: key.id, limit: Some(1), ..ResponseQuery::default() };
    let first = survey::responses(&w.store, &w.clerk, &q).await.unwrap();
    assert_eq!((first.total, first.items.len()), (2, 1));
    let q = ResponseQuery { after_id: first.next_after_id, ..q };
    let second = survey::responses(&w.store, &w.clerk, &q).await.unwrap();
    assert_eq!((second.items[0].number.as_str(), second.next_after_id), ("WJ-2026-000002", None));
    assert_eq!(key.number, "DC-2026-01");
}

#[tokio::test]
async fn nps_and_csat_against_hand_made_fixtures() {
    let w = world().await;
    // No answers yet: every figure reads 无数据, never NaN.
    let c = open_campaign(&w, "全部客户", TargetRule::default()).await;
    let r = survey::results_for(&w.store, &w.clerk, c.id).await.unwrap();
    assert_eq!((r.targets, r.responses), (4, 0));
    for text in [&r.overall.csat.text, &r.overall.nps.text, &r.overall.loyalty.text, &r.overall.csat_average.text] {
        assert_eq!(text, NO_DATA);
    }
    assert_eq!(r.response_rate.text, "0.0%");
    let json = serde_json::to_string(&r).unwrap();
    assert!(!json.contains("NaN"), "{json}");
    assert!(r.questions.iter().all(|q| q.average.value.is_none()));

    // All promoters.
    let numbers: Vec<String> = pending(&w, c.id).await.into_iter().map(|r| r.number).collect();
    for n in &numbers[..2] {
        enter(&w, n, 5, 10, 0).await;
    }
    let r = survey::results_for(&w.store, &w.clerk, c.id).await.unwrap();
    assert_eq!((r.overall.nps.promoters, r.overall.nps.score), (2, Some(100.0)));
    assert_eq!((r.overall.csat.text.as_str(), r.overall.loyalty.text.as_str()), ("100.0%", "100.0%"));
    assert_eq!(r.response_rate.text, "50.0%");

    // All detractors, in a campaign of their own.
    let d = open_campaign(&w, "全部客户(二)", TargetRule::default()).await;
    for r in pending(&w, d.id).await {
        enter(&w, &r.number, 2, 6, 2).await;
    }
    let r = survey::results_for(&w.store, &w.clerk, d.id).await.unwrap();
    assert_eq!((r.overall.nps.detractors, r.overall.nps.score), (4, Some(-100.0)));
    assert_eq!((r.overall.csat.value, r.overall.loyalty.value), (Some(0.0), Some(0.0)));
    assert_eq!(r.overall.csat_average.text, "2.00");

    // Mixed: 10, 8, 3 and 9 → 2 promoters, 1 passive, 1 detractor: +25.0. Ratings 5, 4, 2, 3: 50%.
    let m = open_campaign(&w, "全部客户(三)", TargetRule::default()).await;
    for (r, (rating, nps)) in pending(&w, m.id).await.iter().zip([(5, 10), (4, 8), (2, 3), (3, 9)]) {
        enter(&w, &r.number, rating, nps, 0).await;
    }
    let r = survey::results_for(&w.store, &w.clerk, m.id).await.unwrap();
    assert_eq!(r.overall.nps.text, "+25.0");
    assert_eq!(r.overall.csat.text, "50.0%");
    let nps_q = r.questions.iter().find(|q| q.kind == QuestionKind::Nps).unwrap();
    assert_eq!(nps_q.distribution.iter().map(|b| b.count).sum::<i64>(), 4);
    assert_eq!(nps_q.distribution[10].count, 1);
    let rating_q = &r.questions[0];
    assert_eq!((rating_q.average.text.as_str(), rating_q.satisfied.as_ref().unwrap().text.as_str()), ("3.50", "50.0%"));
    // Per grade: the key customers (0 and 1) gave 10 and 8.
    let key = r.by_grade.iter().find(|s| s.name == "重点客户").unwrap();
    assert_eq!((key.responses, key.nps.text.as_str()), (2, "+50.0"));
    assert_eq!(r.by_region.len(), 2);
    assert!(r.by_store.iter().any(|s| s.name == "天津河西直销店" && s.responses == 1));
    // The trend runs over the three campaigns, oldest first.
    let trend: Vec<&str> = r.trend.iter().map(|t| t.figures.nps.text.as_str()).collect();
    assert_eq!(trend, ["+100.0", "-100.0", "+25.0"]);
}

#[tokio::test]
async fn a_paper_response_is_entered_by_its_number_and_checked() {
    let w = world().await;
    let c = open_campaign(&w, "全部客户", TargetRule::default()).await;
    let first = &pending(&w, c.id).await[0];
    // Typed in lower case with spaces, as a scanner or a person might.
    let typed = format!(" {} ", first.number.to_lowercase());
    let r = survey::response_by_number(&w.store, &w.clerk, &typed).await.unwrap();
    assert_eq!((r.summary.state, r.summary.customer_id), (ResponseState::Pending, first.customer_id));
    let mut input = ResponseInput {
        channel: ResponseChannel::Paper,
        answered_on: day(28),
        answers: answers(&r.questions, 5, 9, 0),
    };
    let err = survey::enter_response(&w.store, &w.clerk, &typed, r.summary.version, input.clone(), at(10, 0))
        .await
        .unwrap_err();
    assert_eq!(err.field(), Some("answered_on"), "not after today");
    input.answered_on = day(27);
    input.answers.pop();
    let err = survey::enter_response(&w.store, &w.clerk, &typed, r.summary.version, input.clone(), at(10, 0))
        .await
        .unwrap_err();
    assert!(err.user_message().contains("必须作答"), "{}", err.user_message());
    input.answers = answers(&r.questions, 5, 9, 0);
    let saved =
        survey::enter_response(&w.store, &w.clerk, &typed, r.summary.version, input.clone(), at(10, 0)).await.unwrap();
    assert_eq!(saved.summary.state, ResponseState::Answered);
    assert_eq!(
        (saved.summary.nps_score, saved.summary.loyal, saved.summary.csat_average),
        (Some(9), Some(true), Some(5.0))
    );
    // The old version is stale; corrected with the new one.
    let err = survey::enter_response(&w.store, &w.clerk, &typed, r.summary.version, input.clone(), at(10, 1))
        .await
        .unwrap_err();
    assert_eq!(err.code(), "stale");
    input.answers = answers(&r.questions, 3, 4, 2);
    let fixed = survey::enter_response(&w.store, &w.clerk, &typed, saved.summary.version, input.clone(), at(10, 2))
        .await
        .unwrap();
    assert_eq!(fixed.summary.nps_score, Some(4));
    let r = survey::results_for(&w.store, &w.clerk, c.id).await.unwrap();
    assert_eq!((r.responses, r.overall.nps.detractors), (1, 1), "the correction replaced the answers");

    // A store clerk may enter, not run campaigns; a closed campaign takes no more answers.
    let err = survey::count_targets(&w.store, &w.admin, TargetRule::default()).await;
    assert!(err.is_ok());
    let campaign = survey::campaign(&w.store, &w.clerk, c.id).await.unwrap();
    let closed = survey::close_campaign(&w.store, &w.clerk, c.id, campaign.version, at(11, 0)).await.unwrap();
    assert_eq!((closed.state, closed.answered, closed.targets), (CampaignState::Closed, 1, 4));
    // The sums kept at closing are what the trend of a later campaign shows.
    let kept: String = sqlx::query_scalar("SELECT closed_tally FROM survey_campaign WHERE id = ?")
        .bind(c.id)
        .fetch_one(w.store.pool())
        .await
        .unwrap();
    let later = open_campaign(&w, "下一期", TargetRule::default()).await;
    let trend = survey::results_for(&w.store, &w.clerk, later.id).await.unwrap().trend;
    assert_eq!((trend[0].figures.responses, trend[0].figures.nps.detractors), (1, 1), "{kept}");
    let second = &pending(&w, c.id).await[1];
    let err =
        survey::enter_response(&w.store, &w.clerk, &second.number, second.version, input, at(11, 1)).await.unwrap_err();
    assert!(err.user_message().contains("已结束"), "{}", err.user_message());
    let err = survey::response_by_number(&w.store, &w.clerk, "WJ-2026-999999").await.unwrap_err();
    assert_eq!(err.user_message(), "调查问卷编号不存在或已被删除");
}

#[tokio::test]
async fn the_questionnaire_prints_the_customer_and_its_number_as_text_and_qr_code() {
    let w = world().await;
    let c = open_campaign(&w, "全部客户", TargetRule::default()).await;
    let first = &pending(&w, c.id).await[0];
    let pdf = survey::render_questionnaire(&w.store, &w.clerk, Some(first.number.clone())).await.unwrap();
    pdf_read::keep("questionnaire.pdf", &pdf);
    let pages = pdf_read::pages_of(&pdf);
    let text = pages.concat();
    for wanted in [
        "满意度调查问卷",
        "天津示例机械有限公司",
        first.customer_name.as_str(),
        first.number.as_str(),
        "DC-2026-01",
        "服务态度",
        "响应速度",
        "产品质量",
        "是否愿意再次购买",
        "□愿意",
        "□10",
        "5非常满意",
        "客户签名",
        "SH/QR-9.1-01",
    ] {
        assert!(has(&text, wanted), "the questionnaire lacks {wanted}");
    }
    assert!(pdf_read::qr_codes_in(&pdf, 1, (150.0, 0.0, 60.0, 45.0), 300).contains(&first.number));
    assert!(pdf.len() < 100_000, "{} bytes", pdf.len());

    let blank = survey::render_questionnaire(&w.store, &w.clerk, None).await.unwrap();
    pdf_read::keep("questionnaire-blank.pdf", &blank);
    let text = pdf_read::text_of(&blank);
    assert!(has(&text, "满意度调查问卷") && has(&text, "客户名称") && has(&text, "服务态度"));
    assert!(!has(&text, &first.customer_name) && !has(&text, "WJ-"), "a blank sheet names nobody");
    assert!(pdf_read::qr_codes_in(&blank, 1, (150.0, 0.0, 60.0, 45.0), 300).is_empty());
}

#[tokio::test]
async fn the_results_workbook_reads_back_typed() {
    let w = world().await;
    let c = open_campaign(&w, "全部客户", TargetRule::default()).await;
    for (r, (rating, nps)) in pending(&w, c.id).await.iter().zip([(5, 10), (4, 8), (2, 3)]) {
        enter(&w, &r.number, rating, nps, 0).await;
    }
    let results = survey::results_for(&w.store, &w.clerk, c.id).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("results.xlsx");
    survey::export_results(&results, &path).unwrap();
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    assert_eq!(book.sheet_names(), ["总体", "各题", "分组", "趋势"]);
    let overall = book.worksheet_range("总体").unwrap();
    let value = |label: &str| {
        overall.rows().find(|row| row[0] == Data::String(label.into())).map(|row| row[1].clone()).unwrap()
    };
    assert_eq!(value("发放问卷数"), Data::Float(4.0));
    assert_eq!(value("回收问卷数"), Data::Float(3.0));
    assert_eq!(value("回收率"), Data::Float(0.75));
    // 1 promoter, 1 passive, 1 detractor: 0.
    assert_eq!(value("NPS"), Data::Float(0.0));
    let Data::Float(csat) = value("满意度(CSAT)") else { panic!("CSAT is a number") };
    assert!((csat - 8.0 / 12.0).abs() < 1e-9, "{csat}");
    let groups = book.worksheet_range("分组").unwrap();
    assert!(
        groups.rows().any(|row| row[0] == Data::String("客户等级".into()) && row[1] == Data::String("重点客户".into()))
    );

    // With no answers, the figures are the text 无数据.
    let empty = open_campaign(&w, "无人作答", TargetRule::default()).await;
    let results = survey::results_for(&w.store, &w.clerk, empty.id).await.unwrap();
    survey::export_results(&results, &path).unwrap();
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let overall = book.worksheet_range("总体").unwrap();
    let nps = overall.rows().find(|row| row[0] == Data::String("NPS".into())).unwrap()[1].clone();
    assert_eq!(nps, Data::String(NO_DATA.into()));
}

#[tokio::test]
async fn responses_follow_a_merged_customer_and_show_on_its_timeline() {
    let w = world().await;
    let c = open_campaign(&w, "全部客户", TargetRule::default()).await;
    let list = pending(&w, c.id).await;
    let duplicate = list.iter().find(|r| r.customer_id == w.customers[3].0).unwrap();
    enter(&w, &duplicate.number, 4, 9, 0).await;
    let survivor = w.customers[1].0;
    customer::merge(&w.store, &w.admin, w.customers[3].0, survivor, at(12, 0)).await.unwrap();
    let mut conn = w.store.pool().acquire().await.unwrap();
    let events = survey::customer_events(&mut conn, survivor).await.unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].response_number, duplicate.number);
    assert_eq!(events[0].summary, "满意度 4.0 · NPS 9(推荐者) · 愿意再次购买");
    assert!(events[0].link.ends_with(&duplicate.number));
    assert!(survey::customer_events(&mut conn, w.customers[3].0).await.unwrap().is_empty());

    let summary = survey::satisfaction_summary(&mut conn, day(1), day(30)).await.unwrap();
    assert_eq!((summary.figures.responses, summary.figures.nps.text.as_str()), (1, "+100.0"));
    let before = survey::satisfaction_summary(&mut conn, day(1), day(26)).await.unwrap();
    assert_eq!(before.figures.csat.text, NO_DATA);
}

#[tokio::test]
async fn a_closed_complaint_adds_its_customer_to_the_after_complaint_survey_when_switched_on() {
    use shouhou_core::complaint::{
        self, Analysis, AnalysisDetails, Category, Channel, Command, ContactInput, ContactMethod, Inspection,
        ProductLine, Registration, Severity, Share,
    };
    let w = world().await;
    let quality_dept = department_id(&w.store, "品控中心").await;
    account::create_user(&w.store, &w.admin, new_user("liuyang", Role::Quality, Some(quality_dept)), at(7, 0))
        .await
        .unwrap();
    let quality = account::sign_in(&w.store, "liuyang", "pass12345", at(7, 1)).await.unwrap();
    let s = &w.store;
    let close_one = |minutes: i64| {
        let (clerk, quality) = (w.clerk.clone(), quality.clone());
        let customer_id = w.customers[0].0;
        async move {
            let registration = Registration {
                received_at: at(8, 0),
                channel: Channel::Hotline,
                customer_id,
                contact_name: "张伟".into(),
                contact_phone: "13800001111".into(),
                store_id: None,
                category: Category::Quality,
                severity: Severity::Minor,
                description: "运行异响".into(),
                customer_demand: "更换".into(),
                lines: vec![ProductLine {
                    order_number: "SO-1".into(),
                    part_number: "JSJ-200-A".into(),
                    batch: "B1".into(),
                    ship_date: Some(day(1)),
                    quantity: 10,
                    defective_quantity: 1,
                    product_name: String::new(),
                    specification: String::new(),
                }],
                samples: String::new(),
                reply_by: None,
            };
            let t = at(8, 5) + Duration::minutes(minutes);
            let c = complaint::register(s, &clerk, registration, t).await.unwrap();
            let c = complaint::transition(s, &clerk, c.id, c.version, Command::StartAnalysis, "", t).await.unwrap();
            let analysis = Analysis {
                cause_analysis: "装配不良".into(),
                production_unit: String::new(),
                production_staff: String::new(),
                production_date: None,
                our_fault: Some(true),
                appraisal_result: String::new(),
                appraisal_basis: String::new(),
                responsibilities: vec![Share {
                    department_id: Some(quality_dept),
                    party: String::new(),
                    share_percent: 100,
                }],
            };
            let details = AnalysisDetails {
                cause_code: "生产工艺".into(),
                inspections: vec![Inspection {
                    department_id: quality_dept,
                    person: "刘洋".into(),
                    inspected_on: day(27),
                }],
            };
            let c = complaint::save_analysis(s, &quality, c.id, c.version, analysis, details, t).await.unwrap();
            let c = complaint::decide_corrective(s, &clerk, c.id, c.version, false, "偶发个案", t).await.unwrap();
            let c = complaint::transition(s, &clerk, c.id, c.version, Command::File, "", t).await.unwrap();
            let contact = ContactInput {
                contacted_at: t,
                method: ContactMethod::Phone,
                customer_person: "张伟".into(),
                summary: "已处理".into(),
            };
            let c = complaint::add_contact(s, &clerk, c.id, contact, t).await.unwrap();
            let c = complaint::save_feedback(s, &clerk, c.id, c.version, "客户认可", t).await.unwrap();
            complaint::transition(s, &clerk, c.id, c.version, Command::Close, "", t).await.unwrap()
        }
    };
    // Off by default: closing adds no survey.
    close_one(0).await;
    assert!(survey::campaigns(s, &w.clerk).await.unwrap().is_empty());

    let settings = shouhou_core::settings::load(s).await.unwrap();
    assert_eq!(settings.survey_after_close, None);
    let on = shouhou_core::settings::Settings { survey_after_close: Some(true), ..settings };
    shouhou_core::settings::update(s, &w.admin, on, at(8, 30)).await.unwrap();
    let closed = close_one(30).await;
    let campaigns = survey::campaigns(s, &w.clerk).await.unwrap();
    assert_eq!(campaigns.len(), 1);
    assert_eq!((campaigns[0].name.as_str(), campaigns[0].targets), (survey::AFTER_COMPLAINT_CAMPAIGN, 1));
    let list = pending(&w, campaigns[0].id).await;
    assert_eq!(list[0].complaint_number.as_deref(), Some(closed.number.as_str()));
    assert_eq!(list[0].customer_id, w.customers[0].0);

    // Reopened and closed again: still one survey for that complaint; a second complaint adds one.
    let c = complaint::transition(s, &w.clerk, closed.id, closed.version, Command::Reopen, "客户再次反映", at(9, 0))
        .await
        .unwrap();
    let c = complaint::transition(s, &w.clerk, c.id, c.version, Command::File, "", at(9, 1)).await.unwrap();
    complaint::transition(s, &w.clerk, c.id, c.version, Command::Close, "", at(9, 2)).await.unwrap();
    close_one(60).await;
    assert_eq!(survey::campaign(s, &w.clerk, campaigns[0].id).await.unwrap().targets, 2);
}

#[tokio::test]
async fn who_may_run_enter_and_see_surveys() {
    let w = world().await;
    let gate = new_user("gate", Role::Gate, Some(department_id(&w.store, "保卫部").await));
    account::create_user(&w.store, &w.admin, gate, at(7, 0)).await.unwrap();
    let gate = account::sign_in(&w.store, "gate", "pass12345", at(7, 1)).await.unwrap();
    assert_eq!(survey::campaigns(&w.store, &gate).await.unwrap_err().code(), "forbidden");
    let quality = new_user("liuyang", Role::Quality, Some(department_id(&w.store, "品控中心").await));
    account::create_user(&w.store, &w.admin, quality, at(7, 0)).await.unwrap();
    let quality = account::sign_in(&w.store, "liuyang", "pass12345", at(7, 1)).await.unwrap();
    assert!(survey::campaigns(&w.store, &quality).await.is_ok(), "other departments read the results");
    let err = survey::count_targets(&w.store, &quality, TargetRule::default()).await.unwrap_err();
    assert_eq!(err.code(), "forbidden");
}

#[tokio::test]
async fn the_demo_has_a_finished_campaign_with_a_non_trivial_nps_and_an_open_one() {
    let (_dir, store) = common::demo().await;
    let now = at(9, 0);
    let admin = account::sign_in(&store, "admin", shouhou_core::demo::DEMO_PASSWORD, now).await.unwrap();
    let campaigns = survey::campaigns(&store, &admin).await.unwrap();
    let states: Vec<CampaignState> = campaigns.iter().map(|c| c.state).collect();
    assert_eq!(states, [CampaignState::Open, CampaignState::Closed]);
    let finished = survey::results_for(&store, &admin, campaigns[1].id).await.unwrap();
    let nps = finished.overall.nps.score.unwrap();
    assert!(nps > -100.0 && nps < 100.0 && nps != 0.0, "{nps}");
    assert!(
        finished.overall.nps.promoters > 0 && finished.overall.nps.passives > 0 && finished.overall.nps.detractors > 0
    );
    assert!(finished.responses < finished.targets, "some never came back");
    let open = survey::results_for(&store, &admin, campaigns[0].id).await.unwrap();
    assert_eq!(open.responses, 2);
    assert_eq!(open.trend.len(), 2);
}

#[tokio::test]
async fn the_command_line_writes_every_figure_of_the_results_as_json_and_xlsx() {
    let dir = common::demo_folder();
    let shouhou = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_shouhou"))
            .arg("--data-dir")
            .arg(dir.path())
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let store = Store::open(dir.path(), at(9, 0)).await.unwrap();
    let admin = account::sign_in(&store, "admin", shouhou_core::demo::DEMO_PASSWORD, at(9, 0)).await.unwrap();
    let finished = survey::campaigns(&store, &admin)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.state == CampaignState::Closed)
        .unwrap();
    let want = survey::results_for(&store, &admin, finished.id).await.unwrap();
    store.close().await;

    let json = dir.path().join("results.json");
    let printed =
        shouhou(&["survey", "results", &finished.number, "--format", "json", "--out", json.to_str().unwrap()]);
    assert!(printed.contains(&format!("NPS {}", want.overall.nps.text)), "{printed}");
    let got: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(got, serde_json::to_value(&want).unwrap(), "the file holds every figure of the results screen");

    let xlsx = dir.path().join("results.xlsx");
    shouhou(&["survey", "results", &finished.name, "--format", "xlsx", "--out", xlsx.to_str().unwrap()]);
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let overall = book.worksheet_range("总体").unwrap();
    let responses = overall.rows().find(|row| row[0] == Data::String("回收问卷数".into())).unwrap()[1].clone();
    assert_eq!(responses, Data::Float(want.responses as f64));
}
