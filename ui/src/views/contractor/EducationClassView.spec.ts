import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createMemoryHistory, createRouter } from 'vue-router'
import EducationClassView from './EducationClassView.vue'
import WorkerCertificates from './WorkerCertificates.vue'
import WorkerEducation from './WorkerEducation.vue'
import { backendKey } from '../../api/backend'
import { session } from '../../session'
import { fakeBackend, status } from '../../testing/fake-backend'
import type { Actor, CertificateLine, SafetyClass, WorkerEducation as Education } from '../../api/bindings'

const attendee = (worker_id: number, name: string, score: number | null) => ({
  worker_id,
  name,
  id_number_masked: '110101********123X',
  unit_name: '天津宏远建设工程有限公司',
  trade: '电工',
  score,
  passed: score === null ? null : score >= 60,
  signed: true,
})

const safetyClass: SafetyClass = {
  id: 3,
  level: 'workshop',
  held_on: '2026-11-27',
  hours_tenths: 75,
  content: '车间危险源与安全操作规程',
  instructor: '赵安全',
  place: '培训室',
  department_id: null,
  department_name: null,
  engagement_id: null,
  engagement_number: null,
  pass_mark: 60,
  attendees: [attendee(1, '张伟', 85), attendee(2, '李强', null), attendee(3, '王磊', null)],
  created_by: '赵安全',
  created_at: '2026-11-27T01:00:00Z',
  updated_at: '2026-11-27T01:00:00Z',
  version: 2,
}

const actor = (permissions: Actor['permissions']): Actor => ({
  user_id: 2,
  username: 'safety',
  display_name: '吴敏',
  role: 'safety',
  department_id: 6,
  store_id: null,
  permissions,
})

async function mountClass(permissions: Actor['permissions']) {
  session.status = status(true)
  session.actor = actor(permissions)
  const api = fakeBackend()
  api.education.class = vi.fn(async () => safetyClass)
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/contractor/education/:id', component: EducationClassView }] })
  await router.push('/contractor/education/3')
  const wrapper = mount(EducationClassView, { global: { plugins: [ElementPlus, router], provide: { [backendKey as symbol]: api } }, attachTo: document.body })
  await flushPromises()
  return { wrapper, api }
}

describe('EducationClassView', () => {
  beforeEach(() => vi.restoreAllMocks())

  it('enters the scores of the whole sheet, Enter moving down the column', async () => {
    const { wrapper, api } = await mountClass(['view_contractors', 'manage_education'])
    expect(wrapper.get('[data-test="class-detail"]').text()).toContain('7.5 学时')
    const second = wrapper.get('input[data-test="score-1"]')
    await second.setValue('59')
    await second.trigger('keydown', { key: 'Enter' })
    expect(document.activeElement).toBe(wrapper.get('input[data-test="score-2"]').element)
    await wrapper.get('input[data-test="score-2"]').setValue('100')
    expect(wrapper.get('[data-test="score-table"]').text()).toContain('不合格')
    api.education.recordScores = vi.fn(async () => safetyClass)
    await wrapper.get('[data-test="class-save-scores"]').trigger('click')
    await flushPromises()
    expect(api.education.recordScores).toHaveBeenCalledWith(3, 2, [
      { worker_id: 1, score: 85, signed: true },
      { worker_id: 2, score: 59, signed: true },
      { worker_id: 3, score: 100, signed: true },
    ])
    wrapper.unmount()
  })

  it('refuses a score that is not 0 to 100 before sending it', async () => {
    const { wrapper, api } = await mountClass(['view_contractors', 'manage_education'])
    await wrapper.get('input[data-test="score-1"]').setValue('101')
    await wrapper.get('[data-test="class-save-scores"]').trigger('click')
    await flushPromises()
    expect(api.education.recordScores).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('shows the gate the sheet without inputs', async () => {
    const { wrapper } = await mountClass(['view_contractors'])
    expect(wrapper.find('[data-test="score-0"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="class-save-scores"]').exists()).toBe(false)
    expect(wrapper.get('[data-test="score-table"]').text()).toContain('85')
    wrapper.unmount()
  })
})

const line = (id: number, status: CertificateLine['status']): CertificateLine => ({
  certificate: {
    id,
    worker_id: 1,
    kind: 'special_operation',
    class: '电工作业',
    number: `T-${id}`,
    issuer: '',
    issued_on: '2021-01-10',
    valid_to: '2027-01-10',
    last_reviewed_on: null,
    review_due_on: '2024-01-10',
    version: 1,
  },
  status,
  attachments: [],
})

describe('worker tabs', () => {
  it('colours each certificate by its status', async () => {
    session.status = status(true)
    session.actor = actor(['view_contractors'])
    const api = fakeBackend()
    api.education.certificates = vi.fn(async () => [line(1, 'review_overdue'), line(2, 'valid')])
    const wrapper = mount(WorkerCertificates, { props: { workerId: 1 }, global: { plugins: [ElementPlus], provide: { [backendKey as symbol]: api } } })
    await flushPromises()
    const tags = wrapper.findAll('[data-test="certificate-status"]')
    expect(tags.map((t) => t.text())).toEqual(['逾期未复审(失效)', '有效'])
    expect(tags[0].get('.el-tag').classes()).toContain('el-tag--danger')
    expect(wrapper.find('[data-test="certificate-add"]').exists()).toBe(false)
  })

  it('shows the standing with what is missing', async () => {
    session.status = status(true)
    session.actor = actor(['view_contractors'])
    const api = fakeBackend()
    const education: Education = {
      worker_id: 1,
      name: '张伟',
      id_number_masked: '110101********123X',
      unit_name: null,
      trade: '电工',
      special_class: '电工作业',
      high_risk: false,
      post_changed_on: null,
      last_on_site: null,
      classes: [],
      standing: {
        on: '2026-11-27',
        high_risk: false,
        levels: [
          { level: 'company', attended: 1, passed: 1, hours_tenths: 80, last_passed_on: '2026-11-20' },
          { level: 'workshop', attended: 0, passed: 0, hours_tenths: 0, last_passed_on: null },
          { level: 'team', attended: 0, passed: 0, hours_tenths: 0, last_passed_on: null },
          { level: 'annual', attended: 0, passed: 0, hours_tenths: 0, last_passed_on: null },
        ],
        pre_job_hours_tenths: 80,
        required_hours_tenths: 240,
        levels_complete: false,
        retraining_required: false,
        retraining_hours_tenths: 0,
        retraining_required_hours_tenths: 0,
        reeducation_due: false,
        first_passed_on: '2026-11-20',
        last_class_on: '2026-11-20',
        complete: false,
        issues: [{ code: 'education_hours_short', message: '三级安全教育学时不足:已 8 学时,须 24 学时' }],
      },
      certificates: [],
    }
    api.education.worker = vi.fn(async () => education)
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: WorkerEducation }] })
    const wrapper = mount(WorkerEducation, { props: { workerId: 1 }, global: { plugins: [ElementPlus, router], provide: { [backendKey as symbol]: api } } })
    await flushPromises()
    expect(wrapper.get('[data-test="education-hours"]').text()).toContain('8 / 24')
    expect(wrapper.get('[data-test="education-issues"]').text()).toContain('三级安全教育学时不足:已 8 学时,须 24 学时')
    expect(wrapper.get('[data-test="education-standing"]').text()).toContain('安全教育未完成')
  })
})
