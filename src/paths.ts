// Where the project's files are, whether this code runs from its TypeScript sources (src/…, through ts-node) or from
// the build (dist/src/…, `npm run build`): the root is the nearest folder above that holds package.json.
import { existsSync } from 'node:fs';
import path from 'node:path';

function projectRoot(from: string): string {
  let dir = from;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
  return dir;
}

export const PROJECT_ROOT = projectRoot(__dirname);

/** True when this is the compiled build: cucumber then loads the compiled steps, and no TypeScript compiler. */
export const COMPILED = __filename.endsWith('.js');
