/**
 * `npm start` (`node dist/server.js`): the GitHub App as a production server — webhooks, `/healthz`, `/metrics`,
 * JSON logs, graceful shutdown. Everything lives in src/server/; this only starts it and reports a failed start.
 */
import { startServer } from './server/start.js';

startServer().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
