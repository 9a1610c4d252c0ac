// Signed differences in the report's number formats: "+27 %", "−7.2 ms".
// A value that is not finite prints as an en dash, as lib/report/format.ts does.

import { ms } from '../../lib/report/format.ts';

const sign = (x: number) => (x >= 0 ? '+' : '−');

/** +27 % for 0.27 */
export function signedPercent(x: number): string {
  return Number.isFinite(x) ? `${sign(x)}${Math.round(Math.abs(x) * 100)} %` : '–';
}

/** −7.2 ms */
export function signedMs(x: number): string {
  return Number.isFinite(x) ? `${sign(x)}${ms(Math.abs(x))}` : '–';
}
