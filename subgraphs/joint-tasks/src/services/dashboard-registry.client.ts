import { callSubgraph, type CallOrigin, serviceUrl } from '@jih/kit';

/** An enterprise's industry section as the registry resolves it; null fields when unknown. */
export interface EnterpriseIndustry {
  uscc: string;
  industry: { code: string; name: string; nameEn: string } | null;
}

/** Representations per call: the registry resolves each batch with one loader query. */
const BATCH = 5000;

/**
 * The industry of each enterprise, from the registry through its federation entry point
 * (`_entities`), the same one the gateway uses: one batched call per 5,000 USCCs, no registry
 * table read here. Enterprises the registry does not know come back with a null industry.
 */
export async function fetchIndustries(
  usccs: readonly string[],
  origin: CallOrigin,
): Promise<Map<string, EnterpriseIndustry['industry']>> {
  const out = new Map<string, EnterpriseIndustry['industry']>();
  for (let k = 0; k < usccs.length; k += BATCH) {
    const batch = usccs.slice(k, k + BATCH);
    const data = await callSubgraph<{ _entities: (EnterpriseIndustry | null)[] }>(
      serviceUrl('registry'),
      'registry',
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Enterprise { uscc industry { code name nameEn } } } }',
      { r: batch.map((uscc) => ({ __typename: 'Enterprise', uscc })) },
      origin,
    );
    batch.forEach((uscc, i) => out.set(uscc, data._entities[i]?.industry ?? null));
  }
  return out;
}
