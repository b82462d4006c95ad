//! Accounts: roles, the acting user, permissions, and the user use-cases
//! (first-run setup, sign-in, user administration).

mod password;
mod users;

pub use users::*;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// The roles of DESIGN.md. Stored by `key()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum Role {
    AfterSales,
    AfterSalesManager,
    Business,
    Quality,
    Technical,
    Production,
    Safety,
    HiringDept,
    StoreClerk,
    Gate,
    Admin,
}

impl Role {
    pub const ALL: [Role; 11] = [
        Role::AfterSales,
        Role::AfterSalesManager,
        Role::Business,
        Role::Quality,
        Role::Technical,
        Role::Production,
        Role::Safety,
        Role::HiringDept,
        Role::StoreClerk,
        Role::Gate,
        Role::Admin,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Role::AfterSales => "after_sales",
            Role::AfterSalesManager => "after_sales_manager",
            Role::Business => "business",
            Role::Quality => "quality",
            Role::Technical => "technical",
            Role::Production => "production",
            Role::Safety => "safety",
            Role::HiringDept => "hiring_dept",
            Role::StoreClerk => "store_clerk",
            Role::Gate => "gate",
            Role::Admin => "admin",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::AfterSales => "售后服务专员",
            Role::AfterSalesManager => "售后服务经理",
            Role::Business => "业务部",
            Role::Quality => "品控中心",
            Role::Technical => "技术部",
            Role::Production => "生产部",
            Role::Safety => "安全管理部",
            Role::HiringDept => "用工(发包)部门",
            Role::StoreClerk => "直销店店员",
            Role::Gate => "门岗",
            Role::Admin => "系统管理员",
        }
    }

    /// Department roles sign in their department's name, so they must belong to one.
    pub fn needs_department(self) -> bool {
        !matches!(self, Role::Admin | Role::StoreClerk)
    }

    /// The duty of the department this role belongs to (`department.duty`): a user is placed only
    /// in a department of that duty and signs only for it. `None`: not tied to one department.
    pub fn duty(self) -> Option<&'static str> {
        match self {
            Role::AfterSales | Role::AfterSalesManager => Some("after_sales"),
            Role::Business => Some("business"),
            Role::Quality => Some("quality"),
            Role::Technical => Some("technical"),
            Role::Production => Some("production"),
            Role::Safety => Some("safety"),
            Role::HiringDept | Role::StoreClerk | Role::Gate | Role::Admin => None,
        }
    }

    /// A store clerk works for one direct-sales store.
    pub fn needs_store(self) -> bool {
        matches!(self, Role::StoreClerk)
    }

    pub fn parse(key: &str) -> Result<Role> {
        Role::ALL
            .into_iter()
            .find(|r| r.key() == key)
            .ok_or_else(|| Error::validation("role", format!("角色“{key}”不存在")))
    }

    pub fn permissions(self) -> Vec<Permission> {
        Permission::ALL.iter().copied().filter(|p| self.can(*p)).collect()
    }

    /// What this role may do. Later modules add their permissions here.
    pub fn can(self, permission: Permission) -> bool {
        match permission {
            Permission::ManageUsers
            | Permission::ManageOrganisation
            | Permission::ManageSettings
            | Permission::ViewAudit
            | Permission::Backup => self == Role::Admin,
            Permission::ViewCustomers => !matches!(self, Role::Gate | Role::Safety | Role::HiringDept),
            Permission::EditCustomers => matches!(
                self,
                Role::AfterSales | Role::AfterSalesManager | Role::Business | Role::StoreClerk | Role::Admin
            ),
            Permission::ManageCustomers => matches!(self, Role::AfterSalesManager | Role::Admin),
            Permission::ViewComplaints => !matches!(self, Role::Gate | Role::Safety | Role::HiringDept),
            Permission::RegisterComplaints => {
                matches!(self, Role::AfterSales | Role::AfterSalesManager | Role::StoreClerk | Role::Admin)
            }
            Permission::HandleComplaints => matches!(
                self,
                Role::AfterSales
                    | Role::AfterSalesManager
                    | Role::Business
                    | Role::Quality
                    | Role::Technical
                    | Role::Production
                    | Role::Admin
            ),
            Permission::CloseComplaints => matches!(self, Role::AfterSales | Role::AfterSalesManager | Role::Admin),
            Permission::SignComplaints => matches!(
                self,
                Role::AfterSales
                    | Role::AfterSalesManager
                    | Role::Business
                    | Role::Quality
                    | Role::Technical
                    | Role::Production
            ),
            Permission::VerifyComplaintActions => matches!(self, Role::Quality | Role::AfterSalesManager | Role::Admin),
            // --- report ---
            Permission::ViewReports => matches!(
                self,
                Role::AfterSales
                    | Role::AfterSalesManager
                    | Role::Business
                    | Role::Quality
                    | Role::Technical
                    | Role::Production
                    | Role::Admin
            ),
            Permission::ManageShipments => {
                matches!(self, Role::AfterSales | Role::AfterSalesManager | Role::Business | Role::Admin)
            }
            Permission::SubmitReports => matches!(self, Role::AfterSales | Role::AfterSalesManager),
            // --- survey ---
            Permission::ViewSurveys => !matches!(self, Role::Gate | Role::Safety | Role::HiringDept),
            Permission::RunSurveys => matches!(self, Role::AfterSales | Role::AfterSalesManager | Role::Admin),
            Permission::EnterSurveyResponses => {
                matches!(self, Role::AfterSales | Role::AfterSalesManager | Role::StoreClerk | Role::Admin)
            }
            // --- contractor --- (the gate sees, changes nothing; only 安全管理部 reviews)
            Permission::ViewContractors => matches!(self, Role::Safety | Role::HiringDept | Role::Gate | Role::Admin),
            Permission::EditContractorUnits => matches!(self, Role::Safety | Role::HiringDept | Role::Admin),
            Permission::BlacklistContractorUnits => matches!(self, Role::Safety | Role::Admin),
            Permission::ManageEngagements => matches!(self, Role::Safety | Role::HiringDept | Role::Admin),
            Permission::ReviewEngagements => self == Role::Safety,
            // contract-print
            Permission::EditAgreementTemplate => matches!(self, Role::Safety | Role::Admin),
            // --- service ---
            Permission::ViewService => !matches!(self, Role::Gate | Role::Safety | Role::HiringDept),
            Permission::RegisterFeedback => matches!(
                self,
                Role::AfterSales | Role::AfterSalesManager | Role::Business | Role::StoreClerk | Role::Admin
            ),
            Permission::HandleFeedback | Permission::ManageVisits => {
                matches!(self, Role::AfterSales | Role::AfterSalesManager | Role::Admin)
            }
            Permission::AnswerFeedback => self.duty().is_some(),
            Permission::ViewReturns => matches!(
                self,
                Role::AfterSales
                    | Role::AfterSalesManager
                    | Role::Business
                    | Role::Quality
                    | Role::StoreClerk
                    | Role::Admin
            ),
            Permission::RegisterReturns => {
                matches!(self, Role::AfterSales | Role::AfterSalesManager | Role::StoreClerk | Role::Admin)
            }
            Permission::ApproveReturns => matches!(self, Role::AfterSales | Role::AfterSalesManager),
            // --- workers --- (the gate sees masked ID numbers only)
            Permission::ViewIdNumbers | Permission::ManageWorkers => {
                matches!(self, Role::Safety | Role::HiringDept | Role::Admin)
            }
            Permission::BlacklistWorkers => matches!(self, Role::Safety | Role::Admin),
            // --- incidents ---
            Permission::RecordViolations | Permission::ManageDeposits | Permission::RecordAccidents => {
                matches!(self, Role::Safety | Role::HiringDept | Role::Admin)
            }
            // --- education ---
            Permission::ManageEducation => matches!(self, Role::Safety | Role::HiringDept | Role::Admin),
            // --- gate ---
            Permission::CheckEntry => matches!(self, Role::Gate | Role::Safety | Role::Admin),
            Permission::OverrideEntryCheck => matches!(self, Role::Safety | Role::Admin),
        }
    }
}

