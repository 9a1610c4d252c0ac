import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeJpeg } from './jpeg-encode.ts';
import { checkThumbnails } from './outputs.ts';

const grey = (width: number, height: number) => encodeJpeg({ width, height, data: new Uint8Array(width * height * 4).fill(128) });
let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'outputs-test-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('checkThumbnails', () => {
  it('checkThumbnails(dir, photos) lists every thumbnail with its size, sorted by name', () => {
    writeFileSync(path.join(dir, 'b_thumbnail.jpg'), grey(128, 96));
    writeFileSync(path.join(dir, 'a_thumbnail.jpg'), grey(85, 128));
    expect(checkThumbnails(dir, ['b.jpg', 'a.jpg'])).toEqual({ canonical: 'a_thumbnail.jpg 85x128\nb_thumbnail.jpg 128x96\n', count: 2 });
  });

  it('checkThumbnails fails on a missing thumbnail and on an unexpected file', () => {
    writeFileSync(path.join(dir, 'a_thumbnail.jpg'), grey(128, 96));
    expect(() => checkThumbnails(dir, ['a.jpg', 'b.jpg'])).toThrow(/1 thumbnail\(s\) missing, e\.g\. b_thumbnail\.jpg/);
    writeFileSync(path.join(dir, 'b_thumbnail.jpg'), grey(128, 96));
    writeFileSync(path.join(dir, 'stray.txt'), 'x');
    expect(() => checkThumbnails(dir, ['a.jpg', 'b.jpg'])).toThrow(/unexpected file\(s\), e\.g\. stray\.txt/);
  });

  it('checkThumbnails fails on a thumbnail of the wrong size and on one that does not decode', () => {
    writeFileSync(path.join(dir, 'a_thumbnail.jpg'), grey(100, 75));
    expect(() => checkThumbnails(dir, ['a.jpg'])).toThrow(/a_thumbnail\.jpg is 100×75/);
    writeFileSync(path.join(dir, 'a_thumbnail.jpg'), 'not a jpeg');
    expect(() => checkThumbnails(dir, ['a.jpg'])).toThrow(/a_thumbnail\.jpg does not decode/);
  });
});
