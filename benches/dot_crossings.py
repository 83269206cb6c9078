#!/usr/bin/env python3
"""Counts edge crossings in a Graphviz layout (`dot -Tjson` output).

Usage: dot_crossings.py FILE.json  ->  prints "CURVE POLYGON"

Each edge's drawn B-spline (the `b`/`B` operations of its `_draw_` list) is turned into
line segments in two ways: CURVE flattens every cubic Bezier piece into 8 chords (close to
what is drawn), POLYGON takes the control polygon as it is (coarser: it overshoots bends and
so tends to over-count). Crossings are proper intersections (the two segments cross at one
interior point) between segments of different edges, counted once per pair of segments.
Arrowheads and label positions are ignored.
"""
import json
import sys
from collections import defaultdict

STEPS = 8


def bezier_points(ctrl, flatten):
    if not flatten or len(ctrl) < 4:
        return ctrl
    out = [ctrl[0]]
    i = 0
    while i + 3 < len(ctrl):
        p0, p1, p2, p3 = ctrl[i:i + 4]
        for k in range(1, STEPS + 1):
            t = k / STEPS
            u = 1 - t
            a, b, c, d = u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t
            out.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                        a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
        i += 3
    return out


def edge_segments(graph, flatten):
    segs = []  # (edge index, x1, y1, x2, y2)
    for e_idx, edge in enumerate(graph.get("edges", [])):
        for op in edge.get("_draw_", []):
            if op.get("op") not in ("b", "B"):
                continue
            pts = [tuple(map(float, p)) for p in op.get("points", [])]
            pts = bezier_points(pts, flatten)
            for a, b in zip(pts, pts[1:]):
                if a != b:
                    segs.append((e_idx, a[0], a[1], b[0], b[1]))
    return segs


def orient(ax, ay, bx, by, cx, cy):
    v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
    return (v > 1e-9) - (v < -1e-9)


def crossings(segs, cell=40.0):
    grid = defaultdict(list)
    for i, (_, x1, y1, x2, y2) in enumerate(segs):
        for gx in range(int(min(x1, x2) // cell), int(max(x1, x2) // cell) + 1):
            for gy in range(int(min(y1, y2) // cell), int(max(y1, y2) // cell) + 1):
                grid[(gx, gy)].append(i)
    seen = set()
    count = 0
    for members in grid.values():
        for a in range(len(members)):
            i = members[a]
            ei, ax, ay, bx, by = segs[i]
            for b in range(a + 1, len(members)):
                j = members[b]
                ej, cx, cy, dx, dy = segs[j]
                if ei == ej:
                    continue
                key = (i, j) if i < j else (j, i)
                if key in seen:
                    continue
                seen.add(key)
                if max(ax, bx) < min(cx, dx) or max(cx, dx) < min(ax, bx):
                    continue
                if max(ay, by) < min(cy, dy) or max(cy, dy) < min(ay, by):
                    continue
                o1 = orient(ax, ay, bx, by, cx, cy)
                o2 = orient(ax, ay, bx, by, dx, dy)
                o3 = orient(cx, cy, dx, dy, ax, ay)
                o4 = orient(cx, cy, dx, dy, bx, by)
                if o1 * o2 < 0 and o3 * o4 < 0:
                    count += 1
    return count


def main():
    with open(sys.argv[1]) as f:
        graph = json.load(f)
    curve = crossings(edge_segments(graph, True))
    polygon = crossings(edge_segments(graph, False))
    print(curve, polygon)


if __name__ == "__main__":
    main()
