/** Occupancy as a share of rates, in Russian notation: «87,5 %»; «—» when there are no rates. */
export function occupancyShare(occupied: number, total: number): number | null {
  if (!total) return null;
  return (occupied / total) * 100;
}

export function occupancy(occupied: number, total: number): string {
  const share = occupancyShare(occupied, total);
  return share === null ? '—' : `${share.toLocaleString('ru-RU', { maximumFractionDigits: 1 })} %`;
}
