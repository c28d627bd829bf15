import type { EntityManager } from 'typeorm';
import type { DepartmentDefinition } from './department.config';
import { originOf } from './department.auth';
import type {
  DepartmentContext,
  DepartmentModel,
  RatingRow,
  RiskDecision,
} from './department.types';
import { tagEnterprise } from './registry.client';

/**
 * The one path from a department's own records to its credit-risk class in the registry:
 *
 *   decision = rule.adjust(mapping(latest rating), rule.facts)      (pure, from this department's tables)
 *   registry.tagEnterprise(uscc, department, decision.riskClass, decision.basis)
 *
 * It is idempotent: the decision is recomputed from the committed state every time, and the
 * registry upserts the tag, so running it twice (or after a failure) converges on the same tag.
 */

/** The class a rating maps to under the department's declared mapping, with the basis the registry records. */
function ratingDecision(
  def: DepartmentDefinition,
  rating: Pick<RatingRow, 'year' | 'level'> | null | undefined,
): RiskDecision | null {
  if (!rating) return null;
  const level = def.rating.levels[rating.level];
  if (!level) return null;
  return {
    riskClass: level.risk,
    basis: `${rating.year}年度${def.rating.labelZh}：${level.labelZh}（${def.code} ${rating.level}）`,
  };
}

/** The department's decision for an enterprise from its latest rating and its own rule. */
export function decide(
  model: DepartmentModel,
  latest: RatingRow | null | undefined,
  facts: unknown,
): RiskDecision | null {
  const fromRating = ratingDecision(model.def, latest);
  return model.risk ? model.risk.adjust(fromRating, facts) : fromRating;
}

/** The decision as it stands inside a transaction (what is about to be committed). */
async function decideInTransaction(
  model: DepartmentModel,
  tx: EntityManager,
  uscc: string,
): Promise<RiskDecision | null> {
  const latest = await tx.findOne(model.Rating, { where: { uscc }, order: { year: 'DESC' } });
  const facts = model.risk ? (await model.risk.facts(tx, [uscc])).get(uscc) : undefined;
  return decide(model, latest, facts);
}

/**
 * Runs a change to risk-relevant records and sends the resulting class to the registry, inside one
 * local transaction that commits only after the registry accepted the tag: a registry failure
 * (refusal, timeout, unreachable) rolls the local change back, so nothing is half-written here.
 *
 * Changes to one enterprise in this department are serialised by an advisory lock, so the registry
 * receives the decisions in commit order.
 *
 * The remaining window: the registry commits, then this transaction fails to commit (connection
 * lost, process killed between the two), or the registry's answer is lost to a timeout after it
 * committed. The registry then holds a class derived from a change that did not happen here. The
 * path being idempotent, `<code>ResyncRiskClass(uscc)` (or the next change) repairs it.
 */
export async function changeWithRiskSync<T>(
  ctx: DepartmentContext,
  model: DepartmentModel,
  uscc: string,
  change: (tx: EntityManager) => Promise<T>,
): Promise<{ result: T; decision: RiskDecision | null }> {
  return ctx.db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${model.def.code}:${uscc}`]);
    const result = await change(tx);
    const decision = await decideInTransaction(model, tx, uscc);
    // No rating and no rule saying otherwise: the registry's tag is left as it is.
    if (decision) {
      await tagEnterprise(
        {
          uscc,
          departmentCode: model.def.code,
          riskClass: decision.riskClass,
          basis: decision.basis.slice(0, 200),
        },
        originOf(ctx),
      );
    }
    return { result, decision };
  });
}
