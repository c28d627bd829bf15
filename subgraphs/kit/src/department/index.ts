/**
 * The department kit: what every department subgraph shares, so a department is a small folder of
 * declarations and rules (see README.md here).
 */
export * from './department.auth';
export * from './department.config';
export * from './department.loaders';
export * from './department.migrations';
export * from './department.model';
export * from './department.seed';
export * from './department.subgraph';
export * from './department.types';
export * from './input.validation';
export * from './records';
export * from './registry.client';
export * from './risk.service';
export * from './schema.helpers';
