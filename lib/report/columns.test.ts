import { expect, it } from 'vitest';
import { columns } from './columns.ts';

it('columns(spec, digits) reads alignment from the label and digits by key', () => {
  expect(columns({ bundle: 'Bundle', size: 'Size >', note: 'Note <', ms: 'Work (ms)' }, { ms: 1 })).toEqual([
    { key: 'bundle', label: 'Bundle' },
    { key: 'size', label: 'Size', align: 'right' },
    { key: 'note', label: 'Note', align: 'left' },
    { key: 'ms', label: 'Work (ms)', digits: 1 },
  ]);
});
