import { createGunzip } from 'node:zlib';
import type express from 'express';
import type { DataSource } from 'typeorm';
import { sendGraphQLError } from '@jih/kit';
import { DrawBundleBlob } from '../entities';

const DRAW_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * `GET /draws/<drawId>/bundle.json`, no token: the draw's public verification bundle, stored
 * gzip-compressed at draw time and sent as stored to clients that accept gzip (the gateway
 * passes it through), decompressed for the others.
 */
export function bundleRoutes(app: express.Express, ctx: { db: DataSource }): void {
  app.get('/draws/:drawId/bundle.json', async (req, res, next) => {
    try {
      const drawId = String(req.params.drawId).toLowerCase();
      if (!DRAW_ID.test(drawId))
        return sendGraphQLError(
          res,
          400,
          'BAD_USER_INPUT',
          `"${String(req.params.drawId).slice(0, 40)}" is not a draw id`,
        );
      const blob = await ctx.db.getRepository(DrawBundleBlob).findOneBy({ drawId });
      if (!blob) return sendGraphQLError(res, 404, 'NOT_FOUND', `No draw ${drawId}`);
      res.setHeader('content-type', 'application/json; charset=utf-8');
      res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      res.setHeader('content-disposition', `inline; filename="draw-${drawId}-bundle.json"`);
      res.setHeader('vary', 'accept-encoding');
      if (/\bgzip\b/.test(req.header('accept-encoding') ?? '')) {
        res.setHeader('content-encoding', 'gzip');
        res.end(blob.gzip);
      } else {
        // Decompressed as a stream: tens of megabytes at a million enterprises must not block the process.
        const gunzip = createGunzip();
        gunzip.on('error', (err) => res.destroy(err));
        gunzip.pipe(res);
        gunzip.end(blob.gzip);
      }
    } catch (err) {
      next(err);
    }
  });
}
