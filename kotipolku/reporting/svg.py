"""Server-side SVG charts: no JavaScript, readable in print, with role="img" and a <title>.
Every chart is shown next to a data table with the same numbers (templates do that).
All text goes through format_html, so labels from the database are escaped."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

BAR_H = 22
LABEL_W = 230
CHART_W = 560


def bar_chart(*, title: str, items: list[tuple[str, float]], unit: str = "") -> SafeString:
    """Horizontal bars, one per (label, value); values may be None (drawn as no bar)."""
    values = [v or 0 for _label, v in items]
    top = max(values, default=0) or 1
    height = BAR_H * max(len(items), 1) + 10
    # Labels are never cut: the label column grows with the longest label (about 6.5 px a character).
    label_w = int(min(max([len(str(label)) for label, _v in items] + [10]) * 6.5 + 12, 520))
    chart_w = label_w + CHART_W - LABEL_W
    span = chart_w - label_w - 60
    bars = format_html_join(
        "",
        '<g><text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" class="chart-bar"></rect>'
        '<text x="{}" y="{}" class="chart-value">{}{}</text></g>',
        (
            (
                label_w - 6,
                i * BAR_H + 16,
                label,
                label_w,
                i * BAR_H + 4,
                round(span * (v or 0) / top, 1),
                BAR_H - 8,
                label_w + round(span * (v or 0) / top, 1) + 4,
                i * BAR_H + 16,
                "–" if v is None else (int(v) if float(v).is_integer() else v),
                unit,
            )
            for i, (label, v) in enumerate(items)
        ),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" viewBox="0 0 {} {}" '
        'width="100%" preserveAspectRatio="xMinYMin meet"><title>{}</title>{}</svg>',
        chart_w,
        height,
        title,
        bars,
    )


def line_chart(*, title: str, points: list[tuple[str, int]], target: float | None = None) -> SafeString:
    """A line of counts over time with an optional dashed target line (e.g. the target of 50)."""
    w, h, left, bottom, top_pad = CHART_W, 240, 40, 30, 10
    top = max([v for _l, v in points] + [target or 0, 1])
    n = max(len(points) - 1, 1)

    def x(i):
        return round(left + (w - left - 10) * i / n, 1)

    def y(v):
        return round(h - bottom - (h - bottom - top_pad) * v / top, 1)

    path = " ".join(f"{x(i)},{y(v)}" for i, (_l, v) in enumerate(points))
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="3" class="chart-dot"></circle>'
        '<text x="{}" y="{}" text-anchor="middle" class="chart-value">{}</text>'
        '<text x="{}" y="{}" text-anchor="middle" class="chart-label">{}</text>',
        ((x(i), y(v), x(i), y(v) - 6, v, x(i), h - 10, label) for i, (label, v) in enumerate(points)),
    )
    target_line = ""
    if target is not None:
        target_line = format_html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" class="chart-target"></line>'
            '<text x="{}" y="{}" class="chart-label">{}</text>',
            left,
            w - 10,
            y(target),
            y(target),
            left + 2,
            y(target) - 4,
            int(target),
        )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" viewBox="0 0 {} {}" width="100%" '
        'preserveAspectRatio="xMinYMin meet"><title>{}</title>'
        '<line x1="{}" x2="{}" y1="{}" y2="{}" class="chart-axis"></line>{}'
        '<polyline points="{}" class="chart-line"></polyline>{}</svg>',
        w,
        h,
        title,
        left,
        w - 10,
        h - bottom,
        h - bottom,
        target_line,
        path,
        dots,
    )
