/**
 * Where the other subgraphs are, for the few service-to-service calls (the draw's frame, tags,
 * catalogues). The kit does not know the service list: `SUBGRAPH_<NAME>_URL` in the environment
 * wins, else the defaults that the process's entry point registers from its service list.
 */
const defaults = new Map<string, string>();

/** The environment variable that sets a subgraph's URL, e.g. `SUBGRAPH_JOINT_TASKS_URL`. */
export function serviceUrlVariable(name: string): string {
  return `SUBGRAPH_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`;
}

/** Registers fallback URLs by subgraph name (the service list does this once per process). */
export function registerServiceUrlDefaults(urls: Record<string, string>): void {
  for (const [name, url] of Object.entries(urls)) defaults.set(name, url);
}

/**
 * The URL of a subgraph: `SUBGRAPH_<NAME>_URL` when set, else the registered default.
 *
 * @throws Error naming the variable when neither is known
 */
export function serviceUrl(
  name: string,
  env: Record<string, string | undefined> = process.env,
): string {
  const url = env[serviceUrlVariable(name)] ?? defaults.get(name);
  if (!url)
    throw new Error(`No URL is known for the ${name} subgraph: set ${serviceUrlVariable(name)}`);
  return url;
}
