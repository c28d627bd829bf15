import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Generated from the entities by scripts/generate-migration.ts. */
export class MarketListings1795443595383 implements MigrationInterface {
  name = 'MarketListings1795443595383';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "market"."listing" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "uscc" character(18) NOT NULL, "kind" character varying(24) NOT NULL, "reason" character varying(500) NOT NULL, "decision_no" character varying(64) NOT NULL DEFAULT '', "listed_on" date NOT NULL, "removed_on" date, "removal_reason" character varying(500), "listed_by" character varying(128) NOT NULL, "removed_by" character varying(128), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_381d45ebb8692362c156d6b87d7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "listing_current_uq" ON "market"."listing"  ("uscc", "kind") WHERE "removed_on" IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "listing_uscc_idx" ON "market"."listing"  ("uscc") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "market"."listing_uscc_idx"`);
    await queryRunner.query(`DROP INDEX "market"."listing_current_uq"`);
    await queryRunner.query(`DROP TABLE "market"."listing"`);
  }
}
