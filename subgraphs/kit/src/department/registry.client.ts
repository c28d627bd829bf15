import { serviceUrl } from '../service-urls';
import DataLoader from 'dataloader';
import { NotFoundError } from '../errors';
import { callSubgraph, type CallOrigin } from '../service-client';
import type { RiskClassCode } from './department.config';

/**
 * The department subgraphs' one service-to-service dependency: the registry's public GraphQL API,
 * called directly (not through the gateway) with the caller's Authorization header and request id,
 * so the registry applies its own rules to the same caller. Two operations: a batched enterprise
 * lookup (does this USCC exist?) and `tagEnterprise` (this department's risk class). The URL is
 * `serviceUrl('registry')`, i.e. SUBGRAPH_REGISTRY_URL or the registry's default port.
 */

/** What a department needs to know about an enterprise from the registry. */
export interface RegistryEnterprise {
  uscc: string;
  name: string;
  status: string;
}

/** The registry's supervision tag as it stands after `tagEnterprise`. */
export interface RegistryTag {
  uscc: string;
  departmentCode: string;
  riskClass: RiskClassCode;
  basis: string;
}

/** Codes per lookup request: one aliased `enterprise` field each, resolved by one SQL statement in the registry. */
const LOOKUP_BATCH = 200;

const TAG_MUTATION = `mutation DepartmentTagEnterprise($uscc: ID!, $department: ID!, $riskClass: RiskClass!, $basis: String!) {
  tagEnterprise(uscc: $uscc, department: $department, riskClass: $riskClass, basis: $basis) { uscc departmentCode riskClass basis }
}`;

/** How long a registry call may take; a rating change holds its local transaction open meanwhile. */
const REGISTRY_TIMEOUT_MS = 10_000;

/**
 * Looks up many USCCs in one request: `e0: enterprise(uscc: $u0) { … } e1: …`. The registry's own
 * per-request loader turns the aliases into one `WHERE uscc = ANY(...)`. Results are in key order,
 * null for a code the registry does not know.
 */
async function lookupEnterprises(
  usccs: readonly string[],
  origin: CallOrigin,
): Promise<(RegistryEnterprise | null)[]> {
  if (usccs.length === 0) return [];
  const params = usccs.map((_, i) => `$u${i}: ID!`).join(', ');
  const fields = usccs
    .map((_, i) => `e${i}: enterprise(uscc: $u${i}) { uscc name status }`)
    .join('\n  ');
  const data = await callSubgraph<Record<string, RegistryEnterprise | null>>(
    serviceUrl('registry'),
    'registry',
    `query DepartmentEnterpriseLookup(${params}) {\n  ${fields}\n}`,
    Object.fromEntries(usccs.map((u, i) => [`u${i}`, u])),
    origin,
    REGISTRY_TIMEOUT_MS,
  );
  return usccs.map((_, i) => data[`e${i}`] ?? null);
}

/**
 * Sets this department's tag and risk class on an enterprise in the registry. Idempotent: the
 * registry upserts (uscc, department), so the same call twice leaves one tag. Errors come back with
 * the registry's `extensions.code` (FORBIDDEN, NOT_FOUND, …) or DOWNSTREAM_SERVICE_ERROR.
 */
export async function tagEnterprise(tag: RegistryTag, origin: CallOrigin): Promise<RegistryTag> {
  const data = await callSubgraph<{ tagEnterprise: RegistryTag }>(
    serviceUrl('registry'),
    'registry',
    TAG_MUTATION,
    { uscc: tag.uscc, department: tag.departmentCode, riskClass: tag.riskClass, basis: tag.basis },
    origin,
    REGISTRY_TIMEOUT_MS,
  );
  return data.tagEnterprise;
}

/**
 * Per-request enterprise lookups, batched: every `require` in one tick becomes one registry request.
 * Created with the request's loaders; the origin (token, request id) is bound at first use.
 */
export class RegistryLookup {
  private loader?: DataLoader<string, RegistryEnterprise | null>;

  /** The registry's record of `uscc`, or null when it has none. */
  find(uscc: string, origin: CallOrigin): Promise<RegistryEnterprise | null> {
    this.loader ??= new DataLoader((keys) => lookupEnterprises(keys, origin), {
      maxBatchSize: LOOKUP_BATCH,
    });
    return this.loader.load(uscc);
  }

  /** The registry's record of `uscc`; NOT_FOUND when the registry has no such enterprise. */
  async require(uscc: string, origin: CallOrigin): Promise<RegistryEnterprise> {
    const found = await this.find(uscc, origin);
    if (!found)
      throw new NotFoundError(`No enterprise ${uscc} in the registry: register it there first`, {
        uscc,
      });
    return found;
  }
}
