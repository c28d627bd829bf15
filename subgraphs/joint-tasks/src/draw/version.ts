/**
 * The coordinated draw's algorithm version, stored with every draw and hashed into its
 * commitment. Bump it whenever any rule that changes a draw's outcome changes (the PRN
 * formula, the shift arithmetic, the sequential Poisson ranking or tie-break, the digest
 * serialisation, the inspector draw's inputs), so an old draw is re-run under the rules it was
 * made with or is reported as not reproducible, never silently re-drawn differently.
 *
 * - `coordinated-poisson/1`: the seed was set when the task was created and hashed into the
 *   frame digest.
 * - `coordinated-poisson/2`: the frame is committed before any entropy exists and its digest has
 *   no seed; the seed is derived from the commitment and the revealed entropy (protocol.ts); the
 *   inspector draw counts the teams inspectors already have in overlapping tasks.
 */
export const ALGORITHM_VERSION = 'coordinated-poisson/2';

/** The first version whose seed comes from the commit–reveal protocol. */
export const LEGACY_ALGORITHM_VERSION = 'coordinated-poisson/1';
