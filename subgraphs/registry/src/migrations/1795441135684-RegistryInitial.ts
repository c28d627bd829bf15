import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated from the entities by scripts/generate-migration.ts. */
export class RegistryInitial1795441135684 implements MigrationInterface {
  name = 'RegistryInitial1795441135684';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "registry"."check_item" ("code" character varying(40) NOT NULL, "department_code" character varying(32) NOT NULL, "name" character varying(300) NOT NULL, "name_en" character varying(300) NOT NULL, "legal_basis" character varying(1000) NOT NULL, "object_type" character varying(100) NOT NULL, "method" character varying(16) NOT NULL, "category" character varying(8) NOT NULL, "expertise" character varying(64) NOT NULL, CONSTRAINT "PK_f186b9233633d592c4e2a53857b" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "check_item_department_idx" ON "registry"."check_item"  ("department_code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "registry"."department" ("code" character varying(32) NOT NULL, "name" character varying(200) NOT NULL, "name_zh" character varying(100) NOT NULL, "sort_order" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_62690f4fe31da9eb824d909285f" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "registry"."enterprise" ("uscc" character(18) NOT NULL, "name" character varying(200) NOT NULL, "address" character varying(300) NOT NULL, "division_code" character(6) NOT NULL, "industry_code" character varying(4) NOT NULL, "enterprise_type" character varying(50) NOT NULL, "status" character varying(16) NOT NULL, "registered_on" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c8f2c226bf7ff9f7da15710c1ee" PRIMARY KEY ("uscc"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "enterprise_industry_idx" ON "registry"."enterprise"  ("industry_code") `,
    );
    await queryRunner.query(
      `CREATE INDEX "enterprise_division_idx" ON "registry"."enterprise"  ("division_code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "registry"."inspector" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "department_code" character varying(32) NOT NULL, "name" character varying(50) NOT NULL, "certificate_no" character varying(40) NOT NULL, "sex" character varying(8) NOT NULL, "post" character varying(50) NOT NULL, "expertise" text array NOT NULL DEFAULT '{}', "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_089010107f03ba3889d9162b735" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "inspector_certificate_uq" ON "registry"."inspector"  ("certificate_no") `,
    );
    await queryRunner.query(
      `CREATE INDEX "inspector_department_idx" ON "registry"."inspector"  ("department_code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "registry"."list_entry" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" character varying(24) NOT NULL, "uscc" character(18) NOT NULL, "department_code" character varying(32) NOT NULL, "reason" character varying(500) NOT NULL, "listed_on" date NOT NULL, "removed_on" date, "removal_reason" character varying(500), CONSTRAINT "PK_686dbfd797d36638dd9d805cf38" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "list_entry_uscc_idx" ON "registry"."list_entry"  ("uscc") `,
    );
    await queryRunner.query(
      `CREATE TABLE "registry"."recusal" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "inspector_id" uuid NOT NULL, "uscc" character(18) NOT NULL, "reason" character varying(500) NOT NULL, "declared_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_17512f8ba3c5a4ca1c12264cd86" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "recusal_uscc_idx" ON "registry"."recusal"  ("uscc") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "recusal_pair_uq" ON "registry"."recusal"  ("inspector_id", "uscc") `,
    );
    await queryRunner.query(
      `CREATE TABLE "registry"."division" ("code" character(6) NOT NULL, "name" character varying(100) NOT NULL, "name_en" character varying(200) NOT NULL, CONSTRAINT "PK_1870649c4e2c6970186e055f3d2" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "registry"."industry" ("code" character varying(4) NOT NULL, "name" character varying(100) NOT NULL, "name_en" character varying(200) NOT NULL, CONSTRAINT "PK_d76e293720ae8ab8fe7afffdc98" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "registry"."sampling_policy" ("department_code" character varying(32) NOT NULL, "ratio_a" double precision NOT NULL, "ratio_b" double precision NOT NULL, "ratio_c" double precision NOT NULL, "ratio_d" double precision NOT NULL, "general_ratio_cap" double precision NOT NULL, "min_interval_days" integer NOT NULL DEFAULT '0', "yearly_cap" integer, "exclusion_years" integer NOT NULL DEFAULT '0', "exclude_listed" boolean NOT NULL DEFAULT false, "rotation_days" integer NOT NULL DEFAULT '0', "source" character varying(500) NOT NULL DEFAULT '', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d88b1d31d10d66903c05414996a" PRIMARY KEY ("department_code"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "registry"."supervision_tag" ("uscc" character(18) NOT NULL, "department_code" character varying(32) NOT NULL, "risk_class" character(1) NOT NULL, "basis" character varying(200) NOT NULL DEFAULT '', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_daac112e24e84a6d22940ca13d3" PRIMARY KEY ("uscc", "department_code"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "supervision_tag_department_idx" ON "registry"."supervision_tag"  ("department_code", "risk_class") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "registry"."supervision_tag_department_idx"`);
    await queryRunner.query(`DROP TABLE "registry"."supervision_tag"`);
    await queryRunner.query(`DROP TABLE "registry"."sampling_policy"`);
    await queryRunner.query(`DROP TABLE "registry"."industry"`);
    await queryRunner.query(`DROP TABLE "registry"."division"`);
    await queryRunner.query(`DROP INDEX "registry"."recusal_pair_uq"`);
    await queryRunner.query(`DROP INDEX "registry"."recusal_uscc_idx"`);
    await queryRunner.query(`DROP TABLE "registry"."recusal"`);
    await queryRunner.query(`DROP INDEX "registry"."list_entry_uscc_idx"`);
    await queryRunner.query(`DROP TABLE "registry"."list_entry"`);
    await queryRunner.query(`DROP INDEX "registry"."inspector_department_idx"`);
    await queryRunner.query(`DROP INDEX "registry"."inspector_certificate_uq"`);
    await queryRunner.query(`DROP TABLE "registry"."inspector"`);
    await queryRunner.query(`DROP INDEX "registry"."enterprise_division_idx"`);
    await queryRunner.query(`DROP INDEX "registry"."enterprise_industry_idx"`);
    await queryRunner.query(`DROP TABLE "registry"."enterprise"`);
    await queryRunner.query(`DROP TABLE "registry"."department"`);
    await queryRunner.query(`DROP INDEX "registry"."check_item_department_idx"`);
    await queryRunner.query(`DROP TABLE "registry"."check_item"`);
  }
}
