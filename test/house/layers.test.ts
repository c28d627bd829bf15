import path from 'node:path';
import { ESLint } from 'eslint';

const ROOT = path.join(__dirname, '..', '..');
// The project's own configuration, handed over directly: ESLint would load the file with a dynamic
// import, which jest's CommonJS runtime does not allow.
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfigFile: true,
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  overrideConfig: require(path.join(ROOT, 'eslint.config.js')),
});

/** The messages of the import-layer rules for a line of code placed at `file`. */
async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = x;\n`, {
    filePath: path.join(ROOT, file),
  });
  return result.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message);
}

describe('the floors of the house, as lint rules', () => {
  it('refuses the kit importing the service list, a subgraph, the gateway or a script', async () => {
    for (const target of [
      '@jih/subgraphs/services',
      '@jih/subgraphs/registry/src',
      '@jih/gateway/src/gateway',
      '@jih/scripts/lib/database',
    ]) {
      expect(await layerErrors('subgraphs/kit/src/x.ts', `import { x } from '${target}';`)).toEqual(
        [expect.stringMatching(/ground floor/)],
      );
    }
    expect(
      await layerErrors('subgraphs/kit/src/x.ts', `import { x } from '@jih/domain/uscc';`),
    ).toEqual([]);
  });

  it('keeps the domain at the bottom, demo data on the domain only, and subgraphs apart', async () => {
    expect(await layerErrors('subgraphs/domain/src/x.ts', `import { x } from '@jih/kit';`)).toEqual(
      [expect.stringMatching(/lowest floor/)],
    );
    expect(
      await layerErrors('subgraphs/demo-data/src/x.ts', `import { x } from '@jih/kit';`),
    ).toEqual([expect.stringMatching(/domain only/)]);
    expect(
      await layerErrors('subgraphs/demo-data/src/x.ts', `import { x } from '@jih/domain/uscc';`),
    ).toEqual([]);
    expect(
      await layerErrors(
        'subgraphs/tax/src/x.ts',
        `import { x } from '@jih/subgraphs/registry/src';`,
      ),
    ).toEqual([expect.stringMatching(/never each other/)]);
    expect(
      await layerErrors(
        'subgraphs/joint-tasks/src/services/x.ts',
        `import { x } from '@jih/subgraphs/services';`,
      ),
    ).toEqual([expect.stringMatching(/never each other/)]);
  });

  it('keeps the draw engine pure and SQL out of resolvers, and refuses climbing imports', async () => {
    for (const target of ['typeorm', 'type-graphql', '@jih/kit']) {
      expect(
        await layerErrors('subgraphs/joint-tasks/src/draw/x.ts', `import { x } from '${target}';`),
      ).toEqual([expect.stringMatching(/draw engine is pure/)]);
    }
    expect(
      await layerErrors(
        'subgraphs/tax/src/resolvers/x.resolver.ts',
        `const x = 1;\nvoid db.query('SELECT 1');`,
      ),
    ).toEqual([expect.stringMatching(/Resolvers do not build SQL/)]);
    expect(
      await layerErrors(
        'test/unit/x.test.ts',
        `import { x } from '${'../'.repeat(3)}subgraphs/kit/src';`,
      ),
    ).toEqual([expect.stringMatching(/aliases/)]);
  });
});
