// `npm run bench:audit [section...]`: the audit benchmarks (issue 7), one section each, printed as
// figures. Sections live in bench/audit-*.ts and export `run(print)`; with no argument every
// section runs. Run through tsx (package.json), which loads the TypeScript sections.
const SECTIONS = {
  'credential-report': () => import('../bench/audit-credential-report.ts'),
  events: () => import('../bench/audit-events.ts'),
};

const line = (what, value) => console.log(`${what.padEnd(66)} ${value}`);

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in SECTIONS));
if (unknown.length > 0) {
  console.error(`unknown section(s): ${unknown.join(', ')}; known: ${Object.keys(SECTIONS).join(', ')}`);
  process.exit(2);
}
for (const [name, load] of Object.entries(SECTIONS)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`## ${name}`);
  const section = await load();
  await section.run(line);
}
