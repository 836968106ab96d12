/**
 * `npm start` (`node dist/server.js`): the GitHub App as a production server — webhooks, `/healthz`, `/metrics`,
 * JSON logs, graceful shutdown. Everything lives in src/server/; this only starts it and reports a failed start.
 */
import { ConfigError } from './server/config.js';
import { startServer } from './server/start.js';

startServer().catch((err: unknown) => {
  // a configuration the server refuses is the operator's to fix: one line naming the variable, no stack trace
  if (err instanceof ConfigError) console.error(`dockreview: ${err.message}`);
  else console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exit(1);
});
