"""A line chart of p95 latency against data size, as plain SVG (no plotting library)."""

from xml.sax.saxutils import escape

COLOURS = ["#1f5fa8", "#c0392b", "#2f8a4a", "#8e44ad", "#d35400", "#555555"]


def latency_plot(results: dict, names) -> str:
    runs = results["runs"]
    sizes = sorted(int(s) for s in runs)
    series = []
    for name in names:
        points = []
        for size in sizes:
            run = runs.get(size) or runs.get(str(size))
            row = next(
                (r for r in run["rows"] if r["name"] == name and r["mode"] == "uncached"), None
            )
            if row:
                points.append((size, row["p95_us"] / 1000))
        if points:
            series.append((name, points))
    width, height, left, right, top, bottom = 760, 420, 70, 250, 40, 60
    plot_w, plot_h = width - left - right, height - top - bottom
    top_ms = max((ms for _n, pts in series for _s, ms in pts), default=1) * 1.1

    def x(size):
        return left + (sizes.index(size) / max(len(sizes) - 1, 1)) * plot_w

    def y(ms):
        return top + plot_h - ms / top_ms * plot_h

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{left}" y="24" font-size="15">p95 latency (ms) against data size '
        f"(meetings, Polish + English each)</text>",
    ]
    for i in range(6):
        ms = top_ms * i / 5
        out.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y(ms):.1f}" y2="{y(ms):.1f}" '
            'stroke="#ddd"/>'
        )
        out.append(f'<text x="{left - 8}" y="{y(ms) + 4:.1f}" text-anchor="end">{ms:.0f}</text>')
    for size in sizes:
        out.append(
            f'<text x="{x(size):.1f}" y="{top + plot_h + 20}" text-anchor="middle">{size:,}</text>'
        )
    out.append(
        f'<line x1="{left}" x2="{left}" y1="{top}" y2="{top + plot_h}" stroke="black"/>'
        f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}" '
        'stroke="black"/>'
    )
    for i, (name, points) in enumerate(series):
        colour = COLOURS[i % len(COLOURS)]
        path = " ".join(f"{x(s):.1f},{y(ms):.1f}" for s, ms in points)
        out.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for s, ms in points:
            out.append(f'<circle cx="{x(s):.1f}" cy="{y(ms):.1f}" r="3" fill="{colour}"/>')
        ly = top + 10 + i * 20
        out.append(
            f'<rect x="{left + plot_w + 15}" y="{ly - 9}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{left + plot_w + 32}" y="{ly + 1}">{escape(name)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"
