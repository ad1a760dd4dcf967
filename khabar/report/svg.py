"""Charts drawn here, as SVG text: a bar chart and a circular network. No scripts, no fonts, no
network: the pictures open anywhere, and the same data always gives the same bytes."""
from __future__ import annotations

import math
from dataclasses import dataclass

from markupsafe import Markup, escape


def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def bar_chart(bars: list[tuple[str, int]], title: str, height: int = 180, extra: tuple[str, int] | None = None) -> Markup:
    """Vertical bars (label, value), left to right in the order given; `extra` is one more bar,
    drawn grey after a gap (e.g. the undated ones)."""
    has_extra = bool(extra and extra[1])
    if has_extra:
        bars = list(bars) + [("", -1), extra]
    if not bars:
        return Markup("")
    top = max(v for _, v in bars) or 1
    step = 34 if len(bars) <= 24 else 18
    left, bottom, head = 30, 46, 18
    width = left + step * len(bars) + 10
    plot = height - bottom - head
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
             f'direction="ltr" aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
             f"<title>{escape(title)}</title>",
             f'<line x1="{left}" y1="{head + plot}" x2="{width - 5}" y2="{head + plot}" class="axis"/>']
    for i, (label, value) in enumerate(bars):
        if value < 0:  # the gap before the extra bar
            continue
        css = "bar extra" if has_extra and i == len(bars) - 1 else "bar"
        h = plot * value / top
        x = left + i * step + 3
        w = step - 6
        y = head + plot - h
        parts.append(f'<g><title>{escape(label)}: {value}</title>'
                     f'<rect x="{x}" y="{_fmt(y)}" width="{w}" height="{_fmt(h)}" class="{css}"/>'
                     f'<text x="{_fmt(x + w / 2)}" y="{_fmt(y - 4)}" class="value" text-anchor="middle">{value}</text>'
                     f'<text x="{_fmt(x + w / 2)}" y="{head + plot + 12}" class="tick" text-anchor="end" '
                     f'transform="rotate(-45 {_fmt(x + w / 2)} {head + plot + 12})">{escape(label)}</text></g>')
    parts.append("</svg>")
    return Markup("".join(parts))


@dataclass(frozen=True)
class Node:
    key: str
    label: str
    href: str
    size: int  # statements made
    css: str = ""
    note: str = ""  # tooltip


@dataclass(frozen=True)
class Edge:
    a: str
    b: str
    weight: int  # events together
    note: str = ""


def circle_order(nodes: list[Node], edges: list[Edge]) -> list[Node]:
    """Nodes in an order that keeps strongly tied ones next to each other on the circle: start
    with the busiest, then always add the node most tied to those already placed."""
    tie: dict[tuple[str, str], int] = {}
    degree = {n.key: 0 for n in nodes}
    for e in edges:
        tie[(e.a, e.b)] = tie[(e.b, e.a)] = e.weight
        degree[e.a] = degree.get(e.a, 0) + e.weight
        degree[e.b] = degree.get(e.b, 0) + e.weight
    left = sorted(nodes, key=lambda n: (-degree[n.key], -n.size, n.key))
    placed: list[Node] = []
    while left:
        if placed:
            recent = placed[-3:]
            best = max(left, key=lambda n: (sum(tie.get((n.key, p.key), 0) for p in recent),
                                            sum(tie.get((n.key, p.key), 0) for p in placed), degree[n.key],
                                            n.size, [-ord(c) for c in n.key]))
        else:
            best = left[0]
        left.remove(best)
        placed.append(best)
    return placed


LABEL_FONT = 18  # px, in the picture's own units (the CSS sets the same)
LABEL_LINE = 22  # px between the lines of a label
LABEL_GAP = 6  # px between two labels of a column
CHAR_WIDTH = 10.5  # px: a generous width for one character of Arabic at LABEL_FONT, to size the picture
WRAP_CHARS = 26  # a longer label goes on two lines (or more), never cut


