import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Generated from the entities by scripts/generate-migration.ts, plus (by hand) the triggers that
 * keep enterprise.risk_profile and enterprise.listed in step with supervision_tag and
 * list_entry, and a backfill of existing rows.
 */
export class RegistryRiskProfile1795442934555 implements MigrationInterface {
  name = 'RegistryRiskProfile1795442934555';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "registry"."enterprise" ADD "risk_profile" character varying(64) NOT NULL DEFAULT ''`,
    );
    await queryRunner.query(
      `ALTER TABLE "registry"."enterprise" ADD "listed" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "department_sort_order_uq" ON "registry"."department"  ("sort_order") `,
    );
    await queryRunner.query(`
      CREATE FUNCTION registry.risk_profile_of(p_uscc char(18)) RETURNS varchar LANGUAGE sql STABLE AS $$
        SELECT coalesce(string_agg(coalesce(t.risk_class, '-'), '' ORDER BY s.k), '')
          FROM generate_series(1, (SELECT coalesce(max(sort_order), 0) FROM registry.department)) AS s(k)
          LEFT JOIN registry.department d ON d.sort_order = s.k
          LEFT JOIN registry.supervision_tag t ON t.department_code = d.code AND t.uscc = p_uscc
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION registry.supervision_tag_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN
          UPDATE registry.enterprise SET risk_profile = registry.risk_profile_of(OLD.uscc) WHERE uscc = OLD.uscc;
        END IF;
        IF TG_OP <> 'DELETE' THEN
          UPDATE registry.enterprise SET risk_profile = registry.risk_profile_of(NEW.uscc) WHERE uscc = NEW.uscc;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER supervision_tag_profile AFTER INSERT OR UPDATE OR DELETE ON registry.supervision_tag FOR EACH ROW EXECUTE FUNCTION registry.supervision_tag_changed()`,
    );
    await queryRunner.query(`
      CREATE FUNCTION registry.list_entry_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE code char(18) := coalesce(NEW.uscc, OLD.uscc);
      BEGIN
        UPDATE registry.enterprise SET listed = EXISTS (SELECT 1 FROM registry.list_entry l WHERE l.uscc = code AND l.removed_on IS NULL) WHERE uscc = code;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER list_entry_listed AFTER INSERT OR UPDATE OR DELETE ON registry.list_entry FOR EACH ROW EXECUTE FUNCTION registry.list_entry_changed()`,
    );
    // Backfill whatever an earlier version stored.
    await queryRunner.query(
      `UPDATE registry.enterprise e SET risk_profile = registry.risk_profile_of(e.uscc) WHERE EXISTS (SELECT 1 FROM registry.supervision_tag t WHERE t.uscc = e.uscc)`,
    );
    await queryRunner.query(
      `UPDATE registry.enterprise e SET listed = true WHERE EXISTS (SELECT 1 FROM registry.list_entry l WHERE l.uscc = e.uscc AND l.removed_on IS NULL)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER list_entry_listed ON registry.list_entry`);
    await queryRunner.query(`DROP FUNCTION registry.list_entry_changed()`);
    await queryRunner.query(`DROP TRIGGER supervision_tag_profile ON registry.supervision_tag`);
    await queryRunner.query(`DROP FUNCTION registry.supervision_tag_changed()`);
    await queryRunner.query(`DROP FUNCTION registry.risk_profile_of(char)`);
    await queryRunner.query(`DROP INDEX "registry"."department_sort_order_uq"`);
    await queryRunner.query(`ALTER TABLE "registry"."enterprise" DROP COLUMN "listed"`);
    await queryRunner.query(`ALTER TABLE "registry"."enterprise" DROP COLUMN "risk_profile"`);
  }
}