/// Things a use-case may require of the acting user. The UI receives the signed-in user's
/// list to decide which menus to show; the core checks them regardless.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export_to = "bindings.ts")]
pub enum Permission {
    ManageUsers,
    ManageOrganisation,
    ManageSettings,
    ViewAudit,
    Backup,
    ViewCustomers,
    EditCustomers,
    /// Deactivate and merge customers.
    ManageCustomers,
    ViewComplaints,
    RegisterComplaints,
    /// Analysis, remedy, contacts, actions, moving the workflow on.
    HandleComplaints,
    /// Close, cancel, reopen.
    CloseComplaints,
    /// Sign the remedy for one's own department.
    SignComplaints,
    VerifyComplaintActions,
    // --- report ---
    /// See the monthly report and the manager's dashboard figures.
    ViewReports,
    /// Enter and import monthly shipment figures.
    ManageShipments,
    /// Submit (报送) and revise the monthly report.
    SubmitReports,
    // --- survey ---
    ViewSurveys,
    /// Templates and campaigns.
    RunSurveys,
    EnterSurveyResponses,
    // --- contractor ---
    ViewContractors,
    EditContractorUnits,
    BlacklistContractorUnits,
    /// Register engagements, hand in documents, submit, start, end, roster (a hiring department
    /// its own department's only).
    ManageEngagements,
    /// Review documents and approve packages (安全管理部 stamps and signs).
    ReviewEngagements,
    // contract-print
    /// Read and save the clause texts of the 外用(包)工安全协议书 (a new version per save).
    EditAgreementTemplate,
    // --- service ---
    /// Feedback, care plans and visits.
    ViewService,
    RegisterFeedback,
    /// Route, close, convert to a complaint, mark adopted.
    HandleFeedback,
    /// Answer feedback routed to one's own department.
    AnswerFeedback,
    /// Care plans, scheduling and recording visits.
    ManageVisits,
    ViewReturns,
    RegisterReturns,
    /// Approve or reject a store return (after-sales).
    ApproveReturns,
    // --- workers ---
    /// See 身份证号 in full (everyone else sees `110101********1234`).
    ViewIdNumbers,
    /// Register and change workers (外来人员).
    ManageWorkers,
    /// Put a person on the blacklist or take them off.
    BlacklistWorkers,
    // --- incidents ---
    /// 违规考核 (安全管理部有权按公司有关安全规定处理).
    RecordViolations,
    /// 安全风险抵押金: receive, deduct, refund (a hiring department its own department's).
    ManageDeposits,
    /// Accidents, their report and closing.
    RecordAccidents,
    // --- education ---
    /// Record classes, scores and the person's certificates.
    ManageEducation,
    // --- gate ---
    /// 入场资格审查 at the gate, its log and its printed sheet.
    CheckEntry,
    /// 放行: let a denied person in with a written reason.
    OverrideEntryCheck,
}

