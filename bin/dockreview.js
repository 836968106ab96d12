#!/usr/bin/env node
// The committed bundle (scripts/bundle.mjs): one file with everything the CLI runs, so it starts fast and needs no
// node_modules, whether installed from the registry, a tarball or a git URL.
import '../bundle/cli.js';
