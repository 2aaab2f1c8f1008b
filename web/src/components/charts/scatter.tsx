import { Box, Group, Text } from '@mantine/core';

export interface ScatterPoint {
  label: string;
  x: number;
  y: number;
  group: number;
}

export const GROUP_COLORS = ['#1c7ed6', '#e8590c', '#2b8a3e', '#ae3ec9', '#f08c00', '#0c8599', '#c2255c'];

const W = 420;
const H = 260;
const PAD = 32;

/** Organizations on two indicators, coloured by their cluster (plain SVG). */
export function Scatter({
  points,
  xLabel,
  yLabel,
  title,
  groups,
}: {
  points: ScatterPoint[];
  xLabel: string;
  yLabel: string;
  title: string;
  groups: string[];
}) {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [x0, x1] = [Math.min(0, ...xs), Math.max(1, ...xs)];
  const [y0, y1] = [Math.min(0, ...ys), Math.max(1, ...ys)];
  const sx = (v: number) => PAD + ((v - x0) / (x1 - x0 || 1)) * (W - 2 * PAD);
  const sy = (v: number) => H - PAD - ((v - y0) / (y1 - y0 || 1)) * (H - 2 * PAD);
  return (
    <Box>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" style={{ maxWidth: W }} role="img" aria-label={title}>
        <title>{title}</title>
        <line x1={PAD} x2={W - PAD} y1={H - PAD} y2={H - PAD} stroke="#adb5bd" />
        <line x1={PAD} x2={PAD} y1={PAD} y2={H - PAD} stroke="#adb5bd" />
        <text x={W / 2} y={H - 6} fontSize={11} textAnchor="middle" fill="#495057">
          {xLabel}
        </text>
        <text
          x={10}
          y={H / 2}
          fontSize={11}
          textAnchor="middle"
          fill="#495057"
          transform={`rotate(-90 10 ${H / 2})`}
        >
          {yLabel}
        </text>
        {points.map((p) => (
          <circle
            key={p.label}
            cx={sx(p.x)}
            cy={sy(p.y)}
            r={5}
            fill={GROUP_COLORS[p.group % GROUP_COLORS.length]}
            fillOpacity={0.8}
          >
            <title>{`${p.label}: ${p.x.toLocaleString('ru-RU', { maximumFractionDigits: 1 })}; ${p.y.toLocaleString('ru-RU', { maximumFractionDigits: 1 })}`}</title>
          </circle>
        ))}
      </svg>
      <Group gap="md">
        {groups.map((g, i) => (
          <Text key={g} size="xs" style={{ color: GROUP_COLORS[i % GROUP_COLORS.length] }}>
            ● {g}
          </Text>
        ))}
      </Group>
    </Box>
  );
}
