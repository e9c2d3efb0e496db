// `npm run mutation:catalogue [-- NAME ...]`: every fault of the catalogue, killed or survived and by which scenario,
// ending with the kill ratio. Exit 1 when a fault survives.
import { FAULTS } from './faults';
import { baseline, judge } from './catalogue';

async function main(): Promise<number> {
  const names = process.argv.slice(2);
  const faults = names.length ? FAULTS.filter((f) => names.includes(f.name)) : FAULTS;
  const t0 = Date.now();
  // Every profile a fault uses is a baseline of its own: the unbroken store configured so must pass too.
  for (const profile of [undefined, ...new Set(faults.map((f) => f.profile).filter((p): p is string => Boolean(p)))]) {
    await baseline(undefined, profile);
    console.log(`baseline: the unbroken reference store passes the suite${profile ? ` configured as ${profile}` : ''}`);
  }
  let killed = 0;
  for (const fault of faults) {
    const v = await judge(fault);
    if (v.killed) killed++;
    const first = v.killers[0];
    console.log(`${v.killed ? 'killed  ' : 'SURVIVED'} ${fault.name} (${(v.ms / 1000).toFixed(1)} s, ${v.scope})`);
    console.log(`         rule: ${fault.rule}`);
    if (first) console.log(`         by ${first.id}${v.killers.length > 1 ? ` and ${v.killers.length - 1} more` : ''}: ${first.reason}`);
  }
  console.log(`catalogue: ${killed} of ${faults.length} faults killed (${((100 * killed) / faults.length).toFixed(0)}%) in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return killed === faults.length ? 0 : 1;
}

main().then((code) => process.exit(code), (error) => {
  console.error(`mutation:catalogue: ${(error as Error).message}`);
  process.exit(2);
});
