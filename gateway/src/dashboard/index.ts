import fs from 'node:fs';
import path from 'node:path';
import type express from 'express';

/** The page's files: read once at start-up, served from memory. */
const FILES = {
  'dashboard.html': 'text/html; charset=utf-8',
  'dashboard.js': 'text/javascript; charset=utf-8',
  'dashboard.css': 'text/css; charset=utf-8',
} as const;

/**
 * Strict policy: the page runs only its own script, talks only to this gateway, and cannot be
 * framed; it renders data with textContent, so even a hostile string in a result stays text.
 */
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cache-control': 'no-cache',
};

/**
 * Mounts the task dashboard page at `/dashboard` (plain HTML and a small script, no build step):
 * it shows a task's progress, overdue list and burden saved, fetched from `/graphql` with the
 * caller's token. The files are served as static assets; the data never passes through here.
 */
export function mountDashboard(app: express.Express): void {
  const body = Object.fromEntries(
    Object.keys(FILES).map((f) => [f, fs.readFileSync(path.join(__dirname, f))]),
  ) as Record<keyof typeof FILES, Buffer>;
  const send = (file: keyof typeof FILES) => (_req: express.Request, res: express.Response) => {
    res.set({ ...SECURITY_HEADERS, 'content-type': FILES[file] }).send(body[file]);
  };
  app.get('/dashboard', send('dashboard.html'));
  for (const file of Object.keys(FILES) as (keyof typeof FILES)[])
    app.get(`/dashboard/${file}`, send(file));
}
