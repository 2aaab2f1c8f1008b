import { Box, Group, Text } from '@mantine/core';

export interface LinePoint {
  x: string | number;
  value: number | null;
  target: number | null;
}

const W = 360;
const H = 150;
const PAD = { left: 40, right: 12, top: 12, bottom: 24 };

/**
 * Dynamics over years in plain SVG (no chart library): the value as a solid line with points,
 * the target as a dashed line. A gap in the values breaks the line instead of inventing a point.
 */
export function LineChart({ points, title, unit }: { points: LinePoint[]; title: string; unit: string }) {
  const values = points.flatMap((p) => [p.value, p.target]).filter((v): v is number => v !== null);
  if (points.length === 0 || values.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Данных за прошлые годы нет: динамика появится после закрытия мониторингов.
      </Text>
    );
  }
  const lo = Math.min(0, ...values);
  const hi = Math.max(...values, unit === '%' ? 10 : 1);
  const x = (i: number) =>
    PAD.left +
    (points.length === 1
      ? (W - PAD.left - PAD.right) / 2
      : (i * (W - PAD.left - PAD.right)) / (points.length - 1));
  const y = (v: number) => PAD.top + (1 - (v - lo) / (hi - lo || 1)) * (H - PAD.top - PAD.bottom);
  const path = (key: 'value' | 'target') => {
    let d = '';
    let pen = false;
    points.forEach((p, i) => {
      const v = p[key];
      if (v === null) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)} `;
      pen = true;
    });
    return d.trim();
  };
  const fmt = (v: number) => v.toLocaleString('ru-RU', { maximumFractionDigits: 1 });
  return (
    <Box>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={title} style={{ maxWidth: W }}>
        <title>{title}</title>
        {[lo, (lo + hi) / 2, hi].map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} stroke="#e9ecef" />
            <text x={PAD.left - 4} y={y(t) + 4} fontSize={10} textAnchor="end" fill="#868e96">
              {fmt(t)}
            </text>
          </g>
        ))}
        {points.map((p, i) => (
          <text key={String(p.x)} x={x(i)} y={H - 6} fontSize={10} textAnchor="middle" fill="#495057">
            {p.x}
          </text>
        ))}
        <path d={path('target')} fill="none" stroke="#495057" strokeWidth={1.5} strokeDasharray="4 3" />
        <path d={path('value')} fill="none" stroke="#1c7ed6" strokeWidth={2} />
        {points.map((p, i) =>
          p.value === null ? null : (
            <circle key={String(p.x)} cx={x(i)} cy={y(p.value)} r={3} fill="#1c7ed6">
              <title>
                {p.x}: {fmt(p.value)}
                {p.target !== null ? ` (цель ${fmt(p.target)})` : ''}
              </title>
            </circle>
          ),
        )}
      </svg>
      <Group gap="md">
        <Text size="xs" c="blue.7">
          ━ значение
        </Text>
        <Text size="xs" c="dark.4">
          ┅ целевое значение
        </Text>
      </Group>
    </Box>
  );
}
