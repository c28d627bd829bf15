import type { ClassType } from 'type-graphql';
import { words, type DepartmentDefinition } from './department.config';
import type { DepartmentModel, RiskRule } from './department.types';
import { flagEntity, flagInput } from './flag.model';
import { flagResolver } from './flag.resolver';
import { followUpEntity, followUpInputs } from './follow-up.model';
import { followUpResolver } from './follow-up.resolver';
import { licenceEntity, licenceInputs } from './licence.model';
import { licenceResolvers } from './licence.resolver';
import { profileType } from './profile.model';
import { profileResolvers } from './profile.resolver';
import { ratingEntity, ratingInput } from './rating.model';
import { ratingResolver } from './rating.resolver';
import { declareEnum, enterpriseStub } from './schema.helpers';

/**
 * Generates a department's types, tables and resolvers from its declarations: the profile on
 * `Enterprise.<code>`, the yearly rating and its path to the registry's risk class, follow-ups,
 * and (where declared) flags and licences. Call once per department, at module load.
 *
 * @param options.risk the department's rule on top of the rating → risk mapping, if any
 */
export function departmentModel<F>(
  def: DepartmentDefinition,
  options: { risk?: RiskRule<F> } = {},
): DepartmentModel {
  const { pascal, rating, followUps, licences } = def;
  const Level = declareEnum(
    `${pascal}${rating.enumName}`,
    `Levels of the ${def.name}'s ${rating.labelZh}, best first, each with the registry risk class it maps to.`,
    withRisk(rating.levels),
  );
  const FollowUpKind = declareEnum(
    `${pascal}${followUps.noun}Kind`,
    `Kinds of ${def.code} ${words(followUps.plural)}.`,
    followUps.kinds,
  );
  const hasFlags = Object.keys(def.flags).length > 0;
  const FlagEnum = hasFlags
    ? declareEnum(`${pascal}Flag`, `Designations the ${def.name} keeps on enterprises.`, def.flags)
    : null;
  const LicenceKind = licences
    ? declareEnum(
        `${pascal}${licences.noun}Kind`,
        `Kinds of ${def.code} ${words(licences.plural)}.`,
        licences.kinds,
      )
    : null;

  const model: DepartmentModel = {
    def,
    Enterprise: enterpriseStub(),
    Profile: profileType(def),
    Rating: ratingEntity(def, Level),
    FollowUp: followUpEntity(def, FollowUpKind),
    Flag: flagEntity(),
    Licence: licenceEntity(def, LicenceKind),
    Level,
    risk: options.risk as RiskRule | undefined,
    entities: [],
    resolvers: [],
  };
  model.entities = [model.Rating, model.FollowUp, model.Flag, model.Licence];
  const resolvers: ClassType[] = [
    ...profileResolvers(model, { Level, FollowUpKind, Flag: FlagEnum }),
    ratingResolver(model, ratingInput(def, Level)),
    followUpResolver(model, FollowUpKind, followUpInputs(def, FollowUpKind)),
  ];
  if (FlagEnum) resolvers.push(flagResolver(model, flagInput(def, FlagEnum)));
  if (licences && LicenceKind)
    resolvers.push(
      ...licenceResolvers(model, licences, LicenceKind, licenceInputs(def, licences, LicenceKind)),
    );
  model.resolvers = resolvers;
  return model;
}

/** Level descriptions that also state the risk class each maps to, so the mapping is in the SDL. */
function withRisk(
  levels: DepartmentDefinition['rating']['levels'],
): Record<string, { description: string }> {
  return Object.fromEntries(
    Object.entries(levels).map(([level, d]) => [
      level,
      { description: `${d.description} Maps to risk class ${d.risk}.` },
    ]),
  );
}