impl Permission {
    pub const ALL: &[Permission] = &[
        Permission::ManageUsers,
        Permission::ManageOrganisation,
        Permission::ManageSettings,
        Permission::ViewAudit,
        Permission::Backup,
        Permission::ViewCustomers,
        Permission::EditCustomers,
        Permission::ManageCustomers,
        Permission::ViewComplaints,
        Permission::RegisterComplaints,
        Permission::HandleComplaints,
        Permission::CloseComplaints,
        Permission::SignComplaints,
        Permission::VerifyComplaintActions,
        // --- report ---
        Permission::ViewReports,
        Permission::ManageShipments,
        Permission::SubmitReports,
        // --- survey ---
        Permission::ViewSurveys,
        Permission::RunSurveys,
        Permission::EnterSurveyResponses,
        // --- contractor ---
        Permission::ViewContractors,
        Permission::EditContractorUnits,
        Permission::BlacklistContractorUnits,
        Permission::ManageEngagements,
        Permission::ReviewEngagements,
        // contract-print
        Permission::EditAgreementTemplate,
        // --- service ---
        Permission::ViewService,
        Permission::RegisterFeedback,
        Permission::HandleFeedback,
        Permission::AnswerFeedback,
        Permission::ManageVisits,
        Permission::ViewReturns,
        Permission::RegisterReturns,
        Permission::ApproveReturns,
        // --- workers ---
        Permission::ViewIdNumbers,
        Permission::ManageWorkers,
        Permission::BlacklistWorkers,
        // --- incidents ---
        Permission::RecordViolations,
        Permission::ManageDeposits,
        Permission::RecordAccidents,
        // --- education ---
        Permission::ManageEducation,
        // --- gate ---
        Permission::CheckEntry,
        Permission::OverrideEntryCheck,
    ];

