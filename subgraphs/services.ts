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
  { name: 'joint-tasks', port: 4002, load: async () => (await import('./joint-tasks/src')).jointTasksSubgraph },
  { name: 'market', port: 4011, load: async () => (await import('./market/src')).marketSubgraph },
  { name: 'tax', port: 4012, load: async () => (await import('./tax/src')).taxSubgraph },
  { name: 'health', port: 4013, load: async () => (await import('./health/src')).healthSubgraph },
  { name: 'emergency', port: 4014, load: async () => (await import('./emergency/src')).emergencySubgraph },
  { name: 'fire', port: 4015, load: async () => (await import('./fire/src')).fireSubgraph },
  { name: 'ecology', port: 4016, load: async () => (await import('./ecology/src')).ecologySubgraph },
];

/** The environment variable that overrides a subgraph's URL, e.g. `SUBGRAPH_JOINT_TASKS_URL`. */
export function serviceUrlVariable(name: string): string {
  return `SUBGRAPH_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`;
}

/** The URL of a subgraph: `SUBGRAPH_<NAME>_URL` when set, else localhost at its default port. */
export function serviceUrl(name: string, env: Record<string, string | undefined> = process.env): string {
  const entry = SERVICES.find((s) => s.name === name);
  return env[serviceUrlVariable(name)] ?? `http://127.0.0.1:${entry?.port ?? 0}/graphql`;
}
