/** Points, boxes and the deskew rotation, so every region can be reported in the original photo. */
export interface Point {
  x: number;
  y: number;
}

/** Axis-aligned, in pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type Quad = [Point, Point, Point, Point];

export function boxOf(points: readonly Point[]): Box {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

export function quadOf(b: Box): Quad {
  return [{ x: b.x, y: b.y }, { x: b.x + b.width, y: b.y }, { x: b.x + b.width, y: b.y + b.height }, { x: b.x, y: b.y + b.height }];
}

export function roundBox(b: Box): Box {
  return { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) };
}

/**
 * The map from the deskewed working image back to the working image. sharp's rotate(-angle) turns the
 * picture anticlockwise by `angle` (positive = clockwise, y down) about its centre and grows the canvas
 * to fit; turning a point back by +angle about the two centres undoes it.
 */
export function unrotate(angleDeg: number, from: { width: number; height: number }, to: { width: number; height: number }): (p: Point) => Point {
  const a = (angleDeg * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = from.width / 2;
  const cy = from.height / 2;
  const ox = to.width / 2;
  const oy = to.height / 2;
  return (p) => {
    const dx = p.x - cx;
    const dy = p.y - cy;
    return { x: ox + dx * cos - dy * sin, y: oy + dx * sin + dy * cos };
  };
}

/** Angle of the segment a→b in degrees, folded into (-90, 90]: a label upside down has the same skew. */
export function lineAngle(a: Point, b: Point): number {
  let deg = (Math.atan2(b.y - a.y, b.x - a.x) * 180) / Math.PI;
  while (deg > 90) deg -= 180;
  while (deg <= -90) deg += 180;
  return deg;
}
