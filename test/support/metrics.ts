import { send } from './http';

/** The Prometheus text a service serves at /metrics, given its /graphql URL. */
export async function scrape(graphqlUrl: string): Promise<string> {
  return (await send(graphqlUrl.replace(/\/graphql$/, '/metrics'), { method: 'GET', headers: {} }))
    .text;
}

/** The value of a Prometheus sample carrying all of `labels` (in any order), or undefined. */
export function sample(
  text: string,
  name: string,
  labels: Record<string, string>,
): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^([a-z_:]+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const has = Object.fromEntries([...m[2].matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => has[k] === v)) return Number(m[3]);
  }
  return undefined;
}
