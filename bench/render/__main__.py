"""``python -m bench.render [--runs N]``: how long the briefing takes to print.

For each built-in layout's composed demo issue (``render.sample.demo_issue``) and the sample issue with
its chart: the DOCX (python-docx), one LibreOffice conversion, and the whole PDF (which converts a
second time when the 版记 has to move to the foot of the last page). Medians of N runs. No database.
"""
import argparse
import os
import statistics
import time


def main() -> None:
    parser = argparse.ArgumentParser(description="周报 DOCX / PDF 生成耗时")
    parser.add_argument("--runs", type=int, default=3, help="每项重复次数（取中位数），默认 3")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "zwfw.settings")
    import django

    django.setup()
    from zwfw.briefing.render.docx import render_docx
    from zwfw.briefing.render.pdf import docx_to_pdf, render_pdf
    from zwfw.briefing.render.sample import demo_issue, sample_briefing

    render_docx(sample_briefing())  # imports and the chart font, not timed
    cases = [(f"{code} 版式", demo_issue(code)) for code in ("2022", "2023", "2024")]
    cases.append(("样例（含图表）", sample_briefing()))
    print(f"{'周报':<14}{'DOCX':>10}{'LibreOffice 一次':>18}{'PDF 全程':>12}")
    for name, briefing in cases:
        docx, once, pdf = [], [], []
        for _ in range(args.runs):
            t = time.perf_counter()
            data = render_docx(briefing)
            docx.append(time.perf_counter() - t)
            t = time.perf_counter()
            docx_to_pdf(data)
            once.append(time.perf_counter() - t)
            t = time.perf_counter()
            render_pdf(briefing)
            pdf.append(time.perf_counter() - t)
        print(f"{name:<14}{statistics.median(docx) * 1000:>8.0f} ms{statistics.median(once):>16.1f} s"
              f"{statistics.median(pdf):>10.1f} s")


if __name__ == "__main__":
    main()
