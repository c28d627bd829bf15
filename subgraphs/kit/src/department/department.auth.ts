import { requireDepartment, type Caller } from '../auth';
import type { CallOrigin } from '../service-client';
import type { DepartmentDefinition, DepartmentRoles } from './department.config';
import type { DepartmentContext } from './department.types';

/**
 * The department subgraphs' auth hook. Reads are public except follow-ups (signed-in callers, via
 * `@Authorized()`); every write is scoped to the department: only its callers with the roles the
 * declaration gives that kind of record (or admins) may write, anyone else gets FORBIDDEN.
 */
export function requireWriter(
  ctx: DepartmentContext,
  def: DepartmentDefinition,
  what: keyof DepartmentRoles,
): Caller {
  return requireDepartment(ctx.caller, def.code, def.roles[what]);
}

/** Who may write a kind of record, for SDL descriptions: `Planners or supervisors of tax, or admins.` */
export function whoMay(def: DepartmentDefinition, what: keyof DepartmentRoles): string {
  const roles = def.roles[what].map((r) => `${r}s`);
  const list = roles.length > 1 ? `${roles.slice(0, -1).join(', ')} or ${roles.at(-1)}` : roles[0];
  return `${list.charAt(0).toUpperCase()}${list.slice(1)} of ${def.code}, or admins.`;
}

/** Who a service-to-service call is made for: the caller's token and request id travel along. */
export function originOf(ctx: DepartmentContext): CallOrigin {
  return { authorization: ctx.authorization, requestId: ctx.requestId };
}
