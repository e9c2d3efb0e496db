// Allure results as plain files. allure-js-commons' FileSystemWriter makes every file crash-safe for a live
// `allure watch`: a temp file, fsync, rename and an unlink, i.e. two opens, a flush to disk and three more system calls
// for each of ~4,000 small files, most of the reporting cost of a run. The report is built only after the run, from a
// directory the run owns, so one plain write per file is enough.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Writer } from 'allure-js-commons/dist/types/sdk/reporter/types';

// The package's `sdk/reporter` entry has types only under moduleResolution node16; its function is the one the default
// writer uses for environment.properties.
const { stringifyEnvInfo } = require('allure-js-commons/sdk/reporter') as { stringifyEnvInfo(info: Record<string, string | undefined>): string };

type Args<K extends keyof Writer> = Writer[K] extends (...args: infer A) => void ? A : never;

export class PlainResultsWriter implements Writer {
  private made = false;

  constructor(private readonly resultsDir: string) {}

  writeAttachment(name: string, content: Buffer): void {
    writeFileSync(this.file(name), content);
  }

  writeAttachmentFromPath(name: string, from: string): void {
    copyFileSync(from, this.file(name));
  }

  writeEnvironmentInfo(...[info]: Args<'writeEnvironmentInfo'>): void {
    writeFileSync(this.file('environment.properties'), stringifyEnvInfo(info));
  }

  writeCategoriesDefinitions(...[categories]: Args<'writeCategoriesDefinitions'>): void {
    writeFileSync(this.file('categories.json'), JSON.stringify(categories));
  }

  writeGroup(...[group]: Args<'writeGroup'>): void {
    writeFileSync(this.file(`${group.uuid}-container.json`), JSON.stringify(group));
  }

  writeResult(...[result]: Args<'writeResult'>): void {
    writeFileSync(this.file(`${result.uuid}-result.json`), JSON.stringify(result));
  }

  writeGlobals(...[name, globals]: Args<'writeGlobals'>): void {
    writeFileSync(this.file(name), JSON.stringify(globals));
  }

  private file(name: string): string {
    if (!this.made) mkdirSync(this.resultsDir, { recursive: true });
    this.made = true;
    return path.join(this.resultsDir, name);
  }
}
