#!/usr/bin/env node
// Runs the TypeScript sources directly (SWC transpiles on load), so the CLI needs no build step.
const path = require('node:path');
process.env.SWC_NODE_PROJECT ??= path.join(__dirname, '..', '..', '..', 'tsconfig.json');
require('@swc-node/register');
require('../src/main.ts');
