/**
 * `npm run compose`: writes schema/<subgraph>.graphql for every subgraph and the composed
 * schema/supergraph.graphql that the gateway runs from, and docker-compose.yml from the service
 * list. A test fails when any of these is stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SCHEMA_DIR, composeSupergraph } from './lib/compose';
import { renderDockerCompose } from './lib/docker-compose';
import { SERVICES } from '@jih/subgraphs/services';
import { answerHelp } from './lib/cli';

answerHelp(
  module,
  `usage: npm run compose

Writes schema/<subgraph>.graphql, schema/supergraph.graphql and docker-compose.yml from the code.`,
);

async function main() {
  const { subgraphs, supergraphSdl, hints } = await composeSupergraph();
  fs.mkdirSync(SCHEMA_DIR, { recursive: true });
  for (const s of subgraphs)
    fs.writeFileSync(path.join(SCHEMA_DIR, `${s.name}.graphql`), s.sdl.trimEnd() + '\n');
  fs.writeFileSync(path.join(SCHEMA_DIR, 'supergraph.graphql'), supergraphSdl.trimEnd() + '\n');
  fs.writeFileSync(
    path.join(SCHEMA_DIR, 'supergraph.config.json'),
    JSON.stringify(
      {
        federation_version: '2',
        subgraphs: Object.fromEntries(
          subgraphs.map((s) => [
            s.name,
            { routing_url: s.url, schema: { file: `./${s.name}.graphql` } },
          ]),
        ),
      },
      null,
      2,
    ) + '\n',
  );
  fs.writeFileSync(path.join(__dirname, '..', 'docker-compose.yml'), renderDockerCompose(SERVICES));
  for (const h of hints) console.warn(`hint: ${h}`);
  console.log(
    `composed ${subgraphs.length} subgraphs into schema/supergraph.graphql${hints.length ? ` (${hints.length} hints)` : ''}`,
  );
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
