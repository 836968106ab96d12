#!/usr/bin/env node
// The committed bundle (scripts/bundle.mjs): one file with everything the CLI runs, so it starts fast and needs no
// node_modules, whether installed from the registry, a tarball or a git URL.
import module from 'node:module';

// Node 22.1 and later keep V8's compiled code of the bundle between runs (in the OS temp folder), which saves most
// of its start-up compile; on Node 20 there is no such cache and this does nothing.
module.enableCompileCache?.();
await import('../bundle/cli.js');
