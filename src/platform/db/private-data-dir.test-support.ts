import { chmodSync, lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Every entry under `dir` (itself included) whose mode is not the private one (folders 0700,
 * files 0600), as "relative-path mode"; symbolic links are not looked at.
 */
export function looseModes(dir: string): string[] {
  const loose: string[] = [];
  const check = (p: string) => {
    const st = lstatSync(p);
    if (st.isSymbolicLink()) return;
    const mode = st.mode & 0o777;
    if (mode !== (st.isDirectory() ? 0o700 : 0o600))
      loose.push(`${path.relative(dir, p) || '.'} ${mode.toString(8)}`);
    if (st.isDirectory()) for (const name of readdirSync(p)) check(path.join(p, name));
  };
  check(dir);
  return loose;
}

/** Gives `dir` the modes of an old installation: folders 0777, files 0666 (links left alone). */
export function loosenModes(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    chmodSync(p, entry.isDirectory() ? 0o777 : 0o666);
    if (entry.isDirectory()) loosenModes(p);
  }
  chmodSync(dir, 0o777);
}
