import { UUID } from '@jih/kit';

/** A UUID as ids and id cursors of this subgraph are. */
export { UUID };
