#!/usr/bin/env node
// The bundle (scripts/bundle.mjs): one file with everything the CLI runs, so it starts fast and needs no
// node_modules. In a checkout, `npm run build` (or `npm install`, through `prepare`) makes it.
import '../dist/bundle/cli.js';
