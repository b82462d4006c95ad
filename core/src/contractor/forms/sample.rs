//! A filled-in engagement to show what the documents look like: the template screen's preview,
//! the benchmarks and the tests print it.

use chrono::NaiveDate;

use super::{AgreementDoc, ApplicationDoc, BriefingDoc, LedgerRow, Party, RosterRow};

const SURNAMES: [&str; 20] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马",
    "罗",
];
const GIVEN: [&str; 12] =
    ["建国", "志强", "海涛", "永刚", "立新", "红军", "德明", "春生", "国庆", "文斌", "晓东", "秋实"];
const TRADES: [&str; 6] = ["力工", "电焊工", "架子工", "起重工", "电工", "气割工"];

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid sample date")
}

/// `count` distinct people: 王建国, 李志强, … (names repeat their surname only after 240).
pub fn sample_roster(count: usize) -> Vec<RosterRow> {
    (0..count)
        .map(|i| RosterRow {
            name: format!(
                "{}{}{}",
                SURNAMES[i % 20],
                GIVEN[(i / 20) % 12],
                if i >= 240 { (i / 240).to_string() } else { String::new() }
            ),
            id_number_masked: format!("120104********{:04}", 1000 + i),
            trade: TRADES[i % TRADES.len()].into(),
        })
        .collect()
}

/// The contracting unit of the samples.
pub fn sample_unit() -> Party {
    Party {
        name: "天津市宏达建筑安装工程有限公司".into(),
        credit_code: "91120104MA05K8XW3R".into(),
        legal_rep: "赵德明".into(),
        address: "天津市南开区红旗路278号".into(),
        bank: "中国工商银行天津南开支行".into(),
        account: "0302 0911 0910 0123 456".into(),
        contact: "王建国".into(),
        phone: "139 2001 8866".into(),
    }
}

/// A 外包工 engagement of `people` workers for `company`.
pub fn sample_agreement(company: &str, people: usize) -> AgreementDoc {
    AgreementDoc {
        number: "WB-2026-0007".into(),
        category_label: "外包工".into(),
        hiring_department: "炼钢厂设备科".into(),
        company: Party {
            name: company.into(),
            credit_code: "91120000103061234X".into(),
            legal_rep: "李国强".into(),
            address: "天津市东丽区津塘公路398号".into(),
            contact: "孙立新".into(),
            phone: "022-2486 1234".into(),
            ..Party::default()
        },
        unit: Some(sample_unit()),
        project: "2号转炉一次除尘管道检修".into(),
        content:
            "拆除并更换2号转炉一次除尘系统蒸发冷却器出口至环缝文氏管段管道约36米,含支架加固、焊接及防腐;不含电气部分。"
                .into(),
        place: "炼钢厂二车间".into(),
        area: "2号转炉炉后平台 +18.5米至+32米".into(),
        contract_number: "TG-SB-2026-1187".into(),
        start: day(2026, 12, 1),
        end: day(2026, 12, 20),
        deposit_fen: 2_000_000,
        roster: sample_roster(people),
        approved_by: None,
        approved_at: None,
        printed: "打印:2026-11-30 10:15 安全管理部 周文斌".into(),
    }
}

