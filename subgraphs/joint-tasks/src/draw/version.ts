/**
 * The coordinated draw's algorithm version, stored with every draw and hashed into its
 * frame digest. Bump it whenever any rule that changes a draw's outcome changes (the PRN
 * formula, the shift arithmetic, the sequential Poisson ranking or tie-break, the digest
 * serialisation), so an old draw is re-run under the rules it was made with or is reported
 * as not reproducible, never silently re-drawn differently.
 */
export const ALGORITHM_VERSION = 'coordinated-poisson/1';
