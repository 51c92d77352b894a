"""``zwfw briefing <subcommand>``: the weekly briefing from the command line.

Each subcommand is a pair of small functions registered in SUBCOMMANDS:
``add_<name>(parser)`` declares its arguments and ``do_<name>(command, **options)``
runs it through the services. To add ``render`` or ``compose``, write the two
functions and add a line to SUBCOMMANDS; nothing else changes.

    zwfw briefing import FILE [FILE…] [--json]
"""
from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from zwfw.errors import DomainError


# --- import -----------------------------------------------------------------

def add_import(parser) -> None:
    parser.add_argument("files", nargs="+", metavar="FILE", help="周报文件：.txt、.md、.docx、.pdf（可多个）")
    parser.add_argument("--json", dest="as_json", action="store_true", help="按文件输出 JSON 数组（每个文件一个对象）")


def do_import(command: BaseCommand, files: list[str], as_json: bool = False, **_) -> None:
    from zwfw.briefing.services import import_files

    results = import_files(files)
    if as_json:
        command.stdout.write(json.dumps([r.as_json() for r in results], ensure_ascii=False, indent=2))
    else:
        for result in results:
            (command.stdout if result.ok else command.stderr).write(result.summary())
    failed = [r.file for r in results if not r.ok]
    if failed:
        raise CommandError(f"{len(failed)} 个文件未能导入：{'、'.join(failed)}")


# --- registry ---------------------------------------------------------------
# name: (help text, add-arguments function, run function)
SUBCOMMANDS = {
    "import": ("导入历史周报（文本、Word 或 PDF），保存其数据", add_import, do_import),
    # "render": ("把一期周报输出为 DOCX/PDF/HTML/文本", add_render, do_render),
    # "compose": ("按版式和本周数据生成周报草稿", add_compose, do_compose),
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
