import type { Db } from '../platform/db/database.ts';

export interface DemoLogin {
  role: string;
  roleLabel: string;
  email: string;
  password: string;
}

/** Loads the demo municipality into an empty database. (Being written: see src/demo/README.) */
export async function loadDemoIfEmpty(_db: Db): Promise<{ logins: DemoLogin[] } | null> {
  return null;
}
