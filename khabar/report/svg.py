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


def network(nodes: list[Node], edges: list[Edge], title: str, label_chars: int = 20) -> Markup:
    """A circular layout: edge width by weight, node radius by size, each node a link."""
    if not nodes:
        return Markup("")
    order = circle_order(nodes, edges)
    n = len(order)
    radial = n > 16  # many nodes: labels along the radius, so that neighbours' labels never overlap
    size = 1100 if radial else 1000
    cx = cy = size / 2
    radius = 310 if n > 2 else 200
    spacing = 2 * math.pi * radius / n
    max_r = max(4.0, min(28.0, spacing * 0.42))
    pos = {}
    for i, node in enumerate(order):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        pos[node.key] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle), angle)
    top_weight = max((e.weight for e in edges), default=1)
    top_size = max((nd.size for nd in nodes), default=0) or 1
    top = 0 if radial else max(0, int(cy - radius - max_r - 45))
    parts = [f'<svg class="network" viewBox="0 {top} {size} {size - 2 * top}" role="img" direction="ltr" '
             f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">', f"<title>{escape(title)}</title>",
             '<g class="edges">']
    for e in sorted(edges, key=lambda e: (e.weight, e.a, e.b)):
        if e.a not in pos or e.b not in pos:
            continue
        (x1, y1, _), (x2, y2, _) = pos[e.a], pos[e.b]
        width = 1 + 9 * math.sqrt(e.weight / top_weight)
        parts.append(f'<line x1="{_fmt(x1)}" y1="{_fmt(y1)}" x2="{_fmt(x2)}" y2="{_fmt(y2)}" '
                     f'stroke-width="{_fmt(width)}" class="edge"><title>{escape(e.note)}</title></line>')
    parts.append('</g><g class="nodes">')
    for node in order:
        x, y, angle = pos[node.key]
        r = min(max_r, 4 + (max_r - 4) * math.sqrt(node.size / top_size)) if node.size else min(4.0, max_r)
        label = node.label if len(node.label) <= label_chars else node.label[: label_chars - 1] + "…"
        cos, sin = math.cos(angle), math.sin(angle)
        if radial:
            lx, ly = x + (r + 6) * cos, y + (r + 6) * sin
            degrees = math.degrees(angle)
            anchor = "start" if cos >= 0 else "end"
            if cos < 0:
                degrees += 180
            text = (f'<text x="{_fmt(lx)}" y="{_fmt(ly)}" dy="0.35em" text-anchor="{anchor}" '
                    f'transform="rotate({_fmt(degrees)} {_fmt(lx)} {_fmt(ly)})">{escape(label)}</text>')
        else:
            lx, ly = x + (r + 8) * cos, y + (r + 8) * sin
            anchor = "start" if cos > 0.01 else ("end" if cos < -0.01 else "middle")
            if anchor == "middle":
                ly += (r + 8) * (0.5 if sin > 0 else -0.2)
            text = f'<text x="{_fmt(lx)}" y="{_fmt(ly + 5)}" text-anchor="{anchor}">{escape(label)}</text>'
        parts.append(f'<a href="{escape(node.href)}" class="node {escape(node.css)}">'
                     f'<title>{escape(node.note or node.label)}</title>'
                     f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="{_fmt(r)}"/>{text}</a>')
    parts.append("</g></svg>")
    return Markup("".join(parts))
