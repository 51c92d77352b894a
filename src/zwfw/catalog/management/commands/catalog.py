"""``zwfw catalog diff|export|import``: the catalogue from the command line."""
import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from zwfw.errors import DomainError


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        raise CommandError(f"日期“{text}”格式不正确，应为 YYYY-MM-DD") from exc


class Command(BaseCommand):
    help = "事项库：比较两个日期的事项目录（diff），导出（export）或导入（import）Excel"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        diff = sub.add_parser("diff", help="两个日期之间事项目录的调整情况")
        diff.add_argument("--from", dest="date_from", required=True, type=_date)
        diff.add_argument("--to", dest="date_to", required=True, type=_date)
        export = sub.add_parser("export", help="把某日有效的事项目录导出为 Excel")
        export.add_argument("file")
        export.add_argument("--date", type=_date, default=None)
        imp = sub.add_parser("import", help="从 Excel 导入事项目录（全部成功或全部不导入）")
        imp.add_argument("file")
        imp.add_argument("--date", type=_date, default=None, help="调整的生效日期，默认今天")
        imp.add_argument("--withdraw-missing", action="store_true",
                         help="文件中部门在用、但文件未列出的办理项和事项自该日期起取消")

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"do_{action}")(**options)
        except DomainError as exc:
            raise CommandError(exc.message) from exc

    def do_diff(self, date_from, date_to, **_):
        from zwfw.catalog.diffing import render_diff
        from zwfw.catalog.queries import catalog_diff

        for line in render_diff(catalog_diff(date_from, date_to)):
            self.stdout.write(line)

    def do_export(self, file, date, **_):
        from zwfw.catalog.excel import export_catalog

        on = date or timezone.localdate()
        count = export_catalog(file, on)
        self.stdout.write(f"已导出 {on:%Y-%m-%d} 有效的办理项 {count} 项到 {file}")

    def do_import(self, file, date, withdraw_missing, **_):
        from zwfw.catalog.excel import import_catalog

        on = date or timezone.localdate()
        try:
            result = import_catalog(file, on, withdraw_missing=withdraw_missing)
        except FileNotFoundError as exc:
            raise CommandError(f"找不到文件：{file}") from exc
        self.stdout.write(f"已导入（自 {on:%Y-%m-%d} 起生效）：{result.summary()}")
