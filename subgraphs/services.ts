import {
  registerServiceUrlDefaults,
  serviceUrl,
  serviceUrlVariable,
  type SubgraphModule,
} from '@jih/kit';

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
  {
    name: 'registry',
    port: 4001,
    load: async () => (await import('@jih/subgraphs/registry/src')).registrySubgraph,
  },
  {
    name: 'joint-tasks',
    port: 4002,
    load: async () => (await import('@jih/subgraphs/joint-tasks/src')).jointTasksSubgraph,
  },
  {
    name: 'market',
    port: 4011,
    load: async () => (await import('@jih/subgraphs/market/src')).marketSubgraph,
  },
  {
    name: 'tax',
    port: 4012,
    load: async () => (await import('@jih/subgraphs/tax/src')).taxSubgraph,
  },
  {
    name: 'health',
    port: 4013,
    load: async () => (await import('@jih/subgraphs/health/src')).healthSubgraph,
  },
  {
    name: 'emergency',
    port: 4014,
    load: async () => (await import('@jih/subgraphs/emergency/src')).emergencySubgraph,
  },
  {
    name: 'fire',
    port: 4015,
    load: async () => (await import('@jih/subgraphs/fire/src')).fireSubgraph,
  },
  {
    name: 'ecology',
    port: 4016,
    load: async () => (await import('@jih/subgraphs/ecology/src')).ecologySubgraph,
  },
];

// Every process that loads the service list knows each subgraph's default address.
registerServiceUrlDefaults(
  Object.fromEntries(SERVICES.map((s) => [s.name, `http://127.0.0.1:${s.port}/graphql`])),
);

export { serviceUrl, serviceUrlVariable };
