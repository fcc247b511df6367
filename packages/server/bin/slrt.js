#!/usr/bin/env node
// The `slrt` command. Node 24 runs the TypeScript sources directly (type stripping); run it
// through npm (`npx slrt ...`, `npm run slrt -- ...`) so the project's Node 24 is used.
const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  console.error(`slrt needs Node 24 (this is ${process.version}). Run it as "npx slrt ..." from the project folder.`);
  process.exit(1);
}
const { runCli } = await import('../src/cli/main.ts');
process.exit(await runCli(process.argv.slice(2)));
