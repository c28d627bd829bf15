import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: "One department's sample in a draw." })
export class DepartmentDrawStats {
  @Field({ description: 'Department code.' })
  department: string;

  @Field({ description: '`poisson` (ratio) or `fixed` (sample size, sequential Poisson).' })
  mode: string;

  @Field(() => Int, { nullable: true, description: 'Asked sample size (fixed mode).' })
  sampleSize: number | null;

  @Field(() => Int, { description: 'Enterprises the department could draw (p > 0).' })
  eligible: number;

  @Field(() => Float, {
    description: 'Expected sample size, the sum of its inclusion probabilities.',
  })
  expected: number;

  @Field(() => Int, { description: 'Enterprises drawn.' })
  realised: number;

  @Field(() => Int, { description: 'Fixed mode: how many fewer than asked could be drawn.' })
  shortfall: number;

  @Field(() => Int, {
    description: 'Teams of this department with fewer than the minimum inspectors.',
  })
  understaffedTeams: number;
}

@ObjectType({
  description:
    'A coordinated draw (抽取): the audit record anyone can re-run with verifyDraw or offline from its bundle (/draws/<id>/bundle.json).',
})
@Directive('@key(fields: "id")')
@Entity({ name: 'draw' })
@Index('draw_task_uq', ['taskId'], { unique: true })
export class Draw {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The joint task drawn.' })
  @Column({ name: 'task_id', type: 'uuid' })
  taskId: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'The commitment it was drawn from (null for draws made before the commit–reveal protocol).',
  })
  @Column({ name: 'commitment_id', type: 'uuid', nullable: true })
  commitmentId: string | null;

  @Field({
    description:
      'The seed: SHA-256 of the commitment digest and the revealed entropy (from algorithm version 2).',
  })
  @Column({ type: 'varchar', length: 128 })
  seed: string;

  @Field({ description: 'Algorithm and version, e.g. `coordinated-poisson/1`.' })
  @Column({ name: 'algorithm_version', type: 'varchar', length: 64 })
  algorithmVersion: string;

  @Field(() => [String], { description: 'Departments, in frame column order.' })
  @Column({ type: 'text', array: true })
  departments: string[];

  @Field(() => Float, { description: 'Start-point shift applied.' })
  @Column({ name: 'start_point', type: 'double precision' })
  startPoint: number;

  /** Per-department mode, as given to the algorithm (re-used by verifyDraw). */
  @Column({ type: 'jsonb' })
  modes: Record<string, { kind: 'poisson' } | { kind: 'fixed'; n: number }>;

  @Field({
    description:
      'SHA-256 over every (uscc, department, p) of the frame, the modes and the algorithm version (version 1 also the seed).',
  })
  @Column({ name: 'frame_digest', type: 'char', length: 64 })
  frameDigest: string;

  @Field({ description: "SHA-256 of the result (every department's sample)." })
  @Column({ name: 'result_digest', type: 'char', length: 64 })
  resultDigest: string;

  @Field(() => Int, { description: 'Enterprises in the frame.' })
  @Column({ name: 'frame_size', type: 'int' })
  frameSize: number;

  @Field(() => Float, {
    description:
      'Expected visits of this draw: Σ max_d π(d,i), the minimum possible for these inclusion probabilities.',
  })
  @Column({ name: 'expected_visits', type: 'double precision' })
  expectedVisits: number;

  @Field(() => Float, {
    description: 'Expected visits had each department drawn independently: Σ 1 − Π(1 − π(d,i)).',
  })
  @Column({ name: 'independent_visits', type: 'double precision' })
  independentVisits: number;

  @Field(() => Float, {
    description:
      'Expected visits if each department visited its own sample separately (no joint visits at all): Σ_d Σ_i π(d,i).',
  })
  @Column({ name: 'separate_visits', type: 'double precision' })
  separateVisits: number;

  @Field(() => Int, { description: 'Visits drawn (one per enterprise).' })
  @Column({ name: 'realised_visits', type: 'int' })
  realisedVisits: number;

  @Field(() => Int, {
    description: 'Teams (visit × department) with fewer than the minimum inspectors.',
  })
  @Column({ name: 'understaffed_teams', type: 'int' })
  understaffedTeams: number;

  @Field(() => [DepartmentDrawStats], { description: 'Per-department samples.' })
  @Column({ name: 'department_stats', type: 'jsonb' })
  departmentStats: DepartmentDrawStats[];

  @Field(() => [String], { description: 'Caveats of the statistics.' })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  notes: string[];

  @Field(() => Int, { description: 'Milliseconds the draw took, frame to commit.' })
  @Column({ name: 'duration_ms', type: 'int' })
  durationMs: number;

  @Field({ description: 'Who drew it (token subject).' })
  @Column({ name: 'drawn_by', type: 'varchar', length: 128 })
  drawnBy: string;

  @Field({ description: 'When.' })
  @Column({ name: 'drawn_at', type: 'timestamptz', default: () => 'now()' })
  drawnAt: Date;

  /** The stored verification (verifyDraw), computed once per draw. */
  @Column({ type: 'jsonb', nullable: true })
  verification: Record<string, unknown> | null;
}

/**
 * One frame row of a version 1 draw: an enterprise and its inclusion probability per department
 * (draw column order). Version 2 draws keep their frame compressed with their commitment.
 */
@Entity({ name: 'draw_frame' })
export class DrawFrameRow {
  @PrimaryColumn({ name: 'draw_id', type: 'uuid' })
  drawId: string;

  @PrimaryColumn({ type: 'char', length: 18 })
  uscc: string;

  @Column({ type: 'double precision', array: true })
  p: number[];
}
