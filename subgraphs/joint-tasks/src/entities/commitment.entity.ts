import { Directive, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { BeaconChain } from '../draw/beacon';
import type { DrawParameters, TeamInputs } from '../draw/protocol';

export enum CommitmentStatus {
  PENDING = 'PENDING',
  DRAWN = 'DRAWN',
  CANCELLED = 'CANCELLED',
}
registerEnumType(CommitmentStatus, {
  name: 'CommitmentStatus',
  description:
    'Where a draw commitment (抽取承诺) stands. Every commitment stays in the public draw log, whatever its status.',
  valuesConfig: {
    PENDING: {
      description: "Committed; waiting for the witnesses' secrets and/or the beacon round.",
    },
    DRAWN: {
      description: 'Entropy revealed and verified; the draw was made from the committed frame.',
    },
    CANCELLED: {
      description:
        'Withdrawn before the draw, with a public reason (a re-roll shows as a cancelled commitment beside a new one).',
    },
  },
});

@ObjectType({
  description: 'A witness of a draw and the SHA-256 of the secret they chose (见证人承诺).',
})
export class WitnessCommitmentView {
  @Field({ description: 'Name of the witness.' }) name: string;
  @Field({
    description: 'Capacity, e.g. 纪检监察 observer, notary (公证员), enterprise representative.',
  })
  role: string;
  @Field({
    description:
      'SHA-256 (64 hex digits) of the secret the witness chose and will reveal at the draw.',
  })
  commitment: string;
}

@ObjectType({
  description:
    'The drand beacon round a commitment waits for: emitted strictly after the commit time, so nobody knew it when the frame was frozen.',
})
export class BeaconPlanView {
  @Field({ description: 'Chain name, e.g. quicknet (League of Entropy).' }) chainName: string;
  @Field({ description: 'Chain hash (hex) identifying the drand chain.' }) chainHash: string;
  @Field({ description: "The chain's BLS public key (hex) the signature is verified against." })
  publicKey: string;
  @Field(() => Int, { description: 'Round number.' }) round: number;
  @Field({ description: 'When the round is emitted (ISO 8601 UTC).' }) roundTime: string;
}

@ObjectType({ description: "A witness's revealed secret (揭示的秘密), public once drawn." })
export class WitnessRevealView {
  @Field({ description: 'Name of the witness.' }) name: string;
  @Field({ description: "The secret; its SHA-256 is the witness's commitment." }) secret: string;
}

@ObjectType({ description: 'The entropy a draw was seeded with, public once drawn.' })
export class RevealedEntropyView {
  @Field(() => [WitnessRevealView], { description: 'Witness secrets in commitment order.' })
  witnesses: WitnessRevealView[];
  @Field(() => Int, { nullable: true, description: 'Beacon round, when a beacon was planned.' })
  beaconRound: number | null;
  @Field(() => String, {
    nullable: true,
    description: "The round's BLS signature (hex), verified offline against the chain key.",
  })
  beaconSignature: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The round's randomness: SHA-256 of the signature (hex).",
  })
  beaconRandomness: string | null;
}

/** The entropy stored with a drawn commitment. */
export interface StoredEntropy {
  witnesses: { name: string; secret: string }[];
  beacon: { round: number; signature: string; randomness: string } | null;
}

/**
 * A draw commitment: the task's parameters, frame and inspector-draw inputs frozen and hashed
 * before any entropy exists, with the entropy plan. Public in the draw log from the moment it is
 * made; no seed-like value exists until the draw.
 */
