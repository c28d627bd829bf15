/** The kit: what every subgraph shares, so a subgraph folder holds only its own types and rules. */
export * from './auth';
export * from './config';
export * from './db';
export * from './errors';
export * from './federation';
export * from './http';
export * from './loaders';
export * from './logger';
export * from './metrics';
export * from './server';
export * from './subgraph';
export * from './pagination';
export * from './copy';
export * from './frame-protocol';
export * from './service-client';
export * from './stubs';
