"""``zwfw briefing <subcommand>``: the weekly briefing from the command line.

Each subcommand is a pair of small functions registered in SUBCOMMANDS:
``add_<name>(parser)`` declares its arguments and ``do_<name>(command, **options)``
runs it through the services. The command line is the operator's tool: it acts
with the editor's rights (services take ``user=None`` for it).

    zwfw briefing import FILE [FILE…] [--json] [--replace]
    zwfw briefing compose --from 2026-11-16 --to 2026-11-20 [--template 2024]
    zwfw briefing render ISSUE --format docx|pdf|html|txt -o FILE
    zwfw briefing publish ISSUE [--date 2026-11-25]

ISSUE is the issue's id, or its year and number as 2026-45.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zwfw.errors import DomainError


# --- import -----------------------------------------------------------------

def add_import(parser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="周报文件：.txt、.md、.docx、.pdf（可多个）")
    parser.add_argument("--json", dest="as_json", action="store_true", help="按文件输出 JSON 数组（每个文件一个对象）")
    parser.add_argument("--replace", action="store_true",
                        help="已导入过的期次以本次读数覆盖（默认保留更完整的读数）")


def do_import(command: BaseCommand, files: list[str], as_json: bool = False, replace: bool = False, **_) -> None:
    """Exits non-zero when a file was not imported, or was imported with warnings (a table not read
    whole, figures that contradict each other): such a file must be looked at, never pass silently."""
    from zwfw.briefing.services import import_files

    results = import_files(files, replace=replace)
    if as_json:
        command.stdout.write(json.dumps([r.as_json() for r in results], ensure_ascii=False, indent=2))
    else:
        for result in results:
            (command.stdout if result.ok and not result.warnings else command.stderr).write(result.summary())
    failed = [r.file for r in results if not r.ok]
    warned = [r.file for r in results if r.ok and r.warnings]
    problems = []
    if failed:
        problems.append(f"{len(failed)} 个文件未能导入：{'、'.join(failed)}")
    if warned:
        problems.append(f"{len(warned)} 个文件已导入但有警告，请核对：{'、'.join(warned)}")
    if problems:
        raise CommandError("；".join(problems))


# --- compose / render / publish ---------------------------------------------

def _date(text: str, label: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        raise CommandError(f"{label}格式不正确：{text}（应为 2026-11-20 这样的日期）") from None


def _issue(ref: str):
    from zwfw.briefing.models import Issue

    year, _, number = ref.partition("-")
    try:
        issue = (Issue.objects.filter(year=int(year), number=int(number)) if number
                 else Issue.objects.filter(pk=int(ref))).first()
    except ValueError:
        raise CommandError(f"无法识别的期次：{ref}（应为编号，或 2026-45 这样的年度与期号）") from None
    if issue is None:
        raise CommandError(f"没有找到周报：{ref}")
    return issue


def add_compose(parser) -> None:
    parser.add_argument("--from", dest="start", required=True, help="统计周期开始日期，如 2026-11-16")
    parser.add_argument("--to", dest="end", required=True, help="统计周期结束日期，如 2026-11-20")
    parser.add_argument("--template", default="2024", help="版式编码：2022、2023、2024（默认 2024）")


def do_compose(command: BaseCommand, start: str, end: str, template: str, **_) -> None:
    from zwfw.briefing import editorial

    editorial.ensure_built_in_templates()
    issue = editorial.create_draft(None, period_start=_date(start, "开始日期"), period_end=_date(end, "结束日期"),
                                   template_code=template)
    command.stdout.write(f"已生成周报草稿（编号 {issue.pk}），统计周期 {issue.period_start} 至 {issue.period_end}。")


def add_render(parser) -> None:
    parser.add_argument("issue", metavar="ISSUE", help="周报编号，或 2026-45 这样的年度与期号")
    parser.add_argument("--format", default="pdf", choices=["docx", "pdf", "html", "txt"], help="输出格式")
    parser.add_argument("-o", "--output", required=True, help="输出文件")


def do_render(command: BaseCommand, issue: str, format: str, output: str, **_) -> None:
    from zwfw.briefing import editorial
    from zwfw.briefing.render import render

    briefing, _ = editorial.build(_issue(issue))
    Path(output).write_bytes(render(briefing, format))
    command.stdout.write(f"已输出 {output}")


def add_publish(parser) -> None:
    parser.add_argument("issue", metavar="ISSUE", help="草稿的编号")
    parser.add_argument("--date", help="印发日期（默认今天）")


def do_publish(command: BaseCommand, issue: str, date: str | None = None, **_) -> None:
    from zwfw.briefing import editorial

    published = editorial.publish(None, _issue(issue).pk, on=_date(date, "印发日期") if date else None)
    command.stdout.write(f"已发布：{published}，印发日期 {published.published_on}。")


# --- registry ---------------------------------------------------------------
# name: (help text, add-arguments function, run function)
SUBCOMMANDS = {
    "import": ("导入历史周报（文本、Word 或 PDF），保存其数据", add_import, do_import),
    "compose": ("按版式和本周数据生成周报草稿", add_compose, do_compose),
    "render": ("把一期周报输出为 DOCX/PDF/HTML/文本", add_render, do_render),
    "publish": ("发布一期草稿：编号并冻结内容", add_publish, do_publish),
}


class Command(BaseCommand):
    help = "窗口工作周报：" + "；".join(f"{name}（{text}）" for name, (text, _, _) in SUBCOMMANDS.items())

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="子命令")
        for name, (text, add, _) in SUBCOMMANDS.items():
            add(sub.add_parser(name, help=text, description=text))

    def handle(self, *args, subcommand: str, **options):
        _, _, run = SUBCOMMANDS[subcommand]
        try:
            run(self, **options)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
