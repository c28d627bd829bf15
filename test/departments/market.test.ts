import { sql } from '../support/database';
import { token } from '../support/federation';
import {
  chinaDay,
  describeDepartmentContract,
  registryTags,
  seededUsccs,
  unknownUscc,
  useFederation,
} from './department.contract';

const fed = useFederation();

/** Enterprises not on either market list, so their class follows the rating alone. */
const NOT_LISTED = 'NOT EXISTS (SELECT 1 FROM market.listing l WHERE l.uscc = e.uscc)';

describeDepartmentContract(
  {
    code: 'market',
    ratingField: 'creditRiskRating',
    ratingMutation: 'marketSetCreditRiskRating',
    ratingInput: 'MarketSetCreditRiskRatingInput',
    badLevel: 'E',
    mapping: { A: 'A', B: 'B', C: 'C', D: 'D' },
    followUpField: 'cases',
    openFollowUp: 'marketOpenCase',
    openFollowUpInput: 'MarketOpenCaseInput',
    closeFollowUp: 'marketCloseCase',
    closeFollowUpInput: 'MarketCloseCaseInput',
    kindWithDeadline: 'CORRECTION_ORDER',
    plain: NOT_LISTED,
  },
  fed,
);

describe("market regulation's lists drive its risk class over the rating", () => {
  const addListing = `mutation($i: MarketAddListingInput!) { marketAddListing(input: $i) { id kind listedOn current } }`;
  const removeListing = `mutation($i: MarketRemoveListingInput!) { marketRemoveListing(input: $i) { id current removedOn removalReason } }`;
  const rate = `mutation($i: MarketSetCreditRiskRatingInput!) { marketSetCreditRiskRating(input: $i) { level } }`;
  const year = Number(chinaDay().slice(0, 4));

  it('abnormal list: at least C; serious-violation list: D; removal: back to the rating', async () => {
    const [uscc] = await seededUsccs(fed(), 'market', true, 1, NOT_LISTED);
    const planner = await token('market', ['planner']);
    expect(
      (await fed().query(rate, { i: { uscc, year, level: 'A' } }, { token: planner })).errors,
    ).toBeUndefined();
    expect((await registryTags(fed(), uscc, 'market'))[0].riskClass).toBe('A');

    const abnormal = await fed().query(
      addListing,
      {
        i: {
          uscc,
          kind: 'ABNORMAL_OPERATION',
          reason: '未依照规定期限公示年度报告',
          listedOn: chinaDay(-400),
        },
      },
      { token: planner },
    );
    expect(abnormal.errors).toBeUndefined();
    expect((await registryTags(fed(), uscc, 'market'))[0]).toMatchObject({
      riskClass: 'C',
      basis: expect.stringContaining('经营异常名录'),
    });

    const serious = await fed().query(
      addListing,
      {
        i: {
          uscc,
          kind: 'SERIOUS_VIOLATION',
          reason: '列入经营异常名录届满3年仍未履行相关义务',
          listedOn: chinaDay(-30),
        },
      },
      { token: planner },
    );
    expect(serious.errors).toBeUndefined();
    expect((await registryTags(fed(), uscc, 'market'))[0].riskClass).toBe('D');
    const profile = await fed().query(
      `query($u: ID!) { enterprise(uscc: $u) { market { risk { riskClass } listings(current: true) { kind } } } }`,
      { u: uscc },
    );
    expect(profile.data.enterprise.market.risk.riskClass).toBe('D');
    expect(
      profile.data.enterprise.market.listings.map((l: { kind: string }) => l.kind).sort(),
    ).toEqual(['ABNORMAL_OPERATION', 'SERIOUS_VIOLATION']);

    // Credit repair takes a serious violator off the list one year after listing at the earliest.
    const early = await fed().query(
      removeListing,
      { i: { id: serious.data.marketAddListing.id, reason: '已完成信用修复' } },
      { token: planner },
    );
    expect(early.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(early.errors?.[0].message).toMatch(/1 year after listing/);
    expect((await registryTags(fed(), uscc, 'market'))[0].riskClass).toBe('D');

    await sql(
      fed().databaseUrl,
      `UPDATE market.listing SET removed_on = $2, removal_reason = 'test' WHERE id = $1`,
      [serious.data.marketAddListing.id, chinaDay()],
    );
    const removed = await fed().query(
      removeListing,
      { i: { id: abnormal.data.marketAddListing.id, reason: '已补报年度报告并申请移出' } },
      { token: planner },
    );
    expect(removed.errors).toBeUndefined();
    expect(removed.data.marketRemoveListing).toMatchObject({
      current: false,
      removedOn: chinaDay(),
    });
    expect((await registryTags(fed(), uscc, 'market'))[0].riskClass).toBe('A');
  });

  it('refuses a second current listing on the same list (CONFLICT), a removal twice (CONFLICT) and an unknown USCC (NOT_FOUND)', async () => {
    const [uscc] = await seededUsccs(fed(), 'market', true, 2, NOT_LISTED).then((u) => u.slice(1));
    const planner = await token('market', ['planner']);
    const input = {
      uscc,
      kind: 'ABNORMAL_OPERATION',
      reason: '通过登记的住所或者经营场所无法联系',
    };
    const first = await fed().query(addListing, { i: input }, { token: planner });
    expect(first.errors).toBeUndefined();
    expect(
      (await fed().query(addListing, { i: input }, { token: planner })).errors?.[0].extensions
        ?.code,
    ).toBe('CONFLICT');
    const remove = { i: { id: first.data.marketAddListing.id, reason: '已更正住所信息' } };
    expect((await fed().query(removeListing, remove, { token: planner })).errors).toBeUndefined();
    expect(
      (await fed().query(removeListing, remove, { token: planner })).errors?.[0].extensions?.code,
    ).toBe('CONFLICT');
    const unknown = await fed().query(
      addListing,
      { i: { ...input, uscc: await unknownUscc(fed()) } },
      { token: planner },
    );
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const forbidden = await fed().query(
      addListing,
      { i: input },
      { token: await token('tax', ['planner']) },
    );
    expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('publishes the lists: anyone reads current serious violators with their enterprise names', async () => {
    const res = await fed().query(
      `{ marketListings(first: 10, filter: { kind: SERIOUS_VIOLATION, current: true }) { nodes { kind current reason enterprise { uscc name } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.marketListings.nodes.length).toBeGreaterThan(0);
    for (const n of res.data.marketListings.nodes) {
      expect(n).toMatchObject({ kind: 'SERIOUS_VIOLATION', current: true });
      expect(n.enterprise.name).toEqual(expect.any(String));
    }
  });
});
