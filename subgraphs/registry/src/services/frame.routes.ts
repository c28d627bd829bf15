import type express from 'express';
import type { DataSource } from 'typeorm';
import type { TokenVerifier } from '../../../kit/src';

/**
 * Service-to-service endpoints of the registry (the draw's frame). Filled in with the joint-tasks
 * subgraph; kept here so the registry owns every read of its tables.
 */
export function frameRoutes(_app: express.Express, _ctx: { db: DataSource; verifier: TokenVerifier }): void {}
