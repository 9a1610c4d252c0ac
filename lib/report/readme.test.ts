import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, resolvePaths } from '../paths.ts';
import { readmeWithFindings } from './build.ts';
import { END, START, replaceFindings } from './readme.ts';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');

describe('README.md', () => {
  it('its findings block is what the committed data generates (run `make reports` after new data)', async () => {
    expect(await readmeWithFindings({ paths: resolvePaths() })).toBe(readme);
  });

  it('names the two commands and only folders that exist', () => {
    expect(readme).toContain('make all');
    expect(readme).toContain('make test');
    const layout = readme.slice(readme.indexOf('## Layout'), readme.indexOf('## Adding'));
    const libDirs = /lib\/\s+[^\n]*\n\s+([a-z/ ]+)\n/.exec(layout)![1]!.trim().split(/\/\s+/).map((d) => d.replace('/', ''));
    for (const dir of libDirs) expect(existsSync(path.join(ROOT, 'lib', dir)), `lib/${dir}`).toBe(true);
  });

  it('replaceFindings(readme, block) refuses a README without its markers', () => {
    expect(() => replaceFindings('no markers', `${START}\n${END}`)).toThrow(/markers/);
  });
});
