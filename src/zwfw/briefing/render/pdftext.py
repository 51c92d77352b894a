"""Where the text of a rendered PDF stands, read with pypdf (no poppler needed): each page's
text fragments with their baseline measured from the top edge, in points."""
from __future__ import annotations

import io
from dataclasses import dataclass

from pypdf import PdfReader


@dataclass(frozen=True)
class Fragment:
    x: float  # from the left edge
    baseline: float  # from the top edge
    size: float  # font size in points as drawn
    text: str


def page_fragments(pdf: bytes) -> list[list[Fragment]]:
    reader = PdfReader(io.BytesIO(pdf))
    pages = []
    for page in reader.pages:
        height = float(page.mediabox.height)
        found: list[Fragment] = []

        def visit(text, cm, tm, font_dict, font_size, found=found, height=height):
            if not text.strip():
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            size = abs(font_size * tm[3] * cm[3]) or abs(font_size)
            found.append(Fragment(x, height - y, size, text.strip()))

        page.extract_text(visitor_text=visit)
        pages.append(found)
    return pages


def page_lines(fragments: list[Fragment], *, tolerance: float = 2.0) -> list[tuple[float, str]]:
    """The fragments joined into lines (baseline, text), top to bottom."""
    lines: list[list] = []
    for f in sorted(fragments, key=lambda f: (round(f.baseline), f.x)):
        if lines and abs(lines[-1][0] - f.baseline) <= tolerance:
            lines[-1][1].append(f)
        else:
            lines.append([f.baseline, [f]])
    return [(y, "".join(f.text for f in sorted(parts, key=lambda f: f.x))) for y, parts in lines]
