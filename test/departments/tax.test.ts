import { token } from '../support/federation';
import { describeDepartmentContract, seededUsccs, useFederation } from './department.contract';

const fed = useFederation();

describeDepartmentContract(
  {
    code: 'tax',
    ratingField: 'creditRating',
    ratingMutation: 'taxSetCreditRating',
    ratingInput: 'TaxSetCreditRatingInput',
    badLevel: 'E',
    // M (new taxpayer, no record to score) is ordinary risk, not worse than B.
    mapping: { A: 'A', B: 'B', M: 'B', C: 'C', D: 'D' },
    followUpField: 'followUps',
    openFollowUp: 'taxOpenFollowUp',
    openFollowUpInput: 'TaxOpenFollowUpInput',
    closeFollowUp: 'taxCloseFollowUp',
    closeFollowUpInput: 'TaxCloseFollowUpInput',
    kindWithDeadline: 'CORRECTION',
  },
  fed,
);

describe('key taxpayers', () => {
  const setFlag = `mutation($i: TaxSetFlagInput!) { taxSetFlag(input: $i) { uscc keyTaxpayer } }`;

  it('sets and clears the key-taxpayer designation and lists key taxpayers', async () => {
    const [uscc] = await seededUsccs(fed(), 'tax');
    const supervisor = await token('tax', ['supervisor']);
    const on = await fed().query(
      setFlag,
      { i: { uscc, flag: 'KEY_TAXPAYER', value: true, note: '年纳税额超过500万元' } },
      { token: supervisor },
    );
    expect(on.errors).toBeUndefined();
    expect(on.data.taxSetFlag).toEqual({ uscc, keyTaxpayer: true });
    const list = await fed().query(
      `{ taxProfiles(first: 500, filter: { flag: KEY_TAXPAYER }) { nodes { uscc keyTaxpayer } } }`,
    );
    expect(list.errors).toBeUndefined();
    expect(list.data.taxProfiles.nodes.length).toBeGreaterThan(1);
    expect(list.data.taxProfiles.nodes).toContainEqual({ uscc, keyTaxpayer: true });
    const off = await fed().query(
      setFlag,
      { i: { uscc, flag: 'KEY_TAXPAYER', value: false } },
      { token: supervisor },
    );
    expect(off.data.taxSetFlag.keyTaxpayer).toBe(false);
  });

  it('refuses a designation from another department with FORBIDDEN and an unknown flag with BAD_USER_INPUT', async () => {
    const [uscc] = await seededUsccs(fed(), 'tax');
    const forbidden = await fed().query(
      setFlag,
      { i: { uscc, flag: 'KEY_TAXPAYER', value: true } },
      { token: await token('fire', ['supervisor']) },
    );
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const unknown = await fed().query(
      setFlag,
      { i: { uscc, flag: 'KEY_UNIT', value: true } },
      { token: await token('tax', ['supervisor']) },
    );
    expect(unknown.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('lists D-rated taxpayers of the latest year', async () => {
    const res = await fed().query(
      `{ taxProfiles(first: 20, filter: { level: D }) { nodes { creditRating { level } } pageInfo { hasNextPage } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.taxProfiles.nodes.length).toBeGreaterThan(0);
    for (const n of res.data.taxProfiles.nodes) expect(n.creditRating.level).toBe('D');
  });
});
