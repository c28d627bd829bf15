import fs from 'node:fs';
import path from 'node:path';
import { SCHEMA_DIR, composeSupergraph } from '@jih/scripts/lib/compose';
import { SERVICES } from '@jih/subgraphs/services';
import { renderDockerCompose } from '@jih/scripts/lib/docker-compose';

describe('the checked-in schema files', () => {
  it('match what `npm run compose` would write (run it after changing a subgraph)', async () => {
    const { subgraphs, supergraphSdl } = await composeSupergraph();
    for (const s of subgraphs) {
      expect(fs.readFileSync(path.join(SCHEMA_DIR, `${s.name}.graphql`), 'utf8')).toBe(
        s.sdl.trimEnd() + '\n',
      );
    }
    expect(fs.readFileSync(path.join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8')).toBe(
      supergraphSdl.trimEnd() + '\n',
    );
  });

  it('compose without hints', async () => {
    const { hints } = await composeSupergraph();
    expect(hints).toEqual([]);
  });

  it('include docker-compose.yml as rendered from the service list, with every subgraph in it', () => {
    const compose = fs.readFileSync(path.join(__dirname, '..', '..', 'docker-compose.yml'), 'utf8');
    expect(compose).toBe(renderDockerCompose(SERVICES));
    for (const s of SERVICES) {
      expect(compose).toMatch(new RegExp(`^  ${s.name}:\\s*$`, 'm'));
      expect(compose).toContain(`http://${s.name}:${s.port}/graphql`);
    }
  });
});