/// The briefing sheet of the sample engagement for `people` workers.
pub fn sample_briefing(people: usize) -> BriefingDoc {
    BriefingDoc {
        number: "WB-2026-0007-JD1".into(),
        project: "2号转炉一次除尘管道检修".into(),
        unit_name: "天津市宏达建筑安装工程有限公司".into(),
        content: "更换除尘管道约36米,含切割、吊装、焊接及防腐。".into(),
        location: "炼钢厂二车间 2号转炉炉后平台 +18.5米至+32米".into(),
        date: day(2026, 12, 1),
        hazards: "高处坠落;煤气中毒(转炉煤气区域);动火作业引发火灾;起重伤害;物体打击。".into(),
        measures: "作业前办理动火、高处、煤气区域作业票;煤气区域作业前检测CO浓度并携带便携式报警仪,设专人监护;高处作业系挂双钩安全带,搭设合格脚手架并验收挂牌;吊装设专人指挥,吊物下方禁止站人。".into(),
        precautions: "严禁酒后作业;未经交底不得上岗;不得擅自操作甲方设备、阀门;作业区域设置警戒线;工完料净场地清。".into(),
        operating_rules: "执行《电焊工安全操作规程》《起重工安全操作规程》《高处作业安全管理规定》《煤气区域作业安全管理规定》。".into(),
        emergency: "发生煤气中毒立即将中毒者移至上风向新鲜空气处,有呼吸停止的立即进行心肺复苏,同时拨打厂内急救电话 2486 1120 和 120;发生火灾使用现场灭火器扑救并报火警 2486 1119;集合点:二车间东门外空地。".into(),
        briefer: "孙立新".into(),
        safety_officer: "刘海涛".into(),
        roster: sample_roster(people),
        printed: "打印:2026-11-30 10:15 炼钢厂设备科 孙立新".into(),
    }
}

/// The 申报表 / 审批表 of the sample engagement.
pub fn sample_application(people: usize) -> ApplicationDoc {
    ApplicationDoc {
        number: "WB-2026-0007".into(),
        department: "炼钢厂设备科".into(),
        category_label: "外包工".into(),
        unit_name: "天津市宏达建筑安装工程有限公司".into(),
        project: "2号转炉一次除尘管道检修".into(),
        content: "更换除尘管道约36米,含切割、吊装、焊接及防腐。".into(),
        place: "炼钢厂二车间 2号转炉炉后平台".into(),
        start: day(2026, 12, 1),
        end: day(2026, 12, 20),
        reason: "年度检修计划项目,本单位无管道焊接资质及足够人员,经招标由宏达建安承包。".into(),
        deposit_fen: 2_000_000,
        applicant: "孙立新".into(),
        applied_on: Some(day(2026, 11, 25)),
        roster: sample_roster(people),
        approved_by: None,
        approved_at: None,
        printed: "打印:2026-11-30 10:15 炼钢厂设备科 孙立新".into(),
    }
}

/// Ledger lines: `engagements` engagements over three departments, each with `people` workers
/// (the first of them with none, to show an engagement line without people).
pub fn sample_ledger(engagements: usize, people: usize) -> Vec<LedgerRow> {
    let departments = ["炼钢厂设备科", "轧钢厂生产科", "能源动力部"];
    let categories = ["外包工", "外用工", "售后服务人员"];
    let mut rows = Vec::new();
    for e in 0..engagements {
        let department = departments[e % 3];
        let category = categories[e % 3];
        let prefix = ["WB", "WY", "SH"][e % 3];
        let base = LedgerRow {
            department: department.into(),
            engagement_number: format!("{prefix}-2026-{:04}", e + 1),
            category_label: category.into(),
            unit_name: if category == "外用工" {
                String::new()
            } else {
                "天津市宏达建筑安装工程有限公司".into()
            },
            project: format!("{}号设备年度检修", e + 1),
            place: "炼钢厂二车间".into(),
            start: day(2026, 12, 1),
            end: day(2026, 12, 20),
            state_label: "已批准".into(),
            deposit_fen: 500_000 + e as i64 * 100,
            ..LedgerRow::default()
        };
        if e == 0 {
            rows.push(base);
            continue;
        }
        for p in sample_roster(people) {
            let special = p.trade != "力工";
            rows.push(LedgerRow {
                person_name: p.name,
                id_number_masked: p.id_number_masked,
                certificate: if special { format!("{}操作证 至2029-06-30", p.trade) } else { String::new() },
                trade: p.trade,
                education: "已完成 24学时".into(),
                ..base.clone()
            });
        }
    }
    rows
}
