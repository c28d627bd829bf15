import { IsOptional, Length, Matches } from 'class-validator';
import {
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Connection, PageArgs, type SubgraphContext } from '@jih/kit';
import { AuditAction, AuditEntry, CheckResult, Department } from '../entities';
import type { JointTaskLoaders } from '../loaders/joint-tasks.loader';
import { auditTrailPage } from '../services/audit.service';
import { requireUuid } from './joint-task.resolver';
import { DEPARTMENT_CODE } from './result.types';

type Ctx = SubgraphContext<JointTaskLoaders>;

@ObjectType({ description: 'One field of a change, its values before and after as JSON.' })
export class AuditChange {
  @Field({ description: 'The field, e.g. `findings` or `status`.' }) field: string;
  @Field(() => String, {
    nullable: true,
    description: 'JSON of the value before; null when there was none.',
  })
  before: string | null;
  @Field(() => String, { nullable: true, description: 'JSON of the value after.' }) after:
    string | null;
}

@ObjectType('AuditEntryConnection', { description: 'A page of audit entries.' })
class AuditEntryConnection extends Connection(AuditEntry) {}

@ArgsType()
class AuditTrailArgs extends PageArgs {
  @Field(() => ID, {
    nullable: true,
    description: 'Only the chain of this result version (all its versions).',
  })
  resultId?: string;
  @Field(() => ID, { nullable: true, description: 'Only results of this visit.' }) visitId?: string;
  @Field(() => ID, { nullable: true, description: 'Only chains of this department.' })
  @IsOptional()
  @Matches(DEPARTMENT_CODE)
  department?: string;
  @Field(() => ID, {
    nullable: true,
    description: 'Only changes by this actor (token subject, up to 128 characters).',
  })
  @IsOptional()
  @Length(1, 128)
  actor?: string;
  @Field(() => AuditAction, { nullable: true, description: 'Only this action.' })
  action?: AuditAction;
}

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Authorized()
  @Query(() => AuditEntryConnection, {
    description:
      'The audit trail of results (who, when, what), oldest first; signed-in government callers.',
  })
  async auditTrail(@Args() args: AuditTrailArgs, @Ctx() ctx: Ctx): Promise<AuditEntryConnection> {
    const filter = {
      resultId: args.resultId ? requireUuid(args.resultId, 'check result') : null,
      visitId: args.visitId ? requireUuid(args.visitId, 'visit') : null,
      department: args.department,
      actor: args.actor,
      action: args.action,
    };
    return Object.assign(new AuditEntryConnection(), await auditTrailPage(ctx.db, filter, args));
  }

  @FieldResolver(() => CheckResult, { description: 'The result version concerned.' })
  result(@Root() a: AuditEntry, @Ctx() ctx: Ctx) {
    return ctx.loaders.result.load(a.resultId);
  }

  @FieldResolver(() => Department, { description: 'Department of the result chain.' })
  department(@Root() a: AuditEntry): Department {
    return { code: a.departmentCode };
  }

  @FieldResolver(() => [AuditChange], { description: 'What changed, field by field.' })
  changes(@Root() a: AuditEntry): AuditChange[] {
    return a.changes.map((c) => ({
      field: c.field,
      before: c.before == null ? null : JSON.stringify(c.before),
      after: c.after == null ? null : JSON.stringify(c.after),
    }));
  }
}
