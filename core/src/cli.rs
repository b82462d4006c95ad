//! The `shouhou` command line: the same use-cases as the app, for scripts and administrators.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::account::{self, Actor, NewUser, Role};
use crate::clock::{Clock, SystemClock};
use crate::db::{self, Store};
use crate::error::{Error, Result};
use crate::xlsx::{HeaderMapping, HeaderMatch, ImportOutcome, Mapping, Preview};
use crate::{complaint, customer, org, report};

#[derive(Debug, Parser)]
#[command(name = "shouhou", version, about = "售后服务管理 命令行工具")]
pub struct Cli {
    /// 数据目录(默认:系统应用数据目录;也可用环境变量 SHOUHOU_DATA_DIR)
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 首次设置:公司名称和第一位系统管理员(非交互)
    Init(InitArgs),
    /// 数据库完整性检查与迁移状态;仅在健康时退出码为 0
    Check {
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
        /// 检查公司服务器(地址:端口)而不是本机数据目录:证书指纹、版本、运行时间、在线会话、最近自动备份
        #[arg(long, value_name = "ADDR:PORT")]
        server: Option<String>,
        /// 与 --server 一起:已确认的证书指纹;服务器出示的证书不同时退出码为 3
        #[arg(long, value_name = "SHA256", requires = "server")]
        fingerprint: Option<String>,
    },
    /// 用户管理
    #[command(subcommand)]
    User(UserCommand),
    /// 在空数据库中加载演示数据(示例公司、直销店、各角色用户)
    DemoData,
    /// 从 Excel (.xlsx) 导入
    #[command(subcommand)]
    Import(ImportCommand),
    /// 导出到 Excel (.xlsx)
    #[command(subcommand)]
    Export(ExportCommand),
    /// 客户投诉
    #[command(subcommand)]
    Complaint(ComplaintCommand),
    /// 生成大规模测试数据(基准测试用;数据库须已初始化)
    Generate {
        #[arg(long, default_value_t = 200_000)]
        customers: usize,
        #[arg(long, default_value_t = 1_000_000)]
        complaints: usize,
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// 满意度调查的答题数(十二期调查活动)
        #[arg(long, default_value_t = 500_000)]
        survey_answers: usize,
        /// 承包单位数(外用工模块)
        #[arg(long, default_value_t = 2_000)]
        units: usize,
        /// 用工(发包)项目数(外用工模块)
        #[arg(long, default_value_t = 10_000)]
        engagements: usize,
        // --- workers ---
        /// 外来人员数(分布在承包单位和项目人员名单中)
        #[arg(long, default_value_t = 50_000)]
        workers: usize,
    },
    /// 备份数据库到文件(一致且经过校验的副本)
    Backup {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// 满意度调查
    #[command(subcommand)]
    Survey(SurveyCommand),
    /// 公司服务器:在前台运行,各工位的桌面程序通过 HTTPS 连接(首次启动时生成公司证书)
    Serve(ServeArgs),
    // --- report ---
    /// 月度客户投诉率及责任归属报表
    #[command(subcommand)]
    Report(ReportCommand),
    /// 外用工、外包工、售后服务人员(打印协议书、交底单、申报表/审批表,台帐)
    #[command(subcommand)]
    Contractor(ContractorCommand),
    /// 客户服务:回访记录表、退换货单、退换货月度统计
    #[command(subcommand)]
    Service(ServiceCommand),
    // --- gate ---
    /// 入场资格审查(记入门岗审查记录,门岗为 CLI):退出码 0 准许入场(含有提醒、需陪同),1 禁止入场,
    /// 2 输入错误(身份证号校验位错误、项目不存在等)
    EntryCheck {
        /// 身份证号(18位)
        #[arg(long, value_name = "ID")]
        id_number: String,
        /// 项目编号,如 WB-2026-0001
        #[arg(long, value_name = "NUMBER")]
        engagement: String,
        /// 审查日期 YYYY-MM-DD(默认今天,按公司时区)
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<chrono::NaiveDate>,
        /// text 或 json
        #[arg(long, default_value = "text")]
        format: String,
    },
}

// --- contractor ---
#[derive(Debug, Subcommand)]
pub enum ContractorCommand {
    /// 打印项目文件为 PDF:agreement 安全协议书(一式四份)、briefing 安全技术交底单、
    /// application 计划外用工申报表、approval 计划外用工审批表
    Pdf {
        /// 项目编号,如 WB-2026-0001
        number: String,
        #[arg(long, default_value = "agreement")]
        doc: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// 外用工/外包工台帐(全部部门或一个部门)
    Ledger {
        /// 部门名称,如 生产部(不填为全部部门)
        #[arg(long)]
        department: Option<String>,
        /// pdf 或 xlsx
        #[arg(long, default_value = "pdf")]
        format: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

// --- report ---
#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// 生成月度报表:shouhou report monthly --month 2026-10 --format pdf --out 报表.pdf
    Monthly {
        /// 统计月份 YYYY-MM(默认上月,按公司时区)
        #[arg(long, value_name = "YYYY-MM")]
        month: Option<String>,
        /// pdf、xlsx 或 json
        #[arg(long, default_value = "pdf")]
        format: String,
        /// 已报送的第几版(默认:按当前数据生成)
        #[arg(long)]
        revision: Option<i64>,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// 监听地址和端口,例如 0.0.0.0:8443(端口 0 表示任选空闲端口)
    #[arg(long, value_name = "ADDR:PORT", default_value = "0.0.0.0:8443")]
    pub listen: std::net::SocketAddr,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// 公司名称(打印在每张表单的抬头)
    #[arg(long)]
    pub company: String,
    /// 管理员用户名
    #[arg(long)]
    pub admin: String,
    /// 管理员姓名(默认同用户名)
    #[arg(long)]
    pub admin_name: Option<String>,
    /// 从标准输入读取密码(第一行)
    #[arg(long, required = true)]
    pub password_stdin: bool,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// 新增用户
    Add(UserAddArgs),
    /// 列出用户
    List,
}

#[derive(Debug, Subcommand)]
pub enum ComplaintCommand {
    /// 打印表单为 PDF:registration 客户投诉登记表、handling 客户投诉处理表、letter 告知函/鉴定说明函
    Pdf {
        /// 投诉编号,如 KS-2026-0001(打印空白表时不填)
        #[arg(required_unless_present = "blank", conflicts_with = "blank")]
        number: Option<String>,
        #[arg(long, default_value = "registration")]
        form: String,
        /// 打印空白表(登记表或处理表),供手工填写
        #[arg(long)]
        blank: bool,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

// --- survey ---
#[derive(Debug, Subcommand)]
pub enum SurveyCommand {
    /// 调查结果(满意度、NPS、忠诚度,各题、各客户等级/地区/直销店,历次趋势)
    Results {
        /// 调查活动编号(如 DC-2026-01)或名称
        campaign: String,
        /// json 或 xlsx
        #[arg(long, default_value = "json")]
        format: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

// --- service ---
#[derive(Debug, Subcommand)]
pub enum ServiceCommand {
    /// 打印为 PDF:visit 客户回访记录表、return 退换货单、questionnaire 满意度调查问卷
    Pdf {
        /// visit、return 或 questionnaire
        #[arg(long)]
        doc: String,
        /// 回访编号(HF-…)或退换货单号(TH-…);打印空白回访记录表时不填
        #[arg(required_unless_present = "blank", conflicts_with = "blank")]
        number: Option<String>,
        /// 空白表:回访记录表(须用 --customer 指定客户,客户资料预先填好)或满意度调查问卷
        #[arg(long)]
        blank: bool,
        /// 客户编码
        #[arg(long)]
        customer: Option<String>,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// 生成大规模客户服务测试数据(基准测试用;须已有客户和直销店)
    Generate {
        #[arg(long, default_value_t = 200_000)]
        feedback: usize,
        #[arg(long, default_value_t = 100_000)]
        visits: usize,
        #[arg(long, default_value_t = 50_000)]
        returns: usize,
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
    /// 退换货月度统计(各直销店、类型、原因的单数、数量和金额)导出为 Excel
    ReturnsMonthly {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        month: u32,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// 导入客户档案;有错误的文件默认不导入任何数据
    Customers {
        file: PathBuf,
        /// 跳过有问题的行,只导入正确的行
        #[arg(long)]
        good_rows: bool,
        /// 文件中的列对应系统中的哪一列,如 --map "客户=客户名称";不需要的列写 --map "开票信息=忽略"。
        /// 对应关系会被记住,下次同样表头的文件直接导入
        #[arg(long = "map", value_name = "文件列=系统列")]
        map: Vec<String>,
    },
    /// 导入客户投诉登记表(往年的 Excel 台账,保留日期和状态);有错误的文件默认不导入任何数据
    Complaints {
        file: PathBuf,
        /// 跳过有问题的投诉,只导入正确的
        #[arg(long)]
        good_rows: bool,
        /// 文件中的列对应系统中的哪一列,如 --map "不良数=不良数量";不需要的列写 --map "备用=忽略"
        #[arg(long = "map", value_name = "文件列=系统列")]
        map: Vec<String>,
    },
    // --- report ---
    /// 导入月度发货数据(ERP 导出的 Excel;同一月份、客户和料号再次导入会替换原数字)
    Shipments {
        file: PathBuf,
        /// 跳过有问题的行,只导入正确的行
        #[arg(long)]
        good_rows: bool,
        /// 文件中的列对应系统中的哪一列,如 --map "出货数=发货数量"
        #[arg(long = "map", value_name = "文件列=系统列")]
        map: Vec<String>,
    }, // --- service ---
    /// 导入意见建议(登记为待分派)
    Feedback {
        file: PathBuf,
        #[arg(long)]
        good_rows: bool,
        #[arg(long = "map", value_name = "文件列=系统列")]
        map: Vec<String>,
    },
    /// 导入客户回访(有回访日期的记为已回访)
    Visits {
        file: PathBuf,
        #[arg(long)]
        good_rows: bool,
        #[arg(long = "map", value_name = "文件列=系统列")]
        map: Vec<String>,
    },
    /// 导入直销店退换货申请(每行一个产品)
    Returns {
        file: PathBuf,
        #[arg(long)]
        good_rows: bool,
        #[arg(long = "map", value_name = "文件列=系统列")]
        map: Vec<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// 导出客户档案
    Customers {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// 只写表头(空白导入模板)
        #[arg(long)]
        template: bool,
    },
    /// 导出客户投诉登记表
    Complaints {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// 只写表头(空白导入模板)
        #[arg(long)]
        template: bool,
        /// 投诉日期起(含),如 2025-01-01
        #[arg(long, value_name = "DATE")]
        from: Option<chrono::NaiveDate>,
        /// 投诉日期止(含),如 2025-12-31
        #[arg(long, value_name = "DATE")]
        to: Option<chrono::NaiveDate>,
    }, // --- service ---
    /// 导出意见建议
    Feedback {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long)]
        template: bool,
    },
    /// 导出客户回访
    Visits {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long)]
        template: bool,
    },
    /// 导出直销店退换货(每行一个产品)
    Returns {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long)]
        template: bool,
    },
    // --- report ---
    /// 导出月度发货数据(--template:空白导入模板,含填写说明)
    Shipments {
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[arg(long)]
        template: bool,
    },
}

#[derive(Debug, Args)]
pub struct UserAddArgs {
    #[arg(long)]
    pub username: String,
    /// 姓名
    #[arg(long)]
    pub name: String,
    /// 角色:after_sales, after_sales_manager, business, quality, technical, production, safety,
    /// hiring_dept, store_clerk, gate, admin
    #[arg(long)]
    pub role: String,
    /// 所属部门名称,例如 售后服务部
    #[arg(long)]
    pub department: Option<String>,
    /// 所属直销店编号(直销店店员)
    #[arg(long)]
    pub store: Option<String>,
    #[arg(long, default_value = "")]
    pub phone: String,
    /// 从标准输入读取密码(第一行)
    #[arg(long, required = true)]
    pub password_stdin: bool,
}

/// Entry point of the `shouhou` binary.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_stack_size(8 << 20)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("错误:无法启动运行时:{e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli, &SystemClock)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("错误:{}", e.user_message());
            eprintln!("(详情:{e})");
            ExitCode::FAILURE
        }
    }
}

pub async fn run(cli: Cli, clock: &dyn Clock) -> Result<ExitCode> {
    let data_dir = db::resolve_data_dir(cli.data_dir)?;
    if let Command::Serve(args) = &cli.command {
        return serve(&data_dir, args).await;
    }
    // --- server (health of a company server) ---
    if let Command::Check { server: Some(address), fingerprint, json } = &cli.command {
        return check_server(address, fingerprint.as_deref(), *json).await;
    }
    let store = Store::open(&data_dir, clock.now()).await?;
    let actor = Actor::command_line();
    let mut out = std::io::stdout().lock();
    let code = match cli.command {
        Command::Init(args) => {
            let password = read_password()?;
            let setup = account::InitialSetup {
                company_name: args.company,
                admin_display_name: args.admin_name.unwrap_or_else(|| args.admin.clone()),
                admin_username: args.admin,
                password,
            };
            let user = account::initialize(&store, setup, clock.now()).await?;
            writeln!(out, "初始化完成:管理员 {}({})", user.username, user.display_name)?;
            writeln!(out, "数据目录:{}", store.data_dir().display())?;
            ExitCode::SUCCESS
        }
        Command::Check { json, .. } => {
            let report = store.check().await?;
            if json {
                let text = serde_json::to_string_pretty(&report).map_err(|e| Error::Internal(e.to_string()))?;
                writeln!(out, "{text}")?;
            } else {
                writeln!(out, "数据库:{}", report.database_path)?;
                writeln!(out, "完整性检查:{}", report.integrity)?;
                writeln!(out, "外键错误:{}", report.foreign_key_violations)?;
                writeln!(out, "缺失的附件文件:{}", report.missing_attachments.len())?;
                for name in &report.missing_attachments {
                    writeln!(out, "  {name}")?;
                }
                writeln!(out, "日志模式:{}", report.journal_mode)?;
                writeln!(out, "已应用迁移:{:?}", report.applied_migrations)?;
                writeln!(out, "待应用迁移:{:?}", report.pending_migrations)?;
                writeln!(out, "{}", if report.healthy { "状态:正常" } else { "状态:异常" })?;
            }
            if report.healthy { ExitCode::SUCCESS } else { ExitCode::from(2) }
        }
        Command::User(UserCommand::Add(args)) => {
            let role = Role::parse(&args.role)?;
            let department_id = match &args.department {
                None => None,
                Some(name) => Some(
                    org::list_departments(&store)
                        .await?
                        .into_iter()
                        .find(|d| d.name == *name)
                        .ok_or_else(|| Error::validation("department", format!("部门“{name}”不存在")))?
                        .id,
                ),
            };
            let store_id = match &args.store {
                None => None,
                Some(code) => Some(
                    org::list_stores(&store)
                        .await?
                        .into_iter()
                        .find(|s| s.code == *code)
                        .ok_or_else(|| Error::validation("store", format!("直销店“{code}”不存在")))?
                        .id,
                ),
            };
            let password = read_password()?;
            let new = NewUser {
                username: args.username,
                display_name: args.name,
                role,
                department_id,
                store_id,
                phone: args.phone,
                password,
            };
            let user = account::create_user(&store, &actor, new, clock.now()).await?;
            writeln!(out, "已新增用户 {}({},{})", user.username, user.display_name, user.role.label())?;
            ExitCode::SUCCESS
        }
        Command::User(UserCommand::List) => {
            let users = account::list_users(&store, &actor).await?;
            writeln!(out, "用户名\t姓名\t角色\t部门/门店\t状态")?;
            for u in users {
                let place = u.department_name.or(u.store_name).unwrap_or_default();
                let state = if u.active { "启用" } else { "停用" };
                writeln!(out, "{}\t{}\t{}\t{}\t{}", u.username, u.display_name, u.role.label(), place, state)?;
            }
            ExitCode::SUCCESS
        }
        Command::DemoData => {
            let summary = crate::demo::load(&store, clock.now()).await?;
            writeln!(out, "已加载演示数据:{}", summary.company_name)?;
            writeln!(out, "演示账号(密码均为 {}):", summary.password)?;
            for a in &summary.accounts {
                writeln!(out, "  {}\t{}\t{}\t{}", a.username, a.display_name, a.role_label, a.place)?;
            }
            ExitCode::SUCCESS
        }
        Command::Import(command) => {
            let (what, outcome) = match command {
                ImportCommand::Customers { file, good_rows, map } => {
                    let mapping = mapping_of(&map)?;
                    let outcome =
                        customer::import_mapped(&store, &actor, &file, import_mode(good_rows), mapping, clock.now())
                            .await?;
                    (("customers", file), outcome)
                }
                ImportCommand::Complaints { file, good_rows, map } => {
                    let mapping = mapping_of(&map)?;
                    let outcome =
                        complaint::import_mapped(&store, &actor, &file, import_mode(good_rows), mapping, clock.now())
                            .await?;
                    (("complaints", file), outcome)
                }
                // --- report ---
                ImportCommand::Shipments { file, good_rows, map } => {
                    let mapping = mapping_of(&map)?;
                    let outcome = report::shipment::import_mapped(
                        &store,
                        &actor,
                        &file,
                        import_mode(good_rows),
                        mapping,
                        clock.now(),
                    )
                    .await?;
                    (("shipments", file), outcome)
                }
                // --- service ---
                ImportCommand::Feedback { file, good_rows, map } => {
                    let mapping = mapping_of(&map)?;
                    let mode = import_mode(good_rows);
                    let outcome =
                        crate::service::transfer::import_feedback(&store, &actor, &file, mode, mapping, clock.now())
                            .await?;
                    (("feedback", file), outcome)
                }
                ImportCommand::Visits { file, good_rows, map } => {
                    let mapping = mapping_of(&map)?;
                    let mode = import_mode(good_rows);
                    let outcome =
                        crate::service::transfer::import_visits(&store, &actor, &file, mode, mapping, clock.now())
                            .await?;
                    (("visits", file), outcome)
                }
                ImportCommand::Returns { file, good_rows, map } => {
                    let mapping = mapping_of(&map)?;
                    let mode = import_mode(good_rows);
                    let outcome =
                        crate::service::transfer::import_returns(&store, &actor, &file, mode, mapping, clock.now())
                            .await?;
                    (("returns", file), outcome)
                }
            };
            match outcome {
                ImportOutcome::NeedsMapping(preview) => {
                    write_preview(&mut out, &preview, what.0, &what.1)?;
                    ExitCode::from(4)
                }
                ImportOutcome::Imported(report) => {
                    for p in &report.problems {
                        writeln!(out, "第{}行 {}:{}", p.row, p.column, p.message)?;
                    }
                    writeln!(
                        out,
                        "共 {} 行,导入 {} 条,有问题 {} 处",
                        report.rows,
                        report.imported,
                        report.problems.len()
                    )?;
                    if report.imported == 0 && !report.problems.is_empty() {
                        writeln!(out, "文件有错误,未导入任何数据。改正后重新导入,或加 --good-rows 只导入正确的行。")?;
                        ExitCode::from(3)
                    } else {
                        ExitCode::SUCCESS
                    }
                }
            }
        }
        // --- service ---
        Command::Export(ExportCommand::Feedback { out: path, template }) => {
            let count = crate::service::transfer::export_feedback(&store, &actor, &path, template).await?;
            writeln!(out, "已导出意见建议 {count} 条:{}", path.display())?;
            ExitCode::SUCCESS
        }
        Command::Export(ExportCommand::Visits { out: path, template }) => {
            let count = crate::service::transfer::export_visits(&store, &actor, &path, template).await?;
            writeln!(out, "已导出回访 {count} 条:{}", path.display())?;
            ExitCode::SUCCESS
        }
        Command::Export(ExportCommand::Returns { out: path, template }) => {
            let count = crate::service::transfer::export_returns(&store, &actor, &path, template).await?;
            writeln!(out, "已导出退换货明细 {count} 行:{}", path.display())?;
            ExitCode::SUCCESS
        }
        Command::Export(ExportCommand::Customers { out: path, template }) => {
            let count = customer::export(&store, &actor, &path, template).await?;
            if template {
                writeln!(out, "已写出导入模板:{}", path.display())?;
            } else {
                writeln!(out, "已导出客户 {count} 个:{}", path.display())?;
            }
            ExitCode::SUCCESS
        }
        Command::Export(ExportCommand::Complaints { out: path, template, from, to }) => {
            let query = complaint::ComplaintQuery { from, to, ..Default::default() };
            let count = complaint::export(&store, &actor, &path, &query, template, clock.now()).await?;
            if template {
                writeln!(out, "已写出导入模板:{}", path.display())?;
            } else {
                writeln!(out, "已导出投诉 {count} 条:{}", path.display())?;
            }
            ExitCode::SUCCESS
        }
        // --- report ---
        Command::Export(ExportCommand::Shipments { out: path, template }) => {
            let query = report::ShipmentQuery::default();
            let count = report::shipment::export(&store, &actor, &path, &query, template).await?;
            if template {
                writeln!(out, "已写出导入模板:{}", path.display())?;
            } else {
                writeln!(out, "已导出发货数据 {count} 行:{}", path.display())?;
            }
            ExitCode::SUCCESS
        }
        Command::Complaint(ComplaintCommand::Pdf { number, form, blank, out: path }) => {
            let form = complaint::ComplaintForm::parse(&form).ok_or_else(|| {
                Error::validation("form", format!("表单“{form}”不存在,可选:registration、handling、letter"))
            })?;
            let bytes = match number {
                Some(number) if !blank => {
                    let id = complaint::id_by_number(&store, &actor, &number).await?;
                    complaint::render_form(&store, &actor, id, form, clock.now()).await?
                }
                _ => complaint::render_blank(&store, &actor, form).await?,
            };
            std::fs::write(&path, &bytes)?;
            writeln!(out, "已生成 {}({} 字节)", path.display(), bytes.len())?;
            ExitCode::SUCCESS
        }
        // --- service ---
        Command::Service(ServiceCommand::Pdf { doc, number, blank, customer, out: path }) => {
            use crate::service;
            let now = clock.now();
            let bytes = match (doc.as_str(), number, blank) {
                ("visit", _, true) => {
                    let code = customer.ok_or_else(|| {
                        Error::validation("customer", "打印空白回访记录表须用 --customer 指定客户编码")
                    })?;
                    let id: Option<i64> = sqlx::query_scalar("SELECT id FROM customer WHERE code = ?")
                        .bind(&code)
                        .fetch_optional(store.pool())
                        .await?;
                    let id = id.ok_or_else(|| Error::validation("customer", format!("客户编码“{code}”不存在")))?;
                    service::render_blank_visit(&store, &actor, id, now).await?
                }
                ("visit", Some(number), false) => {
                    let id = service::care::find_by_number(&store, &actor, &number).await?.id;
                    service::render_visit(&store, &actor, id, now).await?
                }
                ("return", Some(number), false) => {
                    let id = service::returns::find_by_number(&store, &actor, &number).await?.id;
                    service::render_return(&store, &actor, id, now).await?
                }
                ("return", _, true) => return Err(Error::validation("blank", "退换货单须针对具体单据打印,没有空白表")),
                // 满意度调查问卷 of a response number, or a blank one.
                ("questionnaire", number, blank) => {
                    crate::survey::render_questionnaire(&store, &actor, if blank { None } else { number }).await?
                }
                (other, _, _) => {
                    return Err(Error::validation(
                        "doc",
                        format!("单据“{other}”不存在,可选:visit、return、questionnaire"),
                    ));
                }
            };
            std::fs::write(&path, &bytes)?;
            writeln!(out, "已生成 {}({} 字节)", path.display(), bytes.len())?;
            ExitCode::SUCCESS
        }
        Command::Service(ServiceCommand::Generate { feedback, visits, returns, seed }) => {
            let r = crate::service::generate::generate(&store, feedback, visits, returns, seed, clock.now()).await?;
            writeln!(
                out,
                "已生成意见建议 {} 条、回访 {} 条、退换货 {} 单,用时 {:.1} 秒",
                r.feedback, r.visits, r.returns, r.seconds
            )?;
            ExitCode::SUCCESS
        }
        Command::Service(ServiceCommand::ReturnsMonthly { year, month, out: path }) => {
            let rows = crate::service::returns::export_monthly(&store, &actor, year, month, &path).await?;
            writeln!(out, "已导出 {year}年{month}月退换货统计 {rows} 行:{}", path.display())?;
            ExitCode::SUCCESS
        }
        Command::Generate { customers, complaints, seed, survey_answers, units, engagements, workers } => {
            let report = crate::generate::generate(&store, customers, complaints, seed, clock.now()).await?;
            // --- contractor ---
            let (u, e) = crate::contractor::sample::generate(&store, units, engagements, seed, clock.now()).await?;
            writeln!(out, "已生成承包单位 {u} 个、用工(发包)项目 {e} 个")?;
            // --- workers ---
            let (w, r) = crate::contractor::worker_sample::generate(&store, workers, seed, clock.now()).await?;
            writeln!(out, "已生成外来人员 {w} 人(列入项目人员名单 {r} 人)")?;
            writeln!(
                out,
                "已生成客户 {} 个、投诉 {} 条,用时 {:.1} 秒",
                report.customers, report.complaints, report.seconds
            )?;
            // --- survey ---
            let s = crate::survey::generate::generate(&store, survey_answers, seed, clock.now()).await?;
            writeln!(
                out,
                "已生成调查活动 {} 期、问卷 {} 份、答题 {} 条,用时 {:.1} 秒",
                s.campaigns, s.responses, s.answers, s.seconds
            )?;
            // --- education --- (after the workers' generator: it reads the workers)
            let ed = crate::contractor::education::generate::generate(&store, seed, clock.now()).await?;
            writeln!(
                out,
                "已生成安全教育培训 {} 次、参加 {} 人次、人员证书 {} 个",
                ed.classes, ed.attendances, ed.certificates
            )?;
            ExitCode::SUCCESS
        }
        Command::Survey(SurveyCommand::Results { campaign, format, out: path }) => {
            let id = crate::survey::campaign_id(&store, &actor, &campaign).await?;
            let results = crate::survey::results_for(&store, &actor, id).await?;
            match format.as_str() {
                "json" => {
                    let text = serde_json::to_string_pretty(&results).map_err(|e| Error::Internal(e.to_string()))?;
                    std::fs::write(&path, text)?;
                }
                "xlsx" => crate::survey::export_results(&results, &path)?,
                other => return Err(Error::validation("format", format!("格式“{other}”不支持,可选:json、xlsx"))),
            }
            let c = &results.campaign;
            writeln!(
                out,
                "{} {}:回收 {}/{},满意度 {},NPS {},忠诚度 {}",
                c.number,
                c.name,
                results.responses,
                results.targets,
                results.overall.csat.text,
                results.overall.nps.text,
                results.overall.loyalty.text
            )?;
            writeln!(out, "已写出 {}", path.display())?;
            ExitCode::SUCCESS
        }
        // --- gate ---
        Command::EntryCheck { id_number, engagement, date, format } => {
            match entry_check(&store, &actor, &id_number, &engagement, date, &format, clock.now()).await {
                Ok((text, allowed)) => {
                    writeln!(out, "{text}")?;
                    if allowed { ExitCode::SUCCESS } else { ExitCode::from(1) }
                }
                Err(e) => {
                    // The message names the field and the rule, never the number itself.
                    eprintln!("错误:{}", e.user_message());
                    ExitCode::from(2)
                }
            }
        }
        // --- contractor ---
        Command::Contractor(ContractorCommand::Pdf { number, doc, out: path }) => {
            use crate::contractor::print::{self, EngagementDocument};
            let document = EngagementDocument::parse(&doc).ok_or_else(|| {
                Error::validation("doc", format!("文件“{doc}”不存在,可选:agreement、briefing、application、approval"))
            })?;
            let id = crate::contractor::engagement::id_by_number(&store, &actor, &number).await?;
            let bytes = print::render(&store, &actor, id, document, clock.now()).await?;
            std::fs::write(&path, &bytes)?;
            writeln!(out, "已生成 {}({} 字节)", path.display(), bytes.len())?;
            ExitCode::SUCCESS
        }
        Command::Contractor(ContractorCommand::Ledger { department, format, out: path }) => {
            use crate::contractor::print;
            match format.as_str() {
                "pdf" => {
                    let bytes = print::ledger_pdf(&store, &actor, department.as_deref(), clock.now()).await?;
                    std::fs::write(&path, &bytes)?;
                    writeln!(out, "已生成 {}({} 字节)", path.display(), bytes.len())?;
                }
                "xlsx" => {
                    let lines = print::ledger_xlsx(&store, &actor, department.as_deref(), &path, clock.now()).await?;
                    writeln!(out, "已导出台帐 {lines} 行:{}", path.display())?;
                }
                other => return Err(Error::validation("format", format!("格式“{other}”不支持,可选:pdf、xlsx"))),
            }
            ExitCode::SUCCESS
        }
        Command::Backup { out: path } => {
            let report = store.backup(&actor, &path, clock.now()).await?;
            writeln!(out, "备份完成:{}({} 字节,完整性检查 {})", report.path, report.bytes, report.integrity)?;
            writeln!(
                out,
                "附件:{} 个,在备份文件旁的 attachments 文件夹中(本次复制 {} 个)",
                report.attachments, report.attachments_copied
            )?;
            ExitCode::SUCCESS
        }
        Command::Serve(_) => unreachable!("handled before the store is opened"),
        // --- report ---
        Command::Report(ReportCommand::Monthly { month, format, revision, out: path }) => {
            let now = clock.now();
            let month = match month {
                Some(text) => report::Month::parse(&text)?,
                None => report::last_month(now, &crate::settings::load(&store).await?),
            };
            let format = report::ReportFormat::parse(&format)
                .ok_or_else(|| Error::validation("format", format!("格式“{format}”不支持,可选:pdf、xlsx、json")))?;
            let bytes = report::export(&store, &actor, month, revision, format, now).await?;
            std::fs::write(&path, &bytes)?;
            writeln!(out, "已生成 {} 月度报表:{}({} 字节)", month, path.display(), bytes.len())?;
            ExitCode::SUCCESS
        }
    };
    store.close().await;
    Ok(code)
}

/// `--map "文件列=系统列"` options as a mapping; 忽略 (or nothing after `=`) ignores the column.
fn mapping_of(options: &[String]) -> Result<Option<Mapping>> {
    if options.is_empty() {
        return Ok(None);
    }
    let headers = options
        .iter()
        .map(|option| {
            let (header, column) = option.split_once(['=', '=']).ok_or_else(|| {
                Error::validation("map", format!("--map “{option}”应写成 文件列=系统列,如 --map \"客户=客户名称\""))
            })?;
            let column = match column.trim() {
                "" | "忽略" | "-" => None,
                c => Some(c.to_owned()),
            };
            Ok(HeaderMapping { header: header.trim().to_owned(), column })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Some(Mapping { headers }))
}

/// Prints a needs-mapping preview: what matched, what is guessed, some rows, and the command
/// line that imports with the guesses.
pub fn write_preview(out: &mut dyn Write, preview: &Preview, what: &str, file: &Path) -> std::io::Result<()> {
    writeln!(out, "文件的表头需要对应到系统中的列后才能导入:{}", preview.message)?;
    writeln!(out, "第{}行表头:", preview.header_row)?;
    // Chinese characters take two columns in a terminal.
    let width_of = |s: &str| s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum::<usize>();
    let width = preview.headers.iter().map(|h| width_of(&h.header)).max().unwrap_or(0);
    for h in &preview.headers {
        let pad = " ".repeat(width - width_of(&h.header));
        let target = match (&h.column, h.matched) {
            (Some(c), HeaderMatch::Guess) => format!("{c}?(猜测,请确认)"),
            (Some(c), HeaderMatch::Synonym) => format!("{c}(同义列名)"),
            (Some(c), _) => c.clone(),
            (None, HeaderMatch::Unknown) => "?(无法识别)".to_owned(),
            (None, _) => "(忽略)".to_owned(),
        };
        writeln!(out, "  {}{pad} → {target}", h.header)?;
    }
    if !preview.samples.is_empty() {
        writeln!(out, "前 {} 行数据:", preview.samples.len())?;
        for row in &preview.samples {
            writeln!(out, "  {}", row.join(" | "))?;
        }
    }
    let known: Vec<String> =
        preview.columns.iter().map(|c| if c.required { format!("{}(必填)", c.name) } else { c.name.clone() }).collect();
    writeln!(out, "系统中的列:{}", known.join("、"))?;
    let maps: Vec<String> = preview
        .headers
        .iter()
        .filter(|h| matches!(h.matched, HeaderMatch::Guess | HeaderMatch::Unknown))
        .map(|h| format!("--map \"{}={}\"", h.header, h.column.as_deref().unwrap_or("忽略")))
        .collect();
    writeln!(out, "请用 --map 指定对应关系后重新导入(不需要的列写“忽略”),例如:")?;
    writeln!(out, "  shouhou import {what} \"{}\" {}", file.display(), maps.join(" "))?;
    writeln!(out, "对应关系会被记住:下次表头相同的文件直接导入。")?;
    Ok(())
}

/// `shouhou serve`: runs the company server in the foreground until the process is stopped.
/// The server reads the wall clock for every call (it is an edge, like the shell).
async fn serve(data_dir: &std::path::Path, args: &ServeArgs) -> Result<ExitCode> {
    let server = crate::server::Server::start(data_dir, args.listen, std::sync::Arc::new(SystemClock)).await?;
    let mut out = std::io::stdout().lock();
    if server.created_certificate() {
        writeln!(out, "已生成公司证书(保存在 {})", data_dir.join(crate::server::tls::SERVER_DIR).display())?;
    }
    writeln!(out, "公司服务器已启动:https://{}", server.local_addr())?;
    writeln!(out, "数据目录:{}", data_dir.display())?;
    writeln!(out, "证书指纹(SHA-256),请在各工位连接时核对:")?;
    writeln!(out, "  {}", server.fingerprint())?;
    writeln!(out, "按 Ctrl+C 停止。")?;
    out.flush()?;
    drop(out);
    server.wait().await;
    Ok(ExitCode::SUCCESS)
}

/// `shouhou check --server ADDR`: the server's certificate and health over HTTPS. Exit codes:
/// 0 healthy, 2 the last scheduled backup failed, 3 another certificate than the pinned one,
/// 1 unreachable.
async fn check_server(address: &str, pinned: Option<&str>, json: bool) -> Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let unreachable = |e: crate::api::IpcError| Error::validation("server", e.message);
    let seen = crate::remote::Remote::fingerprint_of(address).await.map_err(unreachable)?;
    let remote = match crate::remote::Remote::connect(address, pinned.unwrap_or(&seen)).await {
        Ok(remote) => remote,
        Err(e) if e.code == "certificate_mismatch" => {
            writeln!(out, "{}", e.message)?;
            return Ok(ExitCode::from(3));
        }
        Err(e) => return Err(unreachable(e)),
    };
    let health = remote.health().await.map_err(unreachable)?;
    let backup_failed = health.last_backup.as_ref().is_some_and(|b| !b.ok);
    if json {
        let text = serde_json::to_string_pretty(&serde_json::json!({ "fingerprint": seen, "health": health }))
            .map_err(|e| Error::Internal(e.to_string()))?;
        writeln!(out, "{text}")?;
    } else {
        writeln!(out, "公司服务器:{address}")?;
        writeln!(out, "证书指纹:{seen}{}", if pinned.is_some() { "(与已确认的一致)" } else { "(未核对)" })?;
        writeln!(out, "版本:{}", health.version)?;
        writeln!(
            out,
            "启动时间:{}(已运行 {} 分钟)",
            health.started_at,
            (health.now - health.started_at).num_minutes()
        )?;
        writeln!(out, "在线会话:{}", health.sessions)?;
        match &health.last_backup {
            Some(b) if b.ok => writeln!(out, "最近自动备份:{} 成功,{}", b.at, b.path)?,
            Some(b) => writeln!(out, "最近自动备份:{} 失败:{}", b.at, b.message.as_deref().unwrap_or(""))?,
            None => writeln!(out, "最近自动备份:本次启动后尚未进行")?,
        }
        writeln!(out, "{}", if backup_failed { "状态:异常(自动备份失败)" } else { "状态:正常" })?;
    }
    Ok(if backup_failed { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

fn import_mode(good_rows: bool) -> crate::xlsx::ImportMode {
    if good_rows { crate::xlsx::ImportMode::GoodRows } else { crate::xlsx::ImportMode::AllOrNothing }
}

fn read_password() -> Result<String> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

// --- gate ---
/// One site-entry check from the command line: the text to print and whether the person may enter.
async fn entry_check(
    store: &Store,
    actor: &Actor,
    id_number: &str,
    engagement: &str,
    date: Option<chrono::NaiveDate>,
    format: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(String, bool)> {
    use crate::contractor::entry::{self, CheckRequest, EntryResult};
    if !matches!(format, "text" | "json") {
        return Err(Error::validation("format", format!("格式“{format}”不支持,可选:text、json")));
    }
    let engagement_id = crate::contractor::engagement::id_by_number(store, actor, engagement.trim()).await?;
    let request = CheckRequest {
        id_number: Some(id_number.to_owned()),
        pass_code: None,
        engagement_id: Some(engagement_id),
        date,
    };
    let answer = entry::check_entry(store, actor, request, "CLI", now).await?;
    let check = answer.check.ok_or_else(|| Error::Internal("entry check without a result".into()))?;
    let allowed = check.result != EntryResult::Deny;
    let text = if format == "json" {
        serde_json::to_string_pretty(&check).map_err(|e| Error::Internal(e.to_string()))?
    } else {
        let mut lines = vec![
            format!("审查结论:{}", check.result.label()),
            format!(
                "人员:{} {}",
                if check.worker_name.is_empty() { "(未登记)" } else { &check.worker_name },
                check.id_number_masked
            ),
            format!("项目:{} {}", check.engagement_number, check.engagement_title),
            format!("日期:{}", check.check_date),
        ];
        if !check.escort.is_empty() {
            lines.push(format!("陪同人:{}", check.escort));
        }
        for (i, r) in check.reasons.iter().enumerate() {
            lines.push(format!("{}. [{}] {}({})", i + 1, r.severity.label(), r.message, r.code));
        }
        lines.join("\n")
    };
    Ok((text, allowed))
}
