#!/usr/bin/env node
// `npm run stack -- up|down|status|start <svc>|stop <svc>`: runs the TypeScript sources directly.
// The project is set explicitly because @swc-node/register otherwise reads tsconfig.json from the
// current directory, which breaks when the command is run from elsewhere.
const path = require('node:path');
process.env.SWC_NODE_PROJECT = process.env.SWC_NODE_PROJECT || path.join(__dirname, '../../../tsconfig.json');
require('@swc-node/register');
require('../src/main.ts');
