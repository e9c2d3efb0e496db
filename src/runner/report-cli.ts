// `npm run report [-- --merge DIR ...]`: the Allure HTML report from the last run's results (or several, merged).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildAllureHtml } from './allure';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { merge: { type: 'string', multiple: true } }, allowPositionals: false });
  const reports = path.resolve(__dirname, '../../reports');
  const dirs = values.merge?.map((d) => path.resolve(d)) ?? [path.join(reports, 'allure-results')];
  try {
    console.log(`Allure report: ${await buildAllureHtml(reports, dirs)}`);
    return 0;
  } catch (error) {
    console.error(`report: ${(error as Error).message}`);
    return 2;
  }
}

main().then((code) => process.exit(code));
