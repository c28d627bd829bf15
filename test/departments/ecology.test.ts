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
    code: 'ecology',
    ratingField: 'environmentalCredit',
    ratingMutation: 'ecologySetEnvironmentalCredit',
    ratingInput: 'EcologySetEnvironmentalCreditInput',
    badLevel: 'PURPLE',
    mapping: { GREEN: 'A', BLUE: 'B', YELLOW: 'C', RED: 'D' },
    followUpField: 'followUps',
    openFollowUp: 'ecologyOpenFollowUp',
    openFollowUpInput: 'EcologyOpenFollowUpInput',
    closeFollowUp: 'ecologyCloseFollowUp',
    closeFollowUpInput: 'EcologyCloseFollowUpInput',
    kindWithDeadline: 'RECTIFICATION',
  },
  fed,
);

describe('pollutant discharge permits', () => {
  const issue = `mutation($i: EcologyIssueDischargePermitInput!) { ecologyIssueDischargePermit(input: $i) { number kind status } }`;

  it("issues a permit numbered from the holder's USCC and shows it on the profile", async () => {
    const [uscc] = await seededUsccs(fed(), 'ecology');
    const number = `${uscc}009P`;
    const res = await fed().query(
      issue,
      { i: { uscc, kind: 'KEY', number, issuedOn: chinaDay(-1), validUntil: chinaDay(364) } },
      { token: await token('ecology', ['supervisor']) },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.ecologyIssueDischargePermit).toEqual({ number, kind: 'KEY', status: 'ACTIVE' });
    const profile = await fed().query(
      `query($u: ID!) { enterprise(uscc: $u) { ecology { dischargePermits { number } } } }`,
      { u: uscc },
    );
    expect(profile.data.enterprise.ecology.dischargePermits).toContainEqual({ number });
  });

  it("refuses a number that is not the holder's, or a permit letter on a registration (BAD_USER_INPUT)", async () => {
    const [uscc, other] = await seededUsccs(fed(), 'ecology', true, 2);
    const supervisor = await token('ecology', ['supervisor']);
    const wrongHolder = await fed().query(
      issue,
      { i: { uscc, kind: 'KEY', number: `${other}001P`, issuedOn: chinaDay(-1) } },
      { token: supervisor },
    );
    expect(wrongHolder.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(wrongHolder.errors?.[0].message).toContain(uscc);
    const wrongLetter = await fed().query(
      issue,
      { i: { uscc, kind: 'REGISTRATION', number: `${uscc}002P`, issuedOn: chinaDay(-1) } },
      { token: supervisor },
    );
    expect(wrongLetter.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
