// The trials a report counts: one machine's, measured (not warm-up), finished.

import type { Row } from '../data/schema.ts';

export function measuredRows(rows: readonly Row[], machineId: string): Row[] {
  return rows.filter((r) => r.machine_id === machineId && r.status === 'ok' && r.warmup === 0 && r.wall_ms !== null);
}
