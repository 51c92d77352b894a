"""``zwfw events partitions [--ahead N] [--from YYYY-MM]``: create the events table's monthly partitions
ahead (PostgreSQL). Run it daily or monthly from cron or the jobs worker; it is idempotent."""
import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction


class Command(BaseCommand):
    help = "办件事件：partitions（按月预建办件事件表的分区，PostgreSQL）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="子命令")
        part = sub.add_parser("partitions", help="预建本月及以后若干个月的分区（可重复运行）")
        part.add_argument("--ahead", type=int, default=3, help="向后预建几个月（默认 3，最多 24）")
        part.add_argument("--from", dest="start", help="从哪个月开始补建，如 2025-01（默认本月）")
        part.add_argument("--list", dest="only_list", action="store_true", help="只列出现有分区")

    def handle(self, *args, subcommand: str, ahead: int = 3, start: str | None = None, only_list: bool = False, **options):
        from zwfw.cases import partitions as p

        if not p.is_partitioned(connection):
            self.stdout.write("办件事件表未分区（SQLite 不分区；PostgreSQL 请先执行 zwfw migrate）。")
            return
        if only_list:
            for name in p.partitions(connection):
                self.stdout.write(name)
            return
        if not 0 <= ahead <= 24:
            raise CommandError("--ahead 应在 0 到 24 之间")
        today = dt.date.today()
        first = p.Month.of(today)
        if start:
            try:
                y, m = (int(x) for x in start.split("-"))
                first = p.Month(y, m)
                dt.date(y, m, 1)
            except ValueError:
                raise CommandError(f"月份格式不正确：{start}（应为 2025-01 这样的年月）") from None
        last = p.Month.of(today).plus(ahead)
        with transaction.atomic():
            created = p.ensure_months(first, last, connection)
        if created:
            self.stdout.write(f"已新建分区 {len(created)} 个：{'、'.join(created)}")
        else:
            self.stdout.write("所需分区均已存在。")
