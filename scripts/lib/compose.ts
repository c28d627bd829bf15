import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import path from 'node:path';
import { SERVICES } from '@jih/subgraphs/services';

export const SCHEMA_DIR = path.join(__dirname, '..', '..', 'schema');

export interface Composition {
  subgraphs: { name: string; url: string; sdl: string }[];
  supergraphSdl: string;
  hints: string[];
}

/**
 * Builds every subgraph's schema from code (no database needed), prints its SDL and composes the
 * supergraph with @apollo/composition. URLs are the default local ones; deployments override them
 * per subgraph at the gateway (`SUBGRAPH_<NAME>_URL`).
 */
export async function composeSupergraph(): Promise<Composition> {
  const subgraphs = [];
  for (const entry of SERVICES) {
    const mod = await entry.load();
    const sdl = printSubgraphSchema(await mod.buildSchema());
    subgraphs.push({ name: entry.name, url: `http://127.0.0.1:${entry.port}/graphql`, sdl });
  }
  const result = composeServices(
    subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })),
  );
  if (result.errors) {
    throw new Error(
      `Composition failed:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`,
    );
  }
  return {
    subgraphs,
    supergraphSdl: result.supergraphSdl,
    hints: (result.hints ?? []).map((h) => `${h.definition.code}: ${h.message}`),
  };
}