@ObjectType({
  description:
    'A draw commitment (抽取承诺, 公示): frozen parameters and frame, their digests and the entropy plan, published before any entropy exists.',
})
@Directive('@key(fields: "id")')
@Entity({ name: 'draw_commitment' })
@Index('draw_commitment_pending_uq', ['taskId'], { unique: true, where: `status = 'PENDING'` })
@Index('draw_commitment_log_idx', ['committedAt', 'id'])
export class DrawCommitment {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID, { description: 'The joint task.' })
  @Column({ name: 'task_id', type: 'uuid' })
  taskId: string;

  @Field({ description: 'Task title.' })
  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Field({ description: 'Code of the lead department.' })
  @Column({ name: 'lead_department_code', type: 'varchar', length: 32 })
  leadDepartment: string;

  @Field(() => [String], { description: 'Participating department codes, in frame column order.' })
  @Column({ type: 'text', array: true })
  departments: string[];

  @Field(() => CommitmentStatus)
  @Column({ type: 'varchar', length: 16 })
  status: CommitmentStatus;

  @Field({ description: 'Draw algorithm and version, e.g. coordinated-poisson/2.' })
  @Column({ name: 'algorithm_version', type: 'varchar', length: 64 })
  algorithmVersion: string;

  @Field({
    description:
      'SHA-256 of the commitment text (the task, algorithm, the three digests below, commit time and entropy plan): the seed is SHA-256 of it and the revealed entropy.',
  })
  @Column({ type: 'char', length: 64 })
  digest: string;

  @Field({ description: 'SHA-256 of the canonical JSON of the frozen parameters.' })
  @Column({ name: 'parameters_digest', type: 'char', length: 64 })
  parametersDigest: string;

  @Field({
    description:
      'SHA-256 over every (enterprise, department, p) of the frozen frame, the modes and the algorithm version.',
  })
  @Column({ name: 'frame_digest', type: 'char', length: 64 })
  frameDigest: string;

  @Field({
    description:
      "SHA-256 of the canonical JSON of the inspector draw's frozen (pseudonymised) inputs.",
  })
  @Column({ name: 'team_inputs_digest', type: 'char', length: 64 })
  teamInputsDigest: string;

  @Field(() => Int, { description: 'Enterprises in the frozen frame.' })
  @Column({ name: 'frame_size', type: 'int' })
  frameSize: number;

  @Field({
    description: 'Commit time (ISO 8601 UTC, milliseconds), as hashed into the commitment.',
  })
  @Column({ name: 'committed_at', type: 'timestamptz' })
  committedAt: Date;

  @Column({ name: 'committed_by', type: 'varchar', length: 128 })
  committedBy: string;

  @Field(() => [WitnessCommitmentView], {
    description: 'Witnesses and their commitments, in commitment order.',
  })
  @Column({ type: 'jsonb' })
  witnesses: WitnessCommitmentView[];

  @Field(() => [WitnessRevealView], {
    description:
      'Secrets the witnesses have revealed so far (revealWitnessSecret), each checked against its commitment: public at once, so nobody can quietly learn the outcome first and re-roll.',
  })
  @Column({ name: 'witness_reveals', type: 'jsonb', default: () => "'[]'" })
  witnessReveals: WitnessRevealView[];

  /** The planned beacon round with its chain, or null. */
  @Column({ type: 'jsonb', nullable: true })
  beacon: { chain: BeaconChain; round: number } | null;

  @Field(() => String, {
    nullable: true,
    description: "An admin's recorded reason for drawing a window wholly in the past (backfill).",
  })
  @Column({ name: 'backfill_reason', type: 'varchar', length: 1000, nullable: true })
  backfillReason: string | null;

  /** The frozen parameters (public in the bundle). */
  @Column({ type: 'jsonb' })
  parameters: DrawParameters;

  /** The frozen, pseudonymised inputs of the inspector draw (public in the bundle once drawn). */
  @Column({ name: 'team_inputs', type: 'jsonb' })
  teamInputs: TeamInputs;

  /** Pseudonym → inspector id: never leaves this subgraph. */
  @Column({ name: 'inspector_pseudonyms', type: 'jsonb' })
  inspectorPseudonyms: Record<string, string>;

  /** Why the frame excludes what it does, per department and rule. */
  @Field(() => [String], { description: "What the frame's rules excluded, per department." })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  notes: string[];

  @Field(() => Date, { nullable: true, description: 'When it was cancelled.' })
  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'cancelled_by', type: 'varchar', length: 128, nullable: true })
  cancelledBy: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was cancelled (public).' })
  @Column({ name: 'cancel_reason', type: 'varchar', length: 1000, nullable: true })
  cancelReason: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'The draw made from it; its bundle is at /draws/<drawId>/bundle.json.',
  })
  @Column({ name: 'draw_id', type: 'uuid', nullable: true })
  drawId: string | null;

  @Field(() => Date, { nullable: true, description: 'When it was drawn.' })
  @Column({ name: 'drawn_at', type: 'timestamptz', nullable: true })
  drawnAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'The seed, SHA-256(commitment digest ‖ entropy): exists only from the draw on.',
  })
  @Column({ type: 'char', length: 64, nullable: true })
  seed: string | null;

  /** The revealed entropy, once drawn. */
  @Column({ type: 'jsonb', nullable: true })
  entropy: StoredEntropy | null;
}

/** The frozen frame of a commitment: one compressed object (see frame-store.ts). */
@Entity({ name: 'draw_commitment_frame' })
export class DrawCommitmentFrame {
  @PrimaryColumn({ name: 'commitment_id', type: 'uuid' })
  commitmentId: string;

  @Column({ type: 'bytea' })
  data: Buffer;
}

/** The public verification bundle of a draw, gzip-compressed JSON, served as is. */
@Entity({ name: 'draw_bundle' })
export class DrawBundleBlob {
  @PrimaryColumn({ name: 'draw_id', type: 'uuid' })
  drawId: string;

  @Column({ type: 'bytea' })
  gzip: Buffer;
}
