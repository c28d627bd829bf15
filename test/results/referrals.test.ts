import { startFederation, token, type TestFederation } from '../support/federation';
import {
  CLOSE,
  codeOf,
  createAndDraw,
  inspectorToken,
  ok,
  recordAndPublish,
  staffedVisits,
  supervisorToken,
  type VisitView,
} from '../support/joint-task-flow';

let fed: TestFederation;
let visits: VisitView[];

const REFER = `mutation($i: ReferFindingInput!) { referFinding(input: $i) { id status suspectedCrime matter fromDepartment { code } toDepartment { code nameZh } } }`;
const ACCEPT = `mutation($id: ID!, $f: FollowUpRefInput) { acceptReferral(id: $id, followUp: $f) { id status decidedBy followUps { followUp { department { code } kind id } } } }`;

beforeAll(async () => {
  fed = await startFederation();
  visits = staffedVisits((await createAndDraw(fed)).visits, ['market']);
});
afterAll(() => fed?.stop());

describe('referrals (移送) and follow-ups', () => {
  it('refers a finding to the competent department, which accepts and links its own case; a suspected crime is marked for the judicial authorities', async () => {
    const visit = visits[0];
    const result = await recordAndPublish(fed, visit, 'market', {
      category: 'FOLLOW_UP_PENDING',
      findings: '账外经营收入约120万元未申报纳税；另发现伪造发票线索',
    });
    const marketInspector = await inspectorToken(visit, 'market');

    const toTax = ok(
      await fed.query(
        REFER,
        {
          i: {
            resultId: result.id,
            toDepartment: 'tax',
            matter: '账外经营收入约120万元未申报纳税，属税务部门职责',
          },
        },
        { token: marketInspector },
      ),
    ).referFinding;
    expect(toTax).toMatchObject({
      status: 'PENDING',
      suspectedCrime: false,
      fromDepartment: { code: 'market' },
      toDepartment: { code: 'tax', nameZh: '税务局' },
    });
    const toPolice = ok(
      await fed.query(
        REFER,
        {
          i: {
            resultId: result.id,
            toDepartment: 'police',
            matter: '涉嫌伪造发票',
            suspectedCrime: true,
          },
        },
        { token: await supervisorToken('market') },
      ),
    ).referFinding;
    expect(toPolice.suspectedCrime).toBe(true);

    const judicial = ok(
      await fed.query(
        `{ referrals(suspectedCrime: true) { nodes { id } } }`,
        {},
        { token: await token('police', ['supervisor']) },
      ),
    ).referrals.nodes;
    expect(judicial.map((r: { id: string }) => r.id)).toEqual([toPolice.id]);
    const inbox = ok(
      await fed.query(
        `{ referrals(toDepartment: "tax", status: PENDING) { nodes { id matter } } }`,
        {},
        { token: await supervisorToken('tax') },
      ),
    ).referrals.nodes;
    expect(inbox.map((r: { id: string }) => r.id)).toEqual([toTax.id]);

    // Not closable before a follow-up is linked.
    const early = await fed.query(
      CLOSE,
      { id: result.id },
      { token: await supervisorToken('market') },
    );
    expect(codeOf(early)).toBe('CONFLICT');
    expect(early.errors?.[0].message).toMatch(/link the follow-up/);

    // Only the receiving department answers, and only with a follow-up of its own.
    expect(
      codeOf(await fed.query(ACCEPT, { id: toTax.id }, { token: await supervisorToken('market') })),
    ).toBe('FORBIDDEN');
    const foreign = await fed.query(
      ACCEPT,
      { id: toTax.id, f: { department: 'market', kind: 'CASE', id: 'M-1' } },
      { token: await supervisorToken('tax') },
    );
    expect(codeOf(foreign)).toBe('BAD_USER_INPUT');
    const accepted = ok(
      await fed.query(
        ACCEPT,
        { id: toTax.id, f: { department: 'tax', kind: 'CASE', id: 'TAX-CASE-2026-0042' } },
        { token: await supervisorToken('tax') },
      ),
    ).acceptReferral;
    expect(accepted).toMatchObject({
      status: 'ACCEPTED',
      decidedBy: 'tax-supervisor-1',
      followUps: [
        { followUp: { department: { code: 'tax' }, kind: 'CASE', id: 'TAX-CASE-2026-0042' } },
      ],
    });

    const declined = ok(
      await fed.query(
        `mutation($id: ID!) { declineReferral(id: $id, reason: "线索不足，退回") { status declineReason } }`,
        { id: toPolice.id },
        { token: await token('police', ['supervisor']) },
      ),
    ).declineReferral;
    expect(declined).toEqual({ status: 'DECLINED', declineReason: '线索不足，退回' });
    expect(
      codeOf(
        await fed.query(
          ACCEPT,
          { id: toPolice.id },
          { token: await token('police', ['supervisor']) },
        ),
      ),
    ).toBe('CONFLICT');

    const closed = ok(
      await fed.query(CLOSE, { id: result.id }, { token: await supervisorToken('market') }),
    ).closeResult;
    expect(closed.status).toBe('CLOSED');

    const view = ok(
      await fed.query(
        `query($id: ID!) { checkResult(id: $id) { referrals { toDepartment { code } status } followUps { followUp { kind id } referral { id } }
      auditTrail { action actorDepartment } } }`,
        { id: result.id },
        { token: await token('health', ['planner']) },
      ),
    ).checkResult;
    expect(view.referrals).toEqual([
      { toDepartment: { code: 'tax' }, status: 'ACCEPTED' },
      { toDepartment: { code: 'police' }, status: 'DECLINED' },
    ]);
    expect(view.followUps).toEqual([
      { followUp: { kind: 'CASE', id: 'TAX-CASE-2026-0042' }, referral: { id: toTax.id } },
    ]);
    expect(
      view.auditTrail.map(
        (e: { action: string; actorDepartment: string }) => `${e.action}:${e.actorDepartment}`,
      ),
    ).toEqual([
      'RECORDED:market',
      'REVIEWED:market',
      'PUBLISHED:market',
      'REFERRED:market',
      'REFERRED:market',
      'REFERRAL_ACCEPTED:tax',
      'FOLLOW_UP_LINKED:tax',
      'REFERRAL_DECLINED:police',
      'CLOSED:market',
    ]);
  });

  it('closes a FOLLOW_UP_PENDING result once the checking department links its own rectification, and other results without one', async () => {
    const pending = await recordAndPublish(fed, visits[1], 'market', {
      category: 'FOLLOW_UP_PENDING',
      findings: '经营场所消防通道堵塞，待整改复查',
    });
    const supervisor = await supervisorToken('market');
    expect(codeOf(await fed.query(CLOSE, { id: pending.id }, { token: supervisor }))).toBe(
      'CONFLICT',
    );
    const link = `mutation($id: ID!, $f: FollowUpRefInput!) { linkResultFollowUp(resultId: $id, followUp: $f) { id followUps { followUp { department { code } kind id } } } }`;
    const wrong = await fed.query(
      link,
      { id: pending.id, f: { department: 'tax', kind: 'RECTIFICATION', id: 'R-1' } },
      { token: supervisor },
    );
    expect(codeOf(wrong)).toBe('BAD_USER_INPUT');
    const bad = await fed.query(
      link,
      { id: pending.id, f: { department: 'market', kind: 'RECTIFICATION', id: 'has spaces' } },
      { token: supervisor },
    );
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    const linked = ok(
      await fed.query(
        link,
        { id: pending.id, f: { department: 'market', kind: 'RECTIFICATION', id: 'MKT-RECT-7' } },
        { token: await inspectorToken(visits[1], 'market') },
      ),
    );
    expect(linked.linkResultFollowUp.followUps).toEqual([
      { followUp: { department: { code: 'market' }, kind: 'RECTIFICATION', id: 'MKT-RECT-7' } },
    ]);
    // Linking the same reference again changes nothing.
    ok(
      await fed.query(
        link,
        { id: pending.id, f: { department: 'market', kind: 'RECTIFICATION', id: 'MKT-RECT-7' } },
        { token: supervisor },
      ),
    );
    expect(
      ok(await fed.query(CLOSE, { id: pending.id }, { token: supervisor })).closeResult.status,
    ).toBe('CLOSED');

    const plain = await recordAndPublish(fed, visits[2], 'market');
    expect(
      ok(await fed.query(CLOSE, { id: plain.id }, { token: supervisor })).closeResult.status,
    ).toBe('CLOSED');
  });

  it('refuses referrals to the checking department itself or to an unknown department (BAD_USER_INPUT), twice to the same department (CONFLICT), and by outsiders (FORBIDDEN)', async () => {
    const result = await recordAndPublish(fed, visits[3], 'market', {
      category: 'CORRECTION_ORDERED',
      findings: '价格标示不规范',
    });
    const supervisor = await supervisorToken('market');
    const refer = (toDepartment: string, caller = supervisor) =>
      fed.query(
        REFER,
        { i: { resultId: result.id, toDepartment, matter: '移送事项' } },
        { token: caller },
      );
    expect(codeOf(await refer('market'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await refer('nosuch'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await refer('Not-A-Code'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await refer('fire', await supervisorToken('tax')))).toBe('FORBIDDEN');
    ok(await refer('fire'));
    expect(codeOf(await refer('fire'))).toBe('CONFLICT');
  });
});
