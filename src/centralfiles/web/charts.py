"""The search page's histogram of hits over time, drawn on the server as inline SVG.

Each bar is a link that adds its ``date:`` filter to the query, with a ``<title>`` for
screen readers and hover; no script, no inline style (the page's CSP allows neither).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup, escape

WIDTH, HEIGHT, LABEL = 720, 120, 18


def date_bins(dates: list[str]) -> dict[str, Any]:
    """Documents by year (by month when they span under three years), as ``timeline_svg``
    draws them; ``dates`` are ISO dates, one per document."""
    days = sorted(d[:10] for d in dates if d and d[:4].isdigit())
    if not days:
        return {"unit": "year", "bins": []}
    first, last = int(days[0][:4]), int(days[-1][:4])
    if last - first >= 3:
        counts = {year: 0 for year in range(first, last + 1)}
        for day in days:
            counts[int(day[:4])] += 1
        bins = [{"period": str(y), "count": n, "query": f"date:{y}"} for y, n in counts.items()]
        return {"unit": "year", "bins": bins}
    months: dict[str, int] = {}
    year, month = first, int(days[0][5:7] or 1)
    end = (last, int(days[-1][5:7] or 12))
    while (year, month) <= end:
        months[f"{year:04d}-{month:02d}"] = 0
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    for day in days:
        if day[:7] in months:
            months[day[:7]] += 1
    return {"unit": "month", "bins": [
        {"period": m, "count": n, "query": f"date:{m}"} for m, n in months.items()]}  # fmt: skip


def timeline_svg(timeline: dict[str, Any], query: str, sort: str, *, linked: bool = True) -> Markup:
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
        rect = (
            f'<rect class="bar" x="{x:.1f}" y="{HEIGHT - height:.1f}" width="{bar:.1f}" '
            f'height="{max(height, 0.5):.1f}"/>'
        )
        if linked:
            href = "/search?" + urlencode({"q": f"{query} {item['query']}".strip(), "sort": sort})
            parts.append(f'<a href="{escape(href)}" aria-label="{escape(title)}">'
                         f"<title>{escape(title)}</title>{rect}</a>")  # fmt: skip
        else:
            label = escape(title)
            parts.append(f'<g role="img" aria-label="{label}"><title>{label}</title>{rect}</g>')
        if index % every == 0:
            parts.append(
                f'<text class="tick" x="{x + bar / 2:.1f}" y="{HEIGHT + LABEL - 4}" '
                f'text-anchor="middle">{escape(item["period"])}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))
