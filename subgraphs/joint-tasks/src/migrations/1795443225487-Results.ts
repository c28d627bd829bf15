import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated from the entities by scripts/generate-migration.ts. */
export class Results1795443225487 implements MigrationInterface {
  name = 'Results1795443225487';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "joint_tasks"."result_audit" ("id" BIGSERIAL NOT NULL, "visit_id" uuid NOT NULL, "department_code" character varying(32) NOT NULL, "result_id" uuid NOT NULL, "version" integer NOT NULL, "referral_id" uuid, "action" character varying(32) NOT NULL, "actor" character varying(128) NOT NULL, "actor_department" character varying(32) NOT NULL, "actor_roles" text array NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), "reason" character varying(1000), "changes" jsonb NOT NULL DEFAULT '[]', CONSTRAINT "PK_709f8d2064a84c07b6e7150904d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "result_audit_actor_idx" ON "joint_tasks"."result_audit"  ("actor", "at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "result_audit_chain_idx" ON "joint_tasks"."result_audit"  ("visit_id", "department_code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "joint_tasks"."referral" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "result_id" uuid NOT NULL, "visit_id" uuid NOT NULL, "uscc" character(18) NOT NULL, "from_department" character varying(32) NOT NULL, "to_department" character varying(32) NOT NULL, "matter" character varying(2000) NOT NULL, "suspected_crime" boolean NOT NULL DEFAULT false, "status" character varying(16) NOT NULL, "referred_by" character varying(128) NOT NULL, "referred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_by" character varying(128), "decided_at" TIMESTAMP WITH TIME ZONE, "decline_reason" character varying(500), CONSTRAINT "PK_a2d3e935a6591168066defec5ad" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "referral_visit_idx" ON "joint_tasks"."referral"  ("visit_id", "from_department") `,
    );
    await queryRunner.query(
      `CREATE INDEX "referral_to_idx" ON "joint_tasks"."referral"  ("to_department", "status") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "referral_result_to_uq" ON "joint_tasks"."referral"  ("result_id", "to_department") `,
    );
    await queryRunner.query(
      `CREATE TABLE "joint_tasks"."follow_up_link" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "visit_id" uuid NOT NULL, "result_department" character varying(32) NOT NULL, "result_id" uuid NOT NULL, "referral_id" uuid, "department" character varying(32) NOT NULL, "kind" character varying(24) NOT NULL, "ref_id" character varying(128) NOT NULL, "linked_by" character varying(128) NOT NULL, "linked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ab6a2e51a00d48e61fee5bbb31b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "follow_up_link_referral_idx" ON "joint_tasks"."follow_up_link"  ("referral_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "follow_up_link_uq" ON "joint_tasks"."follow_up_link"  ("visit_id", "result_department", "department", "kind", "ref_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "joint_tasks"."check_result" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "visit_id" uuid NOT NULL, "task_id" uuid NOT NULL, "uscc" character(18) NOT NULL, "department_code" character varying(32) NOT NULL, "version" integer NOT NULL, "previous_id" uuid, "superseded_at" TIMESTAMP WITH TIME ZONE, "correction_reason" character varying(1000), "status" character varying(16) NOT NULL, "category" character varying(32) NOT NULL, "check_items" text array NOT NULL, "findings" character varying(4000) NOT NULL DEFAULT '', "check_date" date NOT NULL, "due_date" date, "inspector_ids" uuid array NOT NULL, "representative_name" character varying(50) NOT NULL, "signed" boolean NOT NULL, "refusal_reason" character varying(500), "witness" character varying(100), "evidence" text array NOT NULL DEFAULT '{}', "idempotency_key" character varying(128) NOT NULL, "request_hash" character(64) NOT NULL, "recorded_by" character varying(128) NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "reviewed_by" character varying(128), "reviewed_at" TIMESTAMP WITH TIME ZONE, "published_by" character varying(128), "published_at" TIMESTAMP WITH TIME ZONE, "closed_by" character varying(128), "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_15b8e86b94d18989428912dede5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "check_result_uscc_idx" ON "joint_tasks"."check_result"  ("uscc") `,
    );
    await queryRunner.query(
      `CREATE INDEX "check_result_task_idx" ON "joint_tasks"."check_result"  ("task_id", "department_code") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "check_result_idempotency_uq" ON "joint_tasks"."check_result"  ("recorded_by", "idempotency_key") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "check_result_version_uq" ON "joint_tasks"."check_result"  ("visit_id", "department_code", "version") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "check_result_current_uq" ON "joint_tasks"."check_result"  ("visit_id", "department_code") WHERE "superseded_at" IS NULL`,
    );
    // Hand-added: the audit trail is append-only, and a published version is never edited in
    // place (only its supersession and closing are recorded on it), whatever code runs against it.
    await queryRunner.query(`CREATE FUNCTION "joint_tasks"."result_audit_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'result_audit is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation'; END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "result_audit_append_only" BEFORE UPDATE OR DELETE ON "joint_tasks"."result_audit" FOR EACH ROW EXECUTE FUNCTION "joint_tasks"."result_audit_append_only"()`,
    );
    await queryRunner.query(`CREATE FUNCTION "joint_tasks"."check_result_published_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          IF OLD.published_at IS NOT NULL THEN RAISE EXCEPTION 'published result % cannot be deleted', OLD.id USING ERRCODE = 'restrict_violation'; END IF;
          RETURN OLD;
        END IF;
        IF OLD.published_at IS NOT NULL AND (
             (OLD.id, OLD.visit_id, OLD.task_id, OLD.uscc, OLD.department_code, OLD.version, OLD.previous_id, OLD.correction_reason, OLD.category,
              OLD.check_items, OLD.findings, OLD.check_date, OLD.due_date, OLD.inspector_ids, OLD.representative_name, OLD.signed, OLD.refusal_reason,
              OLD.witness, OLD.evidence, OLD.recorded_by, OLD.recorded_at, OLD.reviewed_by, OLD.reviewed_at, OLD.published_by, OLD.published_at)
             IS DISTINCT FROM
             (NEW.id, NEW.visit_id, NEW.task_id, NEW.uscc, NEW.department_code, NEW.version, NEW.previous_id, NEW.correction_reason, NEW.category,
              NEW.check_items, NEW.findings, NEW.check_date, NEW.due_date, NEW.inspector_ids, NEW.representative_name, NEW.signed, NEW.refusal_reason,
              NEW.witness, NEW.evidence, NEW.recorded_by, NEW.recorded_at, NEW.reviewed_by, NEW.reviewed_at, NEW.published_by, NEW.published_at)
             OR NEW.status NOT IN ('PUBLISHED', 'CLOSED')) THEN
          RAISE EXCEPTION 'published result % is never edited in place: record a correction (a new version)', OLD.id USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "check_result_published_immutable" BEFORE UPDATE OR DELETE ON "joint_tasks"."check_result" FOR EACH ROW EXECUTE FUNCTION "joint_tasks"."check_result_published_immutable"()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP TRIGGER "check_result_published_immutable" ON "joint_tasks"."check_result"`,
    );
    await queryRunner.query(`DROP FUNCTION "joint_tasks"."check_result_published_immutable"()`);
    await queryRunner.query(
      `DROP TRIGGER "result_audit_append_only" ON "joint_tasks"."result_audit"`,
    );
    await queryRunner.query(`DROP FUNCTION "joint_tasks"."result_audit_append_only"()`);
    await queryRunner.query(`DROP INDEX "joint_tasks"."check_result_current_uq"`);
    await queryRunner.query(`DROP INDEX "joint_tasks"."check_result_version_uq"`);
    await queryRunner.query(`DROP INDEX "joint_tasks"."check_result_idempotency_uq"`);
    await queryRunner.query(`DROP INDEX "joint_tasks"."check_result_task_idx"`);
    await queryRunner.query(`DROP INDEX "joint_tasks"."check_result_uscc_idx"`);
    await queryRunner.query(`DROP TABLE "joint_tasks"."check_result"`);
    await queryRunner.query(`DROP INDEX "joint_tasks"."follow_up_link_uq"`);
    await queryRunner.query(`DROP INDEX "joint_tasks"."follow_up_link_referral_idx"`);
    await queryRunner.query(`DROP TABLE "joint_tasks"."follow_up_link"`);
    await queryRunner.query(`DROP INDEX "joint_tasks"."referral_result_to_uq"`);
    await queryRunner.query(`DROP INDEX "joint_tasks"."referral_to_idx"`);
    await queryRunner.query(`DROP INDEX "joint_tasks"."referral_visit_idx"`);
    await queryRunner.query(`DROP TABLE "joint_tasks"."referral"`);
    await queryRunner.query(`DROP INDEX "joint_tasks"."result_audit_chain_idx"`);
    await queryRunner.query(`DROP INDEX "joint_tasks"."result_audit_actor_idx"`);
    await queryRunner.query(`DROP TABLE "joint_tasks"."result_audit"`);
  }
}
