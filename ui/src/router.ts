import { createRouter, createWebHashHistory, type Router } from 'vue-router'
import type { Backend } from './api/backend'
import type { Permission } from './api/bindings'
import { can, isAdmin, loadSession, session } from './session'

export function makeRouter(api: Backend): Router {
  const router = createRouter({
    history: createWebHashHistory(),
    routes: [
      { path: '/startup-error', component: () => import('./views/StartupErrorView.vue'), meta: { public: true } },
      { path: '/setup', component: () => import('./views/SetupView.vue'), meta: { public: true } },
      { path: '/login', component: () => import('./views/LoginView.vue'), meta: { public: true } },
      {
        path: '/',
        component: () => import('./views/LayoutView.vue'),
        children: [
          { path: '', component: () => import('./views/HomeView.vue'), meta: { title: '工作台' } },
          {
            path: 'complaints',
            component: () => import('./views/complaints/ComplaintsView.vue'),
            meta: { title: '客户投诉', permission: 'view_complaints' },
          },
          {
            path: 'complaints/new',
            component: () => import('./views/complaints/RegisterView.vue'),
            meta: { title: '客户投诉登记', permission: 'register_complaints' },
          },
          {
            path: 'complaints/:id/edit',
            component: () => import('./views/complaints/RegisterView.vue'),
            meta: { title: '修改投诉登记', permission: 'view_complaints' },
          },
          {
            path: 'complaints/:id',
            component: () => import('./views/complaints/ComplaintDetailView.vue'),
            meta: { title: '投诉处理', permission: 'view_complaints' },
          },
          {
            path: 'customers',
            component: () => import('./views/customers/CustomersView.vue'),
            meta: { title: '客户档案', permission: 'view_customers' },
          },
          {
            path: 'customers/:id',
            component: () => import('./views/customers/CustomerDetailView.vue'),
            meta: { title: '客户详情', permission: 'view_customers' },
          },
          // --- report ---
          {
            path: 'reports',
            component: () => import('./views/report/ReportView.vue'),
            meta: { title: '月度投诉率报表', permission: 'view_reports' },
          },
          {
            path: 'reports/shipments',
            component: () => import('./views/report/ShipmentsView.vue'),
            meta: { title: '发货数据', permission: 'view_reports' },
          },
          // --- service ---
          {
            path: 'service/feedback',
            component: () => import('./views/service/FeedbackView.vue'),
            meta: { title: '意见建议', permission: 'view_service' },
          },
          {
            path: 'service/visits',
            component: () => import('./views/service/VisitsView.vue'),
            meta: { title: '客户关怀与回访', permission: 'view_service' },
          },
          {
            path: 'service/returns',
            component: () => import('./views/service/ReturnsView.vue'),
            meta: { title: '直销店退换货', permission: 'view_returns' },
          },
          {
            path: 'admin/users',
            component: () => import('./views/admin/UsersView.vue'),
            meta: { title: '用户管理', admin: true },
          },
          {
            path: 'admin/departments',
            component: () => import('./views/admin/DepartmentsView.vue'),
            meta: { title: '部门管理', admin: true },
          },
          {
            path: 'admin/stores',
            component: () => import('./views/admin/StoresView.vue'),
            meta: { title: '直销店管理', admin: true },
          },
          {
            path: 'admin/settings',
            component: () => import('./views/admin/SettingsView.vue'),
            meta: { title: '系统设置', admin: true },
          },
          {
            path: 'admin/audit',
            component: () => import('./views/admin/AuditView.vue'),
            meta: { title: '操作日志', admin: true },
          },
          // --- survey ---
          {
            path: 'surveys',
            component: () => import('./views/survey/SurveysView.vue'),
            meta: { title: '满意度调查', permission: 'view_surveys' },
          },
          {
            path: 'surveys/entry',
            component: () => import('./views/survey/SurveyEntryView.vue'),
            meta: { title: '录入调查问卷', permission: 'view_surveys' },
          },
          {
            path: 'surveys/templates',
            component: () => import('./views/survey/SurveyTemplatesView.vue'),
            meta: { title: '调查模板', permission: 'run_surveys' },
          },
          {
            path: 'surveys/responses/:number',
            component: () => import('./views/survey/SurveyEntryView.vue'),
            meta: { title: '调查问卷', permission: 'view_surveys' },
          },
          {
            path: 'surveys/:id',
            component: () => import('./views/survey/SurveyResultsView.vue'),
            meta: { title: '调查结果', permission: 'view_surveys' },
          },
          // --- contractor ---
          {
            path: 'contractor/engagements',
            component: () => import('./views/contractor/EngagementsView.vue'),
            meta: { title: '用工(发包)项目', permission: 'view_contractors' },
          },
          {
            path: 'contractor/engagements/:id',
            component: () => import('./views/contractor/EngagementDetailView.vue'),
            meta: { title: '用工(发包)项目', permission: 'view_contractors' },
          },
          {
            path: 'contractor/units',
            component: () => import('./views/contractor/UnitsView.vue'),
            meta: { title: '承包(服务)单位', permission: 'view_contractors' },
          },
          {
            path: 'contractor/units/:id',
            component: () => import('./views/contractor/UnitDetailView.vue'),
            meta: { title: '承包(服务)单位', permission: 'view_contractors' },
          },
          // --- workers ---
          {
            path: 'contractor/workers',
            component: () => import('./views/workers/WorkersView.vue'),
            meta: { title: '外来人员', permission: 'view_contractors' },
          },
          {
            path: 'contractor/workers/:id',
            component: () => import('./views/workers/WorkerDetailView.vue'),
            meta: { title: '外来人员', permission: 'view_contractors' },
          },
          // contract-print
          {
            path: 'contractor/agreement-template',
            component: () => import('./views/contractor/AgreementTemplateView.vue'),
            meta: { title: '安全协议书模板', permission: 'edit_agreement_template' },
          },
          // --- incidents ---
          {
            path: 'contractor/violations',
            component: () => import('./views/contractor/ViolationsView.vue'),
            meta: { title: '违规考核', permission: 'view_contractors' },
          },
          {
            path: 'contractor/accidents',
            component: () => import('./views/contractor/AccidentsView.vue'),
            meta: { title: '事故', permission: 'view_contractors' },
          },
          {
            path: 'contractor/accidents/:id',
            component: () => import('./views/contractor/AccidentDetailView.vue'),
            meta: { title: '事故', permission: 'view_contractors' },
          },
          // --- education ---
          {
            path: 'contractor/education',
            component: () => import('./views/contractor/EducationClassesView.vue'),
            meta: { title: '安全教育', permission: 'view_contractors' },
          },
          {
            path: 'contractor/education/person/:workerId',
            component: () => import('./views/contractor/EducationPersonView.vue'),
            meta: { title: '个人安全教育档案', permission: 'view_contractors' },
          },
          {
            path: 'contractor/education/:id',
            component: () => import('./views/contractor/EducationClassView.vue'),
            meta: { title: '安全教育', permission: 'view_contractors' },
          },
          // --- gate ---
          {
            path: 'contractor/gate',
            component: () => import('./views/contractor/GateView.vue'),
            meta: { title: '门岗 入场资格审查', permission: 'check_entry' },
          },
        ],
      },
      { path: '/:rest(.*)*', redirect: '/' },
    ],
  })

  router.beforeEach(async (to) => {
    if (!session.status) await loadSession(api)
    const status = session.status!
    if (status.startup_error) return to.path === '/startup-error' ? true : '/startup-error'
    if (!status.setup?.initialized) return to.path === '/setup' ? true : '/setup'
    if (to.path === '/setup' || to.path === '/startup-error') return '/login'
    if (!session.actor) return to.path === '/login' ? true : '/login'
    if (to.path === '/login') return '/'
    if (to.meta.admin && !isAdmin()) return '/'
    if (to.meta.permission && !can(to.meta.permission as Permission)) return '/'
    return true
  })
  return router
}
