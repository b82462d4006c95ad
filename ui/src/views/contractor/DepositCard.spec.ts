import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import DepositCard from './DepositCard.vue'
import { backendKey } from '../../api/backend'
import { BackendError } from '../../api/transport'
import { session } from '../../session'
import { fakeBackend, status } from '../../testing/fake-backend'
import type { Actor, DepositLedger, EngagementState } from '../../api/bindings'

const ledger: DepositLedger = {
  engagement_id: 7,
  engagement_number: 'WB-2026-0007',
  title: '2号转炉除尘管道检修',
  unit_name: '天津宏远建筑工程有限公司',
  department_name: '生产部',
  state: 'active',
  agreed_fen: 2_000_000,
  received_fen: 2_000_000,
  deducted_fen: 50_000,
  refunded_fen: 0,
  balance_fen: 1_950_000,
  entries: [
    { id: 1, engagement_id: 7, kind: 'received', amount_fen: 2_000_000, entry_on: '2026-11-20', reason: '', violation_id: null, violation_description: null, balance_after_fen: 2_000_000, recorded_by: '郑涛', created_at: '2026-11-20T01:00:00Z' },
    { id: 2, engagement_id: 7, kind: 'deduction', amount_fen: 50_000, entry_on: '2026-11-25', reason: '违章扣款', violation_id: 3, violation_description: '高处作业未系安全带', balance_after_fen: 1_950_000, recorded_by: '吴敏', created_at: '2026-11-25T01:00:00Z' },
  ],
}

const actor = (role: Actor['role'], department_id: number, permissions: Actor['permissions']): Actor => ({
  user_id: 2,
  username: role,
  display_name: role,
  role,
  department_id,
  store_id: null,
  permissions,
})

async function mountCard(who: Actor, state: EngagementState = 'active') {
  session.status = status(true)
  session.actor = who
  const api = fakeBackend()
  api.deposits.ledger = vi.fn(async () => ledger)
  api.violations.list = vi.fn(async () => ({ page: { items: [], total: 0, total_capped: false, next: null }, penalty_total_fen: 0 }))
  const wrapper = mount(DepositCard, {
    props: { engagementId: 7, departmentId: 5, state },
    global: { plugins: [ElementPlus], provide: { [backendKey as symbol]: api } },
    attachTo: document.body,
  })
  await flushPromises()
  return { wrapper, api }
}

const hiring = actor('hiring_dept', 5, ['view_contractors', 'manage_deposits'])

describe('DepositCard', () => {
  it('shows 应收/已收/余额 and every entry with its balance', async () => {
    const { wrapper } = await mountCard(hiring)
    expect(wrapper.get('[data-test="deposit-agreed"]').text()).toBe('20,000.00 元')
    expect(wrapper.get('[data-test="deposit-received"]').text()).toBe('20,000.00 元')
    expect(wrapper.get('[data-test="deposit-balance"]').text()).toBe('19,500.00 元')
    const rows = wrapper.findAll('[data-test="deposit-entries"] tbody tr')
    expect(rows).toHaveLength(2)
    expect(rows[1].text()).toContain('-500.00 元')
    expect(rows[1].text()).toContain('违规考核:高处作业未系安全带')
    wrapper.unmount()
  })

  it('refunds only once the engagement has ended; other departments see no buttons', async () => {
    const active = await mountCard(hiring)
    expect(active.wrapper.get('[data-test="deposit-refund"]').attributes('disabled')).toBeDefined()
    expect(active.wrapper.get('[data-test="deposit-receive"]').attributes('disabled')).toBeUndefined()
    active.wrapper.unmount()
    const ended = await mountCard(hiring, 'completed')
    expect(ended.wrapper.get('[data-test="deposit-refund"]').attributes('disabled')).toBeUndefined()
    expect(ended.wrapper.get('[data-test="deposit-receive"]').attributes('disabled')).toBeDefined()
    ended.wrapper.unmount()
    const other = await mountCard(actor('hiring_dept', 6, ['view_contractors', 'manage_deposits']))
    expect(other.wrapper.find('[data-test="deposit-receive"]').exists()).toBe(false)
    other.wrapper.unmount()
  })

  it('sends yuan as fen and shows the core refusal on the amount', async () => {
    const { wrapper, api } = await mountCard(hiring)
    api.deposits.enter = vi.fn(async () => {
      throw new BackendError({ code: 'validation', message: '扣除金额 20,000.00 元 超过抵押金余额 19,500.00 元,余额不能为负', field: 'amount_fen' })
    })
    await wrapper.get('[data-test="deposit-deduct"]').trigger('click')
    await flushPromises()
    const amount = document.querySelector('[data-test="deposit-amount"] input') as HTMLInputElement
    amount.value = '20000'
    amount.dispatchEvent(new Event('input'))
    amount.dispatchEvent(new Event('change'))
    const reason = document.querySelector('input[data-test="deposit-reason"]') as HTMLInputElement
    reason.value = '违章'
    reason.dispatchEvent(new Event('input'))
    await flushPromises()
    ;(document.querySelector('[data-test="deposit-confirm"]') as HTMLButtonElement).click()
    await flushPromises()
    expect(api.deposits.enter).toHaveBeenCalledWith(7, expect.objectContaining({ kind: 'deduction', amount_fen: 2_000_000, reason: '违章' }))
    // The refusal marks the amount field (its message is the core's, with the balance).
    const failed = [...document.querySelectorAll('.el-form-item.is-error')]
    expect(failed).toHaveLength(1)
    expect(failed[0].querySelector('[data-test="deposit-amount"]')).not.toBeNull()
    expect(document.querySelector('[data-test="deposit-dialog"]')).not.toBeNull()
    wrapper.unmount()
  })
})
