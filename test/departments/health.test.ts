import { sql } from '../support/database';
import { token } from '../support/federation';
import {
  chinaDay,
  describeDepartmentContract,
  seededUsccs,
  unknownUscc,
  useFederation,
} from './department.contract';

const fed = useFederation();

describeDepartmentContract(
  {
    code: 'health',
    ratingField: 'hygieneGrade',
    ratingMutation: 'healthSetHygieneGrade',
    ratingInput: 'HealthSetHygieneGradeInput',
    badLevel: 'D',
    // Three grades only: the worst is elevated risk (C); D comes from other records, never from hygiene.
    mapping: { A: 'A', B: 'B', C: 'C' },
    followUpField: 'followUps',
    openFollowUp: 'healthOpenFollowUp',
    openFollowUpInput: 'HealthOpenFollowUpInput',
    closeFollowUp: 'healthCloseFollowUp',
    closeFollowUpInput: 'HealthCloseFollowUpInput',
    kindWithDeadline: 'SUPERVISION_OPINION',
  },
  fed,
);

describe('licences of medical institutions and public venues', () => {
  const issue = `mutation($i: HealthIssueLicenceInput!) { healthIssueLicence(input: $i) { id kind number status validUntil enterprise { uscc } } }`;
  const revoke = `mutation($i: HealthRevokeLicenceInput!) { healthRevokeLicence(input: $i) { status revokedOn revocationReason } }`;

  it('issues a public-venue licence, shows it on the profile, revokes it once', async () => {
    const [uscc] = await seededUsccs(fed(), 'health');
    const planner = await token('health', ['planner']);
    const number = `蒙卫公证字〔${chinaDay().slice(0, 4)}〕第150821999001号`;
    const res = await fed().query(
      issue,
      {
        i: {
          uscc,
          kind: 'PUBLIC_VENUE',
          number,
          issuedOn: chinaDay(-10),
          validUntil: chinaDay(365),
          scope: '住宿',
        },
      },
      { token: planner },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.healthIssueLicence).toMatchObject({
      kind: 'PUBLIC_VENUE',
      number,
      status: 'ACTIVE',
      enterprise: { uscc },
    });
    const profile = await fed().query(
      `query($u: ID!) { enterprise(uscc: $u) { health { licences { number status } } } }`,
      { u: uscc },
    );
    expect(profile.data.enterprise.health.licences).toContainEqual({ number, status: 'ACTIVE' });
    const duplicate = await fed().query(
      issue,
      { i: { uscc, kind: 'PUBLIC_VENUE', number, issuedOn: chinaDay(-10) } },
      { token: planner },
    );
    expect(duplicate.errors?.[0].extensions?.code).toBe('CONFLICT');
    const revoked = await fed().query(
      revoke,
      { i: { id: res.data.healthIssueLicence.id, reason: '经营场所变更' } },
      { token: planner },
    );
    expect(revoked.data.healthRevokeLicence).toMatchObject({
      status: 'REVOKED',
      revokedOn: chinaDay(),
    });
    expect(
      (
        await fed().query(
          revoke,
          { i: { id: res.data.healthIssueLicence.id, reason: '再次吊销' } },
          { token: planner },
        )
      ).errors?.[0].extensions?.code,
    ).toBe('CONFLICT');
  });

  it('refuses a malformed number, a validity beyond 4 years, a future issue day (BAD_USER_INPUT) and an unknown holder (NOT_FOUND)', async () => {
    const [uscc] = await seededUsccs(fed(), 'health');
    const planner = await token('health', ['planner']);
    const base = {
      uscc,
      kind: 'PUBLIC_VENUE',
      number: '蒙卫公证字〔2026〕第150821999002号',
      issuedOn: '2026-01-05',
    };
    for (const bad of [
      { number: 'ABC12345' },
      { validUntil: '2030-01-06' },
      { issuedOn: chinaDay(3) },
      { kind: 'MEDICAL_INSTITUTION', number: '蒙卫公证字〔2026〕第1号' },
    ]) {
      const res = await fed().query(issue, { i: { ...base, ...bad } }, { token: planner });
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    const unknown = await fed().query(
      issue,
      { i: { ...base, uscc: await unknownUscc(fed()) } },
      { token: planner },
    );
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(
      await sql(fed().databaseUrl, 'SELECT 1 FROM health.licence WHERE number = $1', [base.number]),
    ).toHaveLength(0);
  });

  it('lists licences due for renewal, public', async () => {
    const res = await fed().query(
      `query($d: String) { healthLicences(first: 50, filter: { expiringBefore: $d }) { nodes { validUntil status } } }`,
      { d: chinaDay(180) },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.healthLicences.nodes.length).toBeGreaterThan(0);
    for (const n of res.data.healthLicences.nodes) expect(n.validUntil < chinaDay(180)).toBe(true);
  });
});
