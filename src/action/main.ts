/** The GitHub Action's entry point (action.yml runs `node dist/action/main.js`): the step's exit code, nothing else. */
import { runAction } from './run.js';

process.exitCode = await runAction();
