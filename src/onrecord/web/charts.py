"""Charts as inline SVG drawn on the server: no script, nothing fetched, readable at phone width.

Every label is escaped; the SVG scales to its container (``viewBox``, width 100%).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

WIDTH, HEIGHT, PAD = 640, 220, 34
COLOURS = {
    "named": "#2f6f4e",
    "anonymous": "#b5462f",
    "vague": "#c9932b",
    "other": "#8a94a6",
    "bar": "#234e8c",
}


def bars(points: Sequence[tuple[str, float]], *, title: str, unit: str = "") -> str:
    """A bar chart of ``(label, value)`` in order (months, say), with a label under every few bars."""
    if not points:
        return f'<p class="empty">No dated data for {escape(title)}.</p>'
    top = max(v for _, v in points) or 1.0
    n = len(points)
    inner = WIDTH - 2 * PAD
    step = inner / n
    every = max(1, n // 8)
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT + 30}" width="100%" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>',
        f'<line x1="{PAD}" y1="{HEIGHT}" x2="{WIDTH - PAD}" y2="{HEIGHT}" stroke="#b8c0cc"/>',
        f'<text x="{PAD}" y="16" font-size="15" fill="#4a5263">max {escape(_num(top))}{escape(unit)}</text>',
    ]
    for i, (label, value) in enumerate(points):
        h = (HEIGHT - 24) * value / top
        x = PAD + i * step
        parts.append(
            f'<rect x="{x + step * 0.1:.1f}" y="{HEIGHT - h:.1f}" width="{max(step * 0.8, 1):.1f}" '
            f'height="{h:.1f}" fill="{COLOURS["bar"]}"><title>{escape(label)}: {escape(_num(value))}'
            f"{escape(unit)}</title></rect>"
        )
        if i % every == 0:
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="{HEIGHT + 20}" font-size="15" text-anchor="middle" '
                f'fill="#4a5263">{escape(label)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def shares(rows: Sequence[tuple[str, dict[str, float]]], *, title: str) -> str:
    """One horizontal bar per row, split by share (named / anonymous / vague / other), with a key."""
    if not rows:
        return f'<p class="empty">No attributions for {escape(title)}.</p>'
    kinds = [k for k in ("named", "anonymous", "vague", "other") if any(r.get(k) for _, r in rows)]
    row_h, label_w = 28, 170
    height = row_h * len(rows) + 30
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for i, (label, share) in enumerate(rows):
        y = i * row_h
        parts.append(
            f'<text x="0" y="{y + 16}" font-size="15" fill="#1d2330">{escape(_clip(label, 22))}</text>'
        )
        x = float(label_w)
        for k in kinds:
            w = (WIDTH - label_w) * share.get(k, 0.0)
            if w <= 0:
                continue
            parts.append(
                f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{row_h - 8}" fill="{COLOURS[k]}">'
                f"<title>{escape(label)}: {escape(k)} {share.get(k, 0.0):.0%}</title></rect>"
            )
            x += w
    key_y = row_h * len(rows) + 20
    for j, k in enumerate(kinds):
        kx = label_w + j * 110
        parts.append(
            f'<rect x="{kx}" y="{key_y - 10}" width="10" height="10" fill="{COLOURS[k]}"/>'
            f'<text x="{kx + 14}" y="{key_y}" font-size="15" fill="#1d2330">{escape(k)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _num(v: float) -> str:
    return f"{v:.0f}" if float(v).is_integer() else f"{v:.2f}"


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
