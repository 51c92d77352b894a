"""Charts as PNG for documents, drawn with matplotlib with a CJK font set explicitly (no boxes)."""
from __future__ import annotations

import importlib.util
import io
from functools import lru_cache
from pathlib import Path

from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from zwfw.briefing.document import Chart
from zwfw.errors import DomainError

from .style import TEXT_WIDTH_MM

# Preferred faces, the first one installed wins.
CJK_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "SimHei", "Microsoft YaHei")
COLOURS = ("#C00000", "#1F4E79", "#7F7F7F", "#E46C0A", "#4F6228")
# Noto Sans CJK SC as the mplfonts package (a dependency, from PyPI) ships it: charts draw the same
# on a machine without Debian's CJK fonts.
PACKAGED_FONT = ("mplfonts", "fonts/NotoSansCJKsc-Regular.otf")


def packaged_font_path() -> Path | None:
    spec = importlib.util.find_spec(PACKAGED_FONT[0])  # found without importing the package
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / PACKAGED_FONT[1]
        if path.is_file():
            return path
    return None


@lru_cache(maxsize=1)
def cjk_font_family() -> str:
    path = packaged_font_path()
    if path is not None and all(Path(f.fname) != path for f in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(str(path))
    installed = {f.name for f in font_manager.fontManager.ttflist}
    for name in CJK_FONTS:
        if name in installed:
            return name
    raise DomainError("未找到可用的中文字体（如 Noto Sans CJK SC），无法绘制图表。", code="font_missing")


def chart_png(chart: Chart, *, width_mm: float = TEXT_WIDTH_MM, dpi: int = 200, title: bool = True) -> bytes:
    """The chart as a PNG as wide as the text block (height 0.45 × width); without its title
    when the document prints the title as text beside it."""
    family = cjk_font_family()
    width_in = width_mm / 25.4
    fig = Figure(figsize=(width_in, width_in * 0.45), dpi=dpi)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    font = {"family": family, "size": 10}
    x = list(range(len(chart.categories)))
    count = max(len(chart.series), 1)
    for i, (name, values) in enumerate(chart.series):
        colour = COLOURS[i % len(COLOURS)]
        if chart.kind == "bar":
            width = 0.8 / count
            offsets = [v + (i - (count - 1) / 2) * width for v in x]
            ax.bar(offsets, values, width=width, label=name, color=colour)
        else:
            ax.plot(x, values, marker="o", label=name, color=colour, linewidth=1.6)
    ax.set_xticks(x, list(chart.categories), fontfamily=family, fontsize=9)
    for label in ax.get_yticklabels():
        label.set_fontfamily(family)
    if title:
        ax.set_title(chart.title, fontdict={**font, "size": 12})
    ax.set_ylabel(f"单位：{chart.unit}", fontdict=font)
    ax.grid(axis="y", color="#DDDDDD", linewidth=0.6)
    ax.spines[["top", "right"]].set_visible(False)
    if chart.series:
        ax.legend(prop={"family": family, "size": 9}, frameon=False, loc="lower center",
                  bbox_to_anchor=(0.5, 1.0), ncol=len(chart.series))  # above the plot, never over a bar
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi)
    return out.getvalue()
