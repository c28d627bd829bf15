import { token } from '../support/federation';
import {
  chinaDay,
  describeDepartmentContract,
  seededUsccs,
  useFederation,
} from './department.contract';

const fed = useFederation();

describeDepartmentContract(
  {
    code: 'emergency',
    ratingField: 'safetyCredit',
    ratingMutation: 'emergencySetSafetyCredit',
    ratingInput: 'EmergencySetSafetyCreditInput',
    badLevel: 'E',
    mapping: { A: 'A', B: 'B', C: 'C', D: 'D' },
    followUpField: 'rectificationOrders',
    openFollowUp: 'emergencyOpenRectificationOrder',
    openFollowUpInput: 'EmergencyOpenRectificationOrderInput',
    closeFollowUp: 'emergencyCloseRectificationOrder',
    closeFollowUpInput: 'EmergencyCloseRectificationOrderInput',
    kindWithDeadline: 'GENERAL_HAZARD',
  },
  fed,
);

describe('hazard rectification orders with deadlines', () => {
  const open = `mutation($i: EmergencyOpenRectificationOrderInput!) { emergencyOpenRectificationOrder(input: $i) { id deadline } }`;

  it('needs a deadline for a major hazard too, accepts one of today and refuses an impossible date', async () => {
    const [uscc] = await seededUsccs(fed(), 'emergency');
    const inspector = await token('emergency', ['inspector']);
    const base = { uscc, kind: 'MAJOR_HAZARD', summary: '涉爆粉尘作业场所未按规定设置泄爆装置' };
    expect(
      (await fed().query(open, { i: base }, { token: inspector })).errors?.[0].extensions?.code,
    ).toBe('BAD_USER_INPUT');
    const today = await fed().query(
      open,
      { i: { ...base, openedOn: chinaDay(), deadline: chinaDay() } },
      { token: inspector },
    );
    expect(today.errors).toBeUndefined();
    expect(today.data.emergencyOpenRectificationOrder.deadline).toBe(chinaDay());
    const badDay = await fed().query(
      open,
      { i: { ...base, deadline: '2026-13-01' } },
      { token: inspector },
    );
    expect(badDay.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lists the overdue orders for signed-in callers only', async () => {
    const query = `{ emergencyRectificationOrders(first: 100, filter: { overdue: true }) { nodes { status overdue deadline enterprise { uscc } } } }`;
    expect((await fed().query(query)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const res = await fed().query(query, {}, { token: await token('emergency', ['supervisor']) });
    expect(res.errors).toBeUndefined();
    expect(res.data.emergencyRectificationOrders.nodes.length).toBeGreaterThan(0);
    for (const n of res.data.emergencyRectificationOrders.nodes) {
      expect(n).toMatchObject({ status: 'OPEN', overdue: true });
      expect(n.deadline < chinaDay()).toBe(true);
    }
  });
});
