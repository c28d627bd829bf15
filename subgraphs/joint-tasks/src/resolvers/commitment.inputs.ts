import {
  ArrayMaxSize,
  IsOptional,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';

@InputType({
  description:
    'A witness of the draw and the SHA-256 of the secret they chose (见证人): they reveal the secret at the draw.',
})
export class WitnessCommitmentInput {
  @Field({ description: 'Name of the witness.' })
  @Length(1, 100)
  name: string;

  @Field({
    description: 'Capacity, e.g. 纪检监察 observer, notary (公证员), enterprise representative.',
  })
  @Length(1, 100)
  role: string;

  @Field({
    description:
      "SHA-256 of the secret's UTF-8 bytes, 64 lowercase hex digits (e.g. `printf %s SECRET | sha256sum`). Choose at least 16 random characters: a short secret can be guessed from its hash.",
  })
  @Matches(/^[0-9a-f]{64}$/, {
    message: 'commitment must be the SHA-256 of the secret as 64 lowercase hex digits',
  })
  commitment: string;
}

@InputType({
  description:
    'Wait for a drand beacon round emitted after the commit: give a round, or a delay (default 30 s).',
})
export class BeaconPlanInput {
  @Field(() => Int, {
    nullable: true,
    description: 'An explicit round; it must be emitted strictly after the commit time.',
  })
  @IsOptional()
  @Min(1)
  round?: number | null;

  @Field(() => Int, {
    nullable: true,
    description:
      'Use the first round emitted at least this many seconds after the commit (0 to 86,400; default 30; never less than the configured minimum, 30 s by default).',
  })
  @IsOptional()
  @Min(0)
  @Max(86_400)
  delaySeconds?: number | null;
}

@InputType({
  description:
    'The entropy plan of a draw commitment: two or more witnesses, a drand beacon round, or both.',
})
export class CommitDrawInput {
  @Field(() => [WitnessCommitmentInput], {
    defaultValue: [],
    description: 'Witnesses and their commitments: none, or at least two.',
  })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  witnesses: WitnessCommitmentInput[];

  @Field(() => BeaconPlanInput, {
    nullable: true,
    description:
      "Wait for a drand beacon round of the configured chain (default: the League of Entropy's quicknet).",
  })
  @IsOptional()
  @ValidateNested()
  beacon?: BeaconPlanInput | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Admins only: why a task whose window lies wholly in the past is drawn (backfill). Published in the draw log.',
  })
  @IsOptional()
  @Length(5, 1000)
  backfillReason?: string | null;
}

@InputType({ description: "A witness's revealed secret." })
export class WitnessRevealInput {
  @Field({ description: 'Name of the witness, as committed.' })
  @Length(1, 100)
  name: string;

  @Field({ description: "The secret; its SHA-256 must be the witness's commitment." })
  @Length(1, 1000)
  secret: string;
}

@InputType({ description: 'A drand beacon round and its signature, as the chain published them.' })
export class BeaconRevealInput {
  @Field(() => Int, { description: 'The committed round.' })
  @Min(1)
  round: number;

  @Field({ description: "The round's BLS signature, hex." })
  @Matches(/^[0-9a-fA-F]{2,1024}$/, { message: 'signature must be hex' })
  signature: string;
}

@InputType({
  description:
    "The entropy revealed at the draw (揭示): every witness's secret and/or the beacon round.",
})
export class DrawEntropyInput {
  @Field(() => [WitnessRevealInput], {
    defaultValue: [],
    description: "Every committed witness's secret.",
  })
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  witnessSecrets: WitnessRevealInput[];

  @Field(() => BeaconRevealInput, {
    nullable: true,
    description: 'The committed beacon round and its signature.',
  })
  @IsOptional()
  @ValidateNested()
  beacon?: BeaconRevealInput | null;
}
