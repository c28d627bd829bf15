import { QUICKNET, parseBeaconChain, type BeaconChain } from '../draw/beacon';

/** The environment variables that configure the drand chain of beacon draws. */
export const BEACON_CHAIN_VARIABLES = {
  name: 'DRAND_CHAIN_NAME',
  chainHash: 'DRAND_CHAIN_HASH',
  publicKey: 'DRAND_PUBLIC_KEY',
  periodSeconds: 'DRAND_PERIOD_SECONDS',
  genesisTime: 'DRAND_GENESIS_TIME',
  scheme: 'DRAND_SCHEME',
} as const;

/**
 * The drand chain beacon draws wait for: the League of Entropy's quicknet unless every
 * `DRAND_*` variable names another chain (as its `/info` endpoint publishes it).
 *
 * @throws Error listing every problem when the variables are set but do not describe a chain
 */
export function configuredBeaconChain(env: NodeJS.ProcessEnv = process.env): BeaconChain {
  const given = Object.entries(BEACON_CHAIN_VARIABLES).filter(
    ([, variable]) => env[variable] !== undefined && env[variable] !== '',
  );
  if (given.length === 0) return QUICKNET;
  const raw = Object.fromEntries(
    Object.entries(BEACON_CHAIN_VARIABLES).map(([key, variable]) => {
      const value = env[variable];
      return [
        key,
        key === 'periodSeconds' || key === 'genesisTime'
          ? value === undefined || value === ''
            ? undefined
            : Number(value)
          : value,
      ];
    }),
  );
  const { chain, problems } = parseBeaconChain(raw);
  // A chained scheme's round needs the previous round's signature, which a draw does not collect.
  if (chain && !chain.scheme.includes('unchained'))
    problems.push(
      `DRAND_SCHEME ${chain.scheme} is chained; use an unchained scheme such as bls-unchained-g1-rfc9380`,
    );
  if (!chain || problems.length)
    throw new Error(
      `The drand chain is misconfigured: ${problems.join('; ')} (set every one of ${Object.values(BEACON_CHAIN_VARIABLES).join(', ')}, or none for quicknet)`,
    );
  return chain;
}
