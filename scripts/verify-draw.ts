/**
 * `npm run verify-draw -- <bundle.json | https://…/draws/<id>/bundle.json> [--chain chain.json]`:
 * verifies a draw offline from its public bundle, with no database and no login. Re-derives the
 * parameters, frame, team-input and commitment digests, checks every witness's secret against
 * their commitment and the drand beacon's BLS signature against the chain key, re-derives the
 * seed, the sample, the visits and the teams; prints every check; exits 0 only when everything
 * matches, 1 naming the first mismatch, 2 on a usage error.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import {
  QUICKNET,
  parseBeaconChain,
  type BeaconChain,
} from '@jih/subgraphs/joint-tasks/src/draw/beacon';
import { verifyBundle, type DrawBundle } from '@jih/subgraphs/joint-tasks/src/draw/bundle';

const USAGE = `usage: npm run verify-draw -- <bundle.json | URL of /draws/<id>/bundle.json> [--chain chain.json]

Verifies a draw offline from its public bundle and exits 0 only when everything matches.
  --chain FILE   also trust this drand chain (JSON with name, chainHash, publicKey, periodSeconds,
                 genesisTime, scheme); the League of Entropy's quicknet is always trusted
  --json         print the verification as JSON
  --help         this text`;

/** Reads the bundle from a file or a URL. */
async function readBundle(source: string): Promise<DrawBundle> {
  if (/^https?:\/\//.test(source)) {
    const res = await fetch(source);
    if (!res.ok) throw new Error(`${source} answered HTTP ${res.status}`);
    return (await res.json()) as DrawBundle;
  }
  return JSON.parse(fs.readFileSync(source, 'utf8')) as DrawBundle;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      chain: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(USAGE);
    return 2;
  }
  const trusted: BeaconChain[] = [QUICKNET];
  for (const file of values.chain ?? []) {
    const { chain, problems } = parseBeaconChain(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!chain) {
      console.error(`${file}: ${problems.join('; ')}`);
      return 2;
    }
    trusted.push(chain);
  }
  const started = Date.now();
  let bundle: DrawBundle;
  try {
    bundle = await readBundle(positionals[0]);
  } catch (err) {
    console.error(`cannot read the bundle: ${(err as Error).message}`);
    return 1;
  }
  const verdict = await verifyBundle(bundle, { trustedChains: trusted });
  if (values.json) console.log(JSON.stringify(verdict, null, 2));
  else {
    console.log(`draw ${bundle.drawId ?? '?'}: ${bundle.parameters?.title ?? ''}`);
    for (const c of verdict.checks) console.log(`${c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}`);
    console.log(
      `commitment digest ${bundle.commitment?.digest}: compare it with the public draw log (publicDrawLog), where it stood before the draw`,
    );
    console.log(
      verdict.ok
        ? `verified in ${Date.now() - started} ms: everything matches`
        : `NOT VERIFIED: ${verdict.firstMismatch}`,
    );
  }
  return verdict.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);
