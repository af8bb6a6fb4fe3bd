"""The search page's histogram of hits over time, drawn on the server as inline SVG.

Each bar is a link that adds its ``date:`` filter to the query, with a ``<title>`` for
screen readers and hover; no script, no inline style (the page's CSP allows neither).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup, escape

WIDTH, HEIGHT, LABEL = 720, 120, 18


def timeline_svg(timeline: dict[str, Any], query: str, sort: str) -> Markup:
    bins = timeline["bins"]
    if not bins:
        return Markup("")
    most = max(b["count"] for b in bins) or 1
    step = WIDTH / len(bins)
    bar = max(step - 2, 1)
    unit = timeline["unit"]
    parts = [
        f'<svg class="timeline" viewBox="0 0 {WIDTH} {HEIGHT + LABEL}" role="group" '
        f'aria-label="Hits by {unit}" xmlns="http://www.w3.org/2000/svg">'
    ]
    every = max(1, round(len(bins) / 12))  # at most about a dozen labels
    for index, item in enumerate(bins):
        height = (HEIGHT - 4) * item["count"] / most
        x = index * step
        title = f"{item['period']}: {item['count']} document{'s' if item['count'] != 1 else ''}"
        href = "/search?" + urlencode({"q": f"{query} {item['query']}".strip(), "sort": sort})
        parts.append(
            f'<a href="{escape(href)}" aria-label="{escape(title)}"><title>{escape(title)}</title>'
            f'<rect class="bar" x="{x:.1f}" y="{HEIGHT - height:.1f}" width="{bar:.1f}" '
            f'height="{max(height, 0.5):.1f}"/></a>'
        )
        if index % every == 0:
            parts.append(
                f'<text class="tick" x="{x + bar / 2:.1f}" y="{HEIGHT + LABEL - 4}" '
                f'text-anchor="middle">{escape(item["period"])}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))
