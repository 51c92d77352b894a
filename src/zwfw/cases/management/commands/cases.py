"""``zwfw cases overdue [--date D]``: cases the law deems accepted start their clock; overdue cases
propose deductions to the window assessment."""
import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from zwfw.errors import DomainError


class Command(BaseCommand):
    help = "办件：overdue（超期办件向窗口考核提出减分建议，建议每个工作日运行一次）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="子命令")
        overdue = sub.add_parser("overdue", help="超期办件向窗口考核提出减分建议（可重复运行，不会重复提出）")
        overdue.add_argument("--date", help="按哪一天判断超期（默认今天），如 2026-11-25")

    def handle(self, *args, subcommand: str, date: str | None = None, **options):
        from zwfw.cases.clockwork import accept_deemed
        from zwfw.cases.overdue import propose_overdue

        try:
            day = dt.date.fromisoformat(date) if date else None
        except ValueError:
            raise CommandError(f"日期格式不正确：{date}（应为 2026-11-25 这样的日期）") from None
        try:
            deemed = accept_deemed(day)
            n = propose_overdue(day)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if deemed:
            self.stdout.write(f"逾期未作出受理决定、依法视为受理的办件 {deemed} 件，已开始计时。")
        self.stdout.write(f"已向窗口考核提出超期减分建议 {n} 条，请政务平台服务处确认。")
