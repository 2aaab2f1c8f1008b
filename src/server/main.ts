import { oldNodeWarning } from '../platform/node-version.ts';
import { setPrivateUmask } from '../platform/private-files.ts';
import { startServer } from './start.ts';

// Before anything opens a file: the data folder and whatever else the server creates is personal data.
setPrivateUmask();
const oldNode = oldNodeWarning();
if (oldNode) console.warn(oldNode);

startServer().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
