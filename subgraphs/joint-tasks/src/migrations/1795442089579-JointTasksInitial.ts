import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated from the entities by scripts/generate-migration.ts. */
export class JointTasksInitial1795442089579 implements MigrationInterface {
  name = 'JointTasksInitial1795442089579';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "joint_tasks"."annual_plan" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "year" integer NOT NULL, "kind" character varying(16) NOT NULL, "department_code" character varying(32) NOT NULL, "participating_departments" text array NOT NULL DEFAULT '{}', "title" character varying(200) NOT NULL, "registered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" character varying(128) NOT NULL, CONSTRAINT "PK_d39dd5f70470bf2a692f72ea12c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "annual_plan_year_idx" ON "joint_tasks"."annual_plan"  ("year", "department_code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "joint_tasks"."draw" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "task_id" uuid NOT NULL, "seed" character varying(128) NOT NULL, "algorithm_version" character varying(64) NOT NULL, "departments" text array NOT NULL, "start_point" double precision NOT NULL, "modes" jsonb NOT NULL, "frame_digest" character(64) NOT NULL, "result_digest" character(64) NOT NULL, "frame_size" integer NOT NULL, "expected_visits" double precision NOT NULL, "independent_visits" double precision NOT NULL, "separate_visits" double precision NOT NULL, "realised_visits" integer NOT NULL, "understaffed_teams" integer NOT NULL, "department_stats" jsonb NOT NULL, "notes" text array NOT NULL DEFAULT '{}', "duration_ms" integer NOT NULL, "drawn_by" character varying(128) NOT NULL, "drawn_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_93d305b8405e4b975c54d609dc8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "draw_task_uq" ON "joint_tasks"."draw"  ("task_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "joint_tasks"."draw_frame" ("draw_id" uuid NOT NULL, "uscc" character(18) NOT NULL, "p" double precision array NOT NULL, CONSTRAINT "PK_a5556669d05d9818c493f9a433f" PRIMARY KEY ("draw_id", "uscc"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "joint_tasks"."joint_task" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" character varying(200) NOT NULL, "lead_department_code" character varying(32) NOT NULL, "plan_id" uuid, "scope" jsonb NOT NULL DEFAULT '{}', "window_start" date NOT NULL, "window_end" date NOT NULL, "seed" character varying(128) NOT NULL, "start_point" double precision NOT NULL DEFAULT '0', "min_per_team" integer NOT NULL DEFAULT '2', "capacity_per_day" integer NOT NULL DEFAULT '3', "status" character varying(16) NOT NULL DEFAULT 'PLANNED', "created_by" character varying(128) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bf2d8002adb4e28ace1fedaeb68" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "joint_task_lead_idx" ON "joint_tasks"."joint_task"  ("lead_department_code", "window_start") `,
    );
    await queryRunner.query(
      `CREATE TABLE "joint_tasks"."task_department" ("task_id" uuid NOT NULL, "department_code" character varying(32) NOT NULL, "check_items" text array NOT NULL, "ratio" double precision, "sample_size" integer, "risk_weighted" boolean NOT NULL DEFAULT false, "pool_mode" character varying(16) NOT NULL DEFAULT 'WHOLE', "sub_pool" uuid array NOT NULL DEFAULT '{}', CONSTRAINT "PK_7981ee373291e8bd97d67a4d8fa" PRIMARY KEY ("task_id", "department_code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "joint_tasks"."visit" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "task_id" uuid NOT NULL, "draw_id" uuid NOT NULL, "uscc" character(18) NOT NULL, "departments" text array NOT NULL, "check_items" text array NOT NULL, "status" character varying(16) NOT NULL, CONSTRAINT "PK_c9919ef5a07627657c535d8eb88" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "visit_uscc_idx" ON "joint_tasks"."visit"  ("uscc") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "visit_task_uscc_uq" ON "joint_tasks"."visit"  ("task_id", "uscc") `,
    );
    await queryRunner.query(
      `CREATE TABLE "joint_tasks"."visit_team" ("visit_id" uuid NOT NULL, "department_code" character varying(32) NOT NULL, "status" character varying(16) NOT NULL, "inspector_ids" uuid array NOT NULL, "reason" character varying(1000), "uncovered_expertise" text array NOT NULL DEFAULT '{}', CONSTRAINT "PK_22a829a84e8a21c3d4c6b9b086c" PRIMARY KEY ("visit_id", "department_code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "joint_tasks"."team_change" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "visit_id" uuid NOT NULL, "department_code" character varying(32) NOT NULL, "sequence" integer NOT NULL, "replaced_inspector_id" uuid NOT NULL, "added_inspector_ids" uuid array NOT NULL, "reason" character varying(500) NOT NULL, "changed_by" character varying(128) NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f31a6626393d891be102c430345" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "team_change_visit_idx" ON "joint_tasks"."team_change"  ("visit_id", "department_code") `,
    );
    // Hand-added: "visits by inspector" looks inside the member array, which needs GIN.
    await queryRunner.query(
      `CREATE INDEX "visit_team_inspectors_gin" ON "joint_tasks"."visit_team" USING gin ("inspector_ids")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "joint_tasks"."visit_team_inspectors_gin"`);
    await queryRunner.query(`DROP INDEX "joint_tasks"."team_change_visit_idx"`);
    await queryRunner.query(`DROP TABLE "joint_tasks"."team_change"`);
    await queryRunner.query(`DROP TABLE "joint_tasks"."visit_team"`);
    await queryRunner.query(`DROP INDEX "joint_tasks"."visit_task_uscc_uq"`);
    await queryRunner.query(`DROP INDEX "joint_tasks"."visit_uscc_idx"`);
    await queryRunner.query(`DROP TABLE "joint_tasks"."visit"`);
    await queryRunner.query(`DROP TABLE "joint_tasks"."task_department"`);
    await queryRunner.query(`DROP INDEX "joint_tasks"."joint_task_lead_idx"`);
    await queryRunner.query(`DROP TABLE "joint_tasks"."joint_task"`);
    await queryRunner.query(`DROP TABLE "joint_tasks"."draw_frame"`);
    await queryRunner.query(`DROP INDEX "joint_tasks"."draw_task_uq"`);
    await queryRunner.query(`DROP TABLE "joint_tasks"."draw"`);
    await queryRunner.query(`DROP INDEX "joint_tasks"."annual_plan_year_idx"`);
    await queryRunner.query(`DROP TABLE "joint_tasks"."annual_plan"`);
  }
}
