/**
 * Маршрут runs on Node.js 24 LTS. npm scripts and `npx marshrut` take it from node_modules (the
 * pinned `node` package); someone who starts the sources with an older system Node is told so.
 */
export const REQUIRED_NODE_MAJOR = 24;

/** The Russian warning for an older Node.js, or null when this one will do. */
export function oldNodeWarning(version = process.versions.node): string | null {
  const major = Number(version.split('.')[0]);
  if (major >= REQUIRED_NODE_MAJOR) return null;
  return (
    `Внимание: Маршрут рассчитан на Node.js ${REQUIRED_NODE_MAJOR}, а запущен на ${version}. ` +
    'Запускайте его командами npm start и npx marshrut: они берут Node.js 24 из node_modules ' +
    '(после npm install).'
  );
}
