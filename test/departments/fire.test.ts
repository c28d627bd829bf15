import { token } from '../support/federation';
import { describeDepartmentContract, seededUsccs, useFederation } from './department.contract';

const fed = useFederation();

describeDepartmentContract(
  {
    code: 'fire',
    ratingField: 'safetyAssessment',
    ratingMutation: 'fireSetSafetyAssessment',
    ratingInput: 'FireSetSafetyAssessmentInput',
    badLevel: 'E',
    mapping: { A: 'A', B: 'B', C: 'C', D: 'D' },
    followUpField: 'rectificationOrders',
    openFollowUp: 'fireOpenRectificationOrder',
    openFollowUpInput: 'FireOpenRectificationOrderInput',
    closeFollowUp: 'fireCloseRectificationOrder',
    closeFollowUpInput: 'FireCloseRectificationOrderInput',
    kindWithDeadline: 'FIRE_HAZARD',
  },
  fed,
);

describe('fire-safety key units and crowded places', () => {
  const setFlag = `mutation($i: FireSetFlagInput!) { fireSetFlag(input: $i) { uscc keyUnit crowdedPlace } }`;

  it('designates a crowded-place key unit and lists it among crowded places', async () => {
    const [uscc] = await seededUsccs(fed(), 'fire');
    const planner = await token('fire', ['planner']);
    for (const flag of ['KEY_UNIT', 'CROWDED_PLACE']) {
      const res = await fed().query(
        setFlag,
        { i: { uscc, flag, value: true, since: '2025-03-01' } },
        { token: planner },
      );
      expect(res.errors).toBeUndefined();
    }
    const profile = await fed().query(
      `query($u: ID!) { enterprise(uscc: $u) { fire { keyUnit crowdedPlace } } }`,
      { u: uscc },
    );
    expect(profile.data.enterprise.fire).toEqual({ keyUnit: true, crowdedPlace: true });
    const crowded = await fed().query(
      `{ fireProfiles(first: 500, filter: { flag: CROWDED_PLACE }) { nodes { uscc crowdedPlace } } }`,
    );
    expect(crowded.errors).toBeUndefined();
    expect(crowded.data.fireProfiles.nodes).toContainEqual({ uscc, crowdedPlace: true });
    expect(
      crowded.data.fireProfiles.nodes.every((n: { crowdedPlace: boolean }) => n.crowdedPlace),
    ).toBe(true);
  });

  it('refuses a designation dated in the future (BAD_USER_INPUT) or made by an inspector (FORBIDDEN)', async () => {
    const [uscc] = await seededUsccs(fed(), 'fire');
    const future = await fed().query(
      setFlag,
      { i: { uscc, flag: 'KEY_UNIT', value: true, since: '2999-01-01' } },
      { token: await token('fire', ['planner']) },
    );
    expect(future.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const inspector = await fed().query(
      setFlag,
      { i: { uscc, flag: 'KEY_UNIT', value: true } },
      { token: await token('fire', ['inspector']) },
    );
    expect(inspector.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