    fn label(self) -> &'static str {
        match self {
            Permission::ManageUsers => "管理用户",
            Permission::ManageOrganisation => "维护部门和直销店",
            Permission::ManageSettings => "修改系统设置",
            Permission::ViewAudit => "查看操作日志",
            Permission::Backup => "备份数据库",
            Permission::ViewCustomers => "查看客户档案",
            Permission::EditCustomers => "登记和修改客户档案",
            Permission::ManageCustomers => "停用或合并客户",
            Permission::ViewComplaints => "查看客户投诉",
            Permission::RegisterComplaints => "登记客户投诉",
            Permission::HandleComplaints => "处理客户投诉",
            Permission::CloseComplaints => "结案、撤销或重新打开投诉",
            Permission::SignComplaints => "会签投诉处理方案",
            Permission::VerifyComplaintActions => "验证改善措施效果",
            // --- report ---
            Permission::ViewReports => "查看月度投诉率报表",
            Permission::ManageShipments => "维护发货数据",
            Permission::SubmitReports => "报送月度投诉率报表",
            // --- survey ---
            Permission::ViewSurveys => "查看满意度调查",
            Permission::RunSurveys => "管理调查模板和调查活动",
            Permission::EnterSurveyResponses => "录入调查问卷",
            // --- contractor ---
            Permission::ViewContractors => "查看外用(包)工资料",
            Permission::EditContractorUnits => "登记和修改承包单位",
            Permission::BlacklistContractorUnits => "将承包单位列入或移出黑名单",
            Permission::ManageEngagements => "办理外用(包)工项目",
            Permission::ReviewEngagements => "审核、审批外用(包)工手续",
            // contract-print
            Permission::EditAgreementTemplate => "修改安全协议书模板",
            // --- service ---
            Permission::ViewService => "查看意见建议和回访",
            Permission::RegisterFeedback => "登记意见建议",
            Permission::HandleFeedback => "分派、关闭或转投诉意见建议",
            Permission::AnswerFeedback => "答复意见建议",
            Permission::ManageVisits => "管理关怀计划和回访",
            Permission::ViewReturns => "查看退换货",
            Permission::RegisterReturns => "登记退换货",
            Permission::ApproveReturns => "审批退换货",
            // --- workers ---
            Permission::ViewIdNumbers => "查看完整身份证号",
            Permission::ManageWorkers => "登记和修改外来人员",
            Permission::BlacklistWorkers => "将外来人员列入或移出黑名单",
            // --- incidents ---
            Permission::RecordViolations => "登记违规考核",
            Permission::ManageDeposits => "管理安全风险抵押金",
            Permission::RecordAccidents => "登记和上报事故",
            // --- education ---
            Permission::ManageEducation => "登记安全教育培训和人员证书",
            // --- gate ---
            Permission::CheckEntry => "进行入场资格审查",
            Permission::OverrideEntryCheck => "放行未通过入场资格审查的人员",
        }
    }
}

/// Who is acting. Every use-case takes one and checks it before touching data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct Actor {
    /// `None` for the local operator of the command-line tool.
    pub user_id: Option<i64>,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub department_id: Option<i64>,
    pub store_id: Option<i64>,
    /// What the role allows, for the UI's menus.
    pub permissions: Vec<Permission>,
}

impl Actor {
    /// The person at the command line: whoever can run `shouhou` on the data folder already has
    /// the file, so the CLI acts with administrator rights and is recorded as such in the log.
    pub fn command_line() -> Actor {
        Actor {
            user_id: None,
            username: "cli".into(),
            display_name: "系统(命令行)".into(),
            role: Role::Admin,
            department_id: None,
            store_id: None,
            permissions: Role::Admin.permissions(),
        }
    }

    pub fn require(&self, permission: Permission) -> Result<()> {
        if self.role.can(permission) {
            Ok(())
        } else {
            Err(Error::Forbidden(format!("{}不能{}", self.role.label(), permission.label())))
        }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export_to = "bindings.ts")]
pub struct RoleInfo {
    pub key: Role,
    pub label: String,
    pub needs_department: bool,
    pub needs_store: bool,
}

pub fn roles() -> Vec<RoleInfo> {
    Role::ALL
        .into_iter()
        .map(|r| RoleInfo {
            key: r,
            label: r.label().into(),
            needs_department: r.needs_department(),
            needs_store: r.needs_store(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_match_serde() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.key()).unwrap(), role);
            assert_eq!(serde_json::to_value(role).unwrap(), role.key());
        }
        assert_eq!(Role::parse("boss").unwrap_err().field(), Some("role"));
    }

    #[test]
    fn permissions_follow_the_role() {
        assert!(Role::Admin.permissions().contains(&Permission::ManageUsers));
        assert_eq!(Role::Gate.permissions(), [Permission::ViewContractors, Permission::CheckEntry]);
        let quality = Role::Quality.permissions();
        assert!(quality.contains(&Permission::ViewCustomers) && !quality.contains(&Permission::EditCustomers));
        assert!(Role::StoreClerk.can(Permission::EditCustomers));
        assert!(
            Role::AfterSalesManager.can(Permission::ManageCustomers)
                && !Role::AfterSales.can(Permission::ManageCustomers)
        );
    }

    #[test]
    fn only_admin_administers() {
        for role in Role::ALL {
            assert_eq!(role.can(Permission::ManageUsers), role == Role::Admin, "{role:?}");
        }
        let clerk = Actor { role: Role::StoreClerk, ..Actor::command_line() };
        let err = clerk.require(Permission::ManageUsers).unwrap_err();
        assert_eq!(err.code(), "forbidden");
        assert!(err.user_message().contains("直销店店员不能管理用户"));
    }
}
