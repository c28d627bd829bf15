import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { GraphQLError } from 'graphql';
import {
  callSubgraph,
  type CallOrigin,
  type FrameHeader,
  type FrameRequest,
  serviceUrl,
} from '@jih/kit';

/** The registry's answer to a frame request, in columns (no object per enterprise). */
export interface RegistryFrame {
  header: FrameHeader;
  usccs: string[];
  /** classes[i * D + d]: char code of the risk class ('A'..'D') or '-' (not supervised). */
  classes: Uint8Array;
  /** 1 when the enterprise is on a shared list now. */
  listed: Uint8Array;
}

/** What createJointTask checks a task against. */
export interface RegistryCatalogue {
  departments: { code: string }[];
  checkItems: {
    code: string;
    departmentCode: string;
    category: 'KEY' | 'GENERAL';
    expertise: string;
  }[];
  samplingPolicies: { departmentCode: string; generalRatioCap: number }[];
}

function registryUrl(): string {
  return serviceUrl('registry');
}

/** Departments, check items and policies from the registry's public GraphQL API. */
export function fetchCatalogue(origin: CallOrigin): Promise<RegistryCatalogue> {
  return callSubgraph<RegistryCatalogue>(
    registryUrl(),
    'registry',
    `{ departments { code } checkItems { code departmentCode category expertise } samplingPolicies { departmentCode generalRatioCap } }`,
    {},
    origin,
  );
}

/**
 * Streams the draw frame from the registry (`POST /internal/frame`, see kit frame-protocol):
 * the one service-to-service call of the draw. Rows are parsed into columns as they arrive.
 */
export async function fetchFrame(
  request: FrameRequest,
  origin: CallOrigin,
): Promise<RegistryFrame> {
  const url = registryUrl().replace(/\/graphql$/, '/internal/frame');
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(origin.authorization ? { authorization: origin.authorization } : {}),
        ...(origin.requestId ? { 'x-request-id': origin.requestId } : {}),
      },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(Number(process.env.FRAME_TIMEOUT_MS ?? 120_000)),
    });
  } catch (err) {
    throw new GraphQLError(
      `The registry did not answer the frame request: ${(err as Error).message}`,
      { extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'registry' } },
    );
  }
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
    throw new GraphQLError(`Registry refused the frame request: ${body.message ?? res.status}`, {
      extensions: { code: body.code ?? 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'registry' },
    });
  }
  const D = request.departments.length;
  const lines = createInterface({
    input: Readable.fromWeb(res.body as never),
    crlfDelay: Infinity,
  });
  let header: FrameHeader | undefined;
  const usccs: string[] = [];
  let classes: Uint8Array = new Uint8Array(1 << 16);
  let listed: Uint8Array = new Uint8Array(1 << 16);
  for await (const line of lines) {
    if (!header) {
      header = JSON.parse(line) as FrameHeader;
      continue;
    }
    if (!line) continue;
    const i = usccs.length;
    if ((i + 1) * D > classes.length) {
      classes = grow(classes, classes.length * 2);
      listed = grow(listed, listed.length * 2);
    }
    usccs.push(line.slice(0, 18));
    for (let d = 0; d < D; d++) classes[i * D + d] = line.charCodeAt(19 + d);
    listed[i] = line.charCodeAt(20 + D) === 49 /* '1' */ ? 1 : 0;
  }
  if (!header)
    throw new GraphQLError('The registry sent an empty frame', {
      extensions: { code: 'DOWNSTREAM_SERVICE_ERROR', serviceName: 'registry' },
    });
  return {
    header,
    usccs,
    classes: classes.subarray(0, usccs.length * D),
    listed: listed.subarray(0, usccs.length),
  };
}

/** Copies a typed array into a larger one. */
function grow(a: Uint8Array, size: number): Uint8Array {
  const b = new Uint8Array(size);
  b.set(a);
  return b;
}
