// Prints the SWC config for the image build: the repository's .swcrc plus the @provenant/* aliases
// of tsconfig.base.json, so SWC rewrites them to relative requires. Derived here rather than kept
// as a copy, so a new library alias reaches the images without anyone editing this folder.
// Run from the repository root (the Dockerfile's WORKDIR); SWC wants an absolute baseUrl.
const fs = require('node:fs');

const swcrc = JSON.parse(fs.readFileSync('.swcrc', 'utf8'));
const { compilerOptions } = JSON.parse(fs.readFileSync('tsconfig.base.json', 'utf8'));

swcrc.jsc = { ...swcrc.jsc, baseUrl: process.cwd(), paths: compilerOptions.paths };
process.stdout.write(JSON.stringify(swcrc, null, 2) + '\n');
