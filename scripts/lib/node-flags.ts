/**
 * Node.js flags of every long-running process of the hub: each subgraph and the gateway, as
 * `npm start` forks them, as docker-compose.yml runs them, and as the benchmarks start them (so
 * they measure what is deployed).
 *
 * `--max-semi-space-size=64` (MiB): a 500-visit dashboard page allocates tens of megabytes of
 * short-lived objects per process (parsed answers, rows, resolver results), and with V8's default
 * young generation (16 MiB semi-spaces) much of it survived into the old generation and was
 * collected there again. CPU profiles of `npm run bench:dashboard:phases` put garbage collection
 * at 14–26 % of each process's CPU with the default, 11–15 % at 32 MiB and 9–13 % at 64 MiB. The
 * price is memory: up to three semi-spaces per process (about 190 MiB at peak).
 */
export const NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
