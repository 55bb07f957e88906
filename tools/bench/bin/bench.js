#!/usr/bin/env node
// `npm run bench -- <suite> [--json]`: TypeScript sources run directly (SWC on load).
const path = require('node:path');
process.env.SWC_NODE_PROJECT ??= path.join(__dirname, '..', '..', '..', 'tsconfig.json');
require('@swc-node/register');
require('../src/main.ts');
