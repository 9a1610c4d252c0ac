// Table columns in one line: `columns({ bundle: 'Bundle', size: 'Size >' })`.
// A label ending in " >" is right-aligned, one ending in " <" left-aligned;
// `digits` formats every numeric column given. Declaring a table's columns
// should not take a dozen lines that look alike in every report.

import type { TableColumn } from './doc.ts';

export function columns(spec: Record<string, string>, digits: Record<string, number> = {}): TableColumn[] {
  return Object.entries(spec).map(([key, raw]) => {
    const align = raw.endsWith(' >') ? 'right' : raw.endsWith(' <') ? 'left' : undefined;
    const label = align ? raw.slice(0, -2) : raw;
    return { key, label, ...(align ? { align } : {}), ...(digits[key] !== undefined ? { digits: digits[key] } : {}) } as TableColumn;
  });
}