def wrap_label(label: str, width: int = WRAP_CHARS) -> list[str]:
    """A label in lines of at most `width` characters, broken between words (a longer word is a
    line of its own); nothing is cut."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [label]


def _spread(wanted: list[float], heights: list[float], top: float) -> list[float]:
    """Label tops as near the wanted ones as they can be, in order, none overlapping the one before
    (each at least its predecessor's height plus a gap below it) and none above `top`."""
    placed: list[float] = []
    free = top  # the highest a label may begin, below those placed
    for y, h in zip(wanted, heights):
        placed.append(max(y - h / 2, free))
        free = placed[-1] + h + LABEL_GAP
    return placed


def network(nodes: list[Node], edges: list[Edge], title: str) -> Markup:
    """Who met whom on a circle: edge width by weight, node radius by size, each node a link. The
    labels are horizontal and whole (long ones on two lines), in a column either side of the circle,
    spread so that none overlaps another, each joined to its node by a thin line."""
    if not nodes:
        return Markup("")
    order = circle_order(nodes, edges)
    n = len(order)
    radius = max(150.0, min(330.0, n * 14.0))
    max_r = max(5.0, min(22.0, math.pi * radius / n * 0.8))
    widest = max(len(line) for node in order for line in wrap_label(node.label)) * CHAR_WIDTH
    column = radius + max_r + 40  # the labels' columns, from the centre
    margin = 20
    width = 2 * (column + widest + margin)
    cx = width / 2
    pos = {}
    for i, node in enumerate(order):  # half a step off the top, so that no node sits on the axis
        angle = -math.pi / 2 + 2 * math.pi * (i + 0.5) / n
        pos[node.key] = (radius * math.cos(angle), radius * math.sin(angle))
    lines = {node.key: wrap_label(node.label) for node in order}
    heights = {k: len(v) * LABEL_LINE for k, v in lines.items()}
    sides = {"right": sorted((nd for nd in order if pos[nd.key][0] >= 0), key=lambda nd: pos[nd.key][1]),
             "left": sorted((nd for nd in order if pos[nd.key][0] < 0), key=lambda nd: pos[nd.key][1])}
    top_label = -radius - max_r
    label_top: dict[str, float] = {}
    for side in sides.values():
        tops = _spread([pos[nd.key][1] for nd in side], [heights[nd.key] for nd in side], top_label)
        label_top.update({nd.key: t for nd, t in zip(side, tops)})
    bottom = max([radius + max_r] + [label_top[k] + heights[k] for k in label_top])
    height = bottom - top_label + 2 * margin
    cy = margin - top_label
    top_weight = max((e.weight for e in edges), default=1)
    top_size = max((nd.size for nd in nodes), default=0) or 1
    parts = [f'<svg class="network" viewBox="0 0 {_fmt(width)} {_fmt(height)}" width="{_fmt(width)}" '
             f'height="{_fmt(height)}" role="img" direction="ltr" aria-label="{escape(title)}" '
             f'xmlns="http://www.w3.org/2000/svg">', f"<title>{escape(title)}</title>", '<g class="edges">']
    for e in sorted(edges, key=lambda e: (e.weight, e.a, e.b)):
        if e.a not in pos or e.b not in pos:
            continue
        (x1, y1), (x2, y2) = pos[e.a], pos[e.b]
        stroke = 1 + 7 * math.sqrt(e.weight / top_weight)
        parts.append(f'<line x1="{_fmt(cx + x1)}" y1="{_fmt(cy + y1)}" x2="{_fmt(cx + x2)}" y2="{_fmt(cy + y2)}" '
                     f'stroke-width="{_fmt(stroke)}" class="edge"><title>{escape(e.note)}</title></line>')
    parts.append('</g><g class="nodes">')
    for node in order:
        x, y = pos[node.key]
        r = 5 + (max_r - 5) * math.sqrt(node.size / top_size) if node.size else 5.0
        right = x >= 0
        lx = cx + (column if right else -column)
        ly = cy + label_top[node.key]
        mid = ly + heights[node.key] / 2
        edge_x = cx + x + (r if right else -r) * 0.9
        leader = (f'<polyline class="leader" points="{_fmt(edge_x)},{_fmt(cy + y)} '
                  f'{_fmt(lx + (-8 if right else 8))},{_fmt(mid)} {_fmt(lx + (-3 if right else 3))},{_fmt(mid)}"/>')
        anchor = "start" if right else "end"
        spans = "".join(f'<tspan x="{_fmt(lx)}" y="{_fmt(ly + LABEL_LINE * (k + 0.75))}">{escape(line)}</tspan>'
                        for k, line in enumerate(lines[node.key]))
        parts.append(f'<a href="{escape(node.href)}" class="node {escape(node.css)}">'
                     f'<title>{escape(node.note or node.label)}</title>{leader}'
                     f'<circle cx="{_fmt(cx + x)}" cy="{_fmt(cy + y)}" r="{_fmt(r)}"/>'
                     f'<text text-anchor="{anchor}" class="label">{spans}</text></a>')
    parts.append("</g></svg>")
    return Markup("".join(parts))
