import type { SubgraphModule } from './kit/src';

/**
 * The one list of subgraphs: name → default port → module. Start-up, composition, the gateway's
 * URL table, docker-compose and the tests all read it. Adding a subgraph means adding a line here.
 */
export interface ServiceEntry {
  name: string;
  port: number;
  load: () => Promise<SubgraphModule<any>>;
}

export const SERVICES: ServiceEntry[] = [
  { name: 'registry', port: 4001, load: async () => (await import('./registry/src')).registrySubgraph },
];

/** The URL of a subgraph: `SUBGRAPH_<NAME>_URL` when set, else localhost at its default port. */
export function serviceUrl(name: string, env: Record<string, string | undefined> = process.env): string {
  const key = `SUBGRAPH_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`;
  const entry = SERVICES.find((s) => s.name === name);
  return env[key] ?? `http://127.0.0.1:${entry?.port ?? 0}/graphql`;
}
