import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated from the entities by scripts/generate-migration.ts. */
export class CommitReveal1796328531253 implements MigrationInterface {
  name = 'CommitReveal1796328531253';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "joint_tasks"."draw_commitment" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "task_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "lead_department_code" character varying(32) NOT NULL, "departments" text array NOT NULL, "status" character varying(16) NOT NULL, "algorithm_version" character varying(64) NOT NULL, "digest" character(64) NOT NULL, "parameters_digest" character(64) NOT NULL, "frame_digest" character(64) NOT NULL, "team_inputs_digest" character(64) NOT NULL, "frame_size" integer NOT NULL, "committed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "committed_by" character varying(128) NOT NULL, "witnesses" jsonb NOT NULL, "witness_reveals" jsonb NOT NULL DEFAULT '[]', "beacon" jsonb, "backfill_reason" character varying(1000), "parameters" jsonb NOT NULL, "team_inputs" jsonb NOT NULL, "inspector_pseudonyms" jsonb NOT NULL, "notes" text array NOT NULL DEFAULT '{}', "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancelled_by" character varying(128), "cancel_reason" character varying(1000), "draw_id" uuid, "drawn_at" TIMESTAMP WITH TIME ZONE, "seed" character(64), "entropy" jsonb, CONSTRAINT "PK_8a62df28da5d62eff76fa67222c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "draw_commitment_log_idx" ON "joint_tasks"."draw_commitment"  ("committed_at", "id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "draw_commitment_pending_uq" ON "joint_tasks"."draw_commitment"  ("task_id") WHERE status = 'PENDING'`,
    );
    await queryRunner.query(
      `CREATE TABLE "joint_tasks"."draw_commitment_frame" ("commitment_id" uuid NOT NULL, "data" bytea NOT NULL, CONSTRAINT "PK_7b3b3e77c5a36f8c38f341c38ab" PRIMARY KEY ("commitment_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "joint_tasks"."draw_bundle" ("draw_id" uuid NOT NULL, "gzip" bytea NOT NULL, CONSTRAINT "PK_bd1bc9714a5bc4ca6fd3fe4868a" PRIMARY KEY ("draw_id"))`,
    );
    await queryRunner.query(`ALTER TABLE "joint_tasks"."joint_task" DROP COLUMN "seed"`);
    await queryRunner.query(`ALTER TABLE "joint_tasks"."draw" ADD "commitment_id" uuid`);
    await queryRunner.query(`ALTER TABLE "joint_tasks"."draw" ADD "verification" jsonb`);
    // Hand-added: a commitment is public record. It is never deleted or truncated; what it committed
    // to never changes; while pending only witness reveals are added (never removed); it leaves
    // PENDING once, for DRAWN (with its draw, seed and entropy) or CANCELLED (with who and why), and
    // is never changed after. Frames and bundles are written once.
    await queryRunner.query(`CREATE FUNCTION "joint_tasks"."draw_commitment_frozen"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN RAISE EXCEPTION 'draw commitment % is public record and cannot be deleted', OLD.id USING ERRCODE = 'restrict_violation'; END IF;
        IF (OLD.id, OLD.task_id, OLD.title, OLD.lead_department_code, OLD.departments, OLD.digest, OLD.parameters_digest, OLD.frame_digest,
            OLD.team_inputs_digest, OLD.committed_at, OLD.committed_by, OLD.witnesses, OLD.beacon, OLD.backfill_reason, OLD.parameters,
            OLD.team_inputs, OLD.inspector_pseudonyms, OLD.notes, OLD.algorithm_version, OLD.frame_size)
           IS DISTINCT FROM
           (NEW.id, NEW.task_id, NEW.title, NEW.lead_department_code, NEW.departments, NEW.digest, NEW.parameters_digest, NEW.frame_digest,
            NEW.team_inputs_digest, NEW.committed_at, NEW.committed_by, NEW.witnesses, NEW.beacon, NEW.backfill_reason, NEW.parameters,
            NEW.team_inputs, NEW.inspector_pseudonyms, NEW.notes, NEW.algorithm_version, NEW.frame_size)
        THEN RAISE EXCEPTION 'draw commitment % is frozen', OLD.id USING ERRCODE = 'restrict_violation'; END IF;
        IF OLD.status <> 'PENDING' AND OLD IS DISTINCT FROM NEW THEN
          RAISE EXCEPTION 'draw commitment % is % already', OLD.id, OLD.status USING ERRCODE = 'restrict_violation';
        END IF;
        IF NOT (NEW.witness_reveals @> OLD.witness_reveals) THEN
          RAISE EXCEPTION 'witness reveals of draw commitment % are only ever added', OLD.id USING ERRCODE = 'restrict_violation';
        END IF;
        IF NEW.status = 'PENDING' AND (OLD.cancelled_at, OLD.cancelled_by, OLD.cancel_reason, OLD.draw_id, OLD.drawn_at, OLD.seed, OLD.entropy)
           IS DISTINCT FROM (NEW.cancelled_at, NEW.cancelled_by, NEW.cancel_reason, NEW.draw_id, NEW.drawn_at, NEW.seed, NEW.entropy) THEN
          RAISE EXCEPTION 'draw commitment % is pending: no draw, seed or cancellation may be written without its status', OLD.id USING ERRCODE = 'restrict_violation';
        END IF;
        IF NEW.status = 'DRAWN' AND OLD.status = 'PENDING' AND (NEW.draw_id IS NULL OR NEW.seed IS NULL OR NEW.entropy IS NULL OR NEW.cancelled_at IS NOT NULL) THEN
          RAISE EXCEPTION 'draw commitment % is drawn only with its draw, seed and entropy', OLD.id USING ERRCODE = 'restrict_violation';
        END IF;
        IF NEW.status = 'CANCELLED' AND OLD.status = 'PENDING' AND (NEW.cancelled_at IS NULL OR NEW.cancel_reason IS NULL OR NEW.seed IS NOT NULL OR NEW.draw_id IS NOT NULL) THEN
          RAISE EXCEPTION 'draw commitment % is cancelled only with who, when and why, and without a draw', OLD.id USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "draw_commitment_frozen" BEFORE UPDATE OR DELETE ON "joint_tasks"."draw_commitment" FOR EACH ROW EXECUTE FUNCTION "joint_tasks"."draw_commitment_frozen"()`,
    );
    await queryRunner.query(`CREATE FUNCTION "joint_tasks"."write_once"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% rows are written once: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation'; END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "draw_commitment_frame_write_once" BEFORE UPDATE OR DELETE ON "joint_tasks"."draw_commitment_frame" FOR EACH ROW EXECUTE FUNCTION "joint_tasks"."write_once"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "draw_bundle_write_once" BEFORE UPDATE OR DELETE ON "joint_tasks"."draw_bundle" FOR EACH ROW EXECUTE FUNCTION "joint_tasks"."write_once"()`,
    );
    for (const table of ['draw_commitment', 'draw_commitment_frame', 'draw_bundle']) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "joint_tasks"."${table}" FOR EACH STATEMENT EXECUTE FUNCTION "joint_tasks"."write_once"()`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['draw_commitment', 'draw_commitment_frame', 'draw_bundle']) {
      await queryRunner.query(`DROP TRIGGER "${table}_no_truncate" ON "joint_tasks"."${table}"`);
    }
    await queryRunner.query(`DROP TRIGGER "draw_bundle_write_once" ON "joint_tasks"."draw_bundle"`);
    await queryRunner.query(
      `DROP TRIGGER "draw_commitment_frame_write_once" ON "joint_tasks"."draw_commitment_frame"`,
    );
    await queryRunner.query(`DROP FUNCTION "joint_tasks"."write_once"()`);
    await queryRunner.query(
      `DROP TRIGGER "draw_commitment_frozen" ON "joint_tasks"."draw_commitment"`,
    );
    await queryRunner.query(`DROP FUNCTION "joint_tasks"."draw_commitment_frozen"()`);
    await queryRunner.query(`ALTER TABLE "joint_tasks"."draw" DROP COLUMN "verification"`);
    await queryRunner.query(`ALTER TABLE "joint_tasks"."draw" DROP COLUMN "commitment_id"`);
    await queryRunner.query(
      `ALTER TABLE "joint_tasks"."joint_task" ADD "seed" character varying(128) NOT NULL DEFAULT md5(random()::text)`,
    );
    await queryRunner.query(
      `ALTER TABLE "joint_tasks"."joint_task" ALTER COLUMN "seed" DROP DEFAULT`,
    );
    await queryRunner.query(`DROP TABLE "joint_tasks"."draw_bundle"`);
    await queryRunner.query(`DROP TABLE "joint_tasks"."draw_commitment_frame"`);
    await queryRunner.query(`DROP INDEX "joint_tasks"."draw_commitment_pending_uq"`);
    await queryRunner.query(`DROP INDEX "joint_tasks"."draw_commitment_log_idx"`);
    await queryRunner.query(`DROP TABLE "joint_tasks"."draw_commitment"`);
  }
}
