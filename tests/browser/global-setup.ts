import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const webDir = path.join(root, 'web');
const builtIndex = path.join(root, 'dist/web/index.html');

/** Newest modification time under a folder (the UI's sources, plus the vocabulary it imports). */
function newest(dir: string): number {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** The browser journeys run against the built UI: build it when it is missing or older than web/. */
export default function setup(): void {
  const sources = Math.max(
    newest(webDir),
    statSync(path.join(root, 'src/directory/vocabulary.ts')).mtimeMs,
    statSync(path.join(root, 'src/platform/auth/actor.ts')).mtimeMs,
  );
  if (existsSync(builtIndex) && statSync(builtIndex).mtimeMs >= sources) return;
  console.log('browser tests: building the web UI (npm run build:web)…');
  // Vitest sets NODE_ENV=test; a build inheriting it would bundle React's development build.
  execSync('npm run build:web', {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
