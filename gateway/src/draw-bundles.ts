import type express from 'express';
import http from 'node:http';
import https from 'node:https';
import { sendGraphQLError } from '@jih/kit';

/**
 * `GET /draws/<drawId>/bundle.json`, no token: a draw's public verification bundle, passed
 * through from the joint-tasks subgraph byte for byte (gzip stays gzip), so a citizen fetches it
 * from the one public address and verifies it offline with `npm run verify-draw -- <url>`.
 */
export function mountDrawBundles(
  app: express.Express,
  jointTasksUrl: () => string | undefined,
): void {
  app.get('/draws/:drawId/bundle.json', (req, res) => {
    const base = jointTasksUrl();
    if (!base)
      return sendGraphQLError(
        res,
        503,
        'DOWNSTREAM_SERVICE_ERROR',
        'The joint-tasks subgraph is not known to this gateway',
        { serviceName: 'joint-tasks' },
      );
    const target = new URL(
      base.replace(/\/graphql$/, `/draws/${encodeURIComponent(req.params.drawId)}/bundle.json`),
    );
    const client = target.protocol === 'https:' ? https : http;
    const upstream = client.get(
      target,
      {
        headers: {
          'accept-encoding': req.header('accept-encoding') ?? 'identity',
          'x-request-id': res.getHeader('x-request-id')?.toString() ?? '',
        },
        timeout: 30_000,
      },
      (answer) => {
        res.status(answer.statusCode ?? 502);
        for (const h of [
          'content-type',
          'content-encoding',
          'content-length',
          'cache-control',
          'content-disposition',
          'vary',
        ]) {
          const v = answer.headers[h];
          if (v !== undefined) res.setHeader(h, v);
        }
        answer.pipe(res);
      },
    );
    upstream.on('timeout', () => upstream.destroy(new Error('timed out')));
    upstream.on('error', (err) => {
      if (!res.headersSent)
        sendGraphQLError(
          res,
          502,
          'DOWNSTREAM_SERVICE_ERROR',
          `The joint-tasks subgraph did not answer: ${err.message}`,
          { serviceName: 'joint-tasks' },
        );
      else res.destroy(err);
    });
  });
}
