"""``zwfw stats rebuild|import-csv|ytd``: the counters from the command line."""
import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from zwfw.errors import DomainError


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        raise CommandError(f"日期“{text}”格式不正确，应为 YYYY-MM-DD") from exc


def _json_default(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(repr(value))


class Command(BaseCommand):
    help = "统计：从事件日志重建计数（rebuild）、导入外部系统日统计（import-csv）、年初至今数据（ytd）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        rebuild = sub.add_parser("rebuild", help="从办件事件日志重新计算本平台的日统计")
        rebuild.add_argument("--from", dest="date_from", type=_date, default=None, help="起始日期（含），默认最早")
        rebuild.add_argument("--to", dest="date_to", type=_date, default=None, help="截止日期（含），默认最晚")
        imp = sub.add_parser("import-csv", help="导入外部系统的日统计 CSV（列：日期、部门、事项类型、指标、数量）")
        imp.add_argument("file")
        imp.add_argument("--source", required=True, help="数据来源（外部系统名称）；同一来源同一日重复导入为替换")
        ytd = sub.add_parser("ytd", help="截至某日的年初至今数据与该周综合窗口数据")
        ytd.add_argument("--date", type=_date, default=None, help="截至日期（含），默认今天")
        ytd.add_argument("--json", action="store_true", help="以 JSON 输出")

    def handle(self, *args, action, **options):
        try:
            getattr(self, "do_" + action.replace("-", "_"))(**options)
        except DomainError as exc:
            raise CommandError(exc.message) from exc

    def do_rebuild(self, date_from, date_to, **_):
        from zwfw.stats.services import rebuild

        rows = rebuild(date_from, date_to)
        span = f"{date_from or '最早'} 至 {date_to or '最晚'}"
        self.stdout.write(f"已重建 {span} 的平台日统计，共 {rows} 条计数。")

    def do_import_csv(self, file, source, **_):
        from zwfw.stats.services import import_csv

        try:
            with open(file, "rb") as fh:
                data = fh.read()
        except FileNotFoundError as exc:
            raise CommandError(f"找不到文件：{file}") from exc
        rows = import_csv(data, source)
        self.stdout.write(f"已导入来源“{source.strip()}”的日统计 {rows} 条。")

    def do_ytd(self, date, json, **_):
        from zwfw.stats import queries

        as_of = date or timezone.localdate()
        monday, friday = queries.working_week(as_of)
        # The week is the Monday–Friday containing the date; the year to date stops at the date itself.
        provincial = queries.ytd(as_of)
        figures = {
            "as_of": as_of,
            **{k: provincial[k] for k in ("permit", "public_service", "other")},
            "comprehensive_window": {
                "week": queries.comprehensive_window(monday, friday),
                "ytd": queries.comprehensive_window_ytd(as_of),
            },
        }
        if json:
            self.stdout.write(_dumps(figures))
            return
        p, s, o = figures["permit"], figures["public_service"], figures["other"]
        w, y = figures["comprehensive_window"]["week"], figures["comprehensive_window"]["ytd"]
        self.stdout.write(
            f"{as_of.year} 年 1 月 1 日至 {as_of.year} 年 {as_of.month} 月 {as_of.day} 日，"
            f"行政许可事项受理 {p['accepted']} 件，办结 {p['completed']} 件；"
            f"公共服务事项受理 {s['accepted']} 件，办结 {s['completed']} 件；"
            f"其它 {o['types']} 类行权事项受理 {o['accepted']} 件，办结 {o['completed']} 件。"
        )
        self.stdout.write(
            f"综合窗口本周（{monday:%m-%d}—{friday:%m-%d}）咨询 {w['consulted']} 人次、受理 {w['accepted']} 件、"
            f"颁发 {w['issued']} 件、流转 {w['transferred']} 件次；今年以来累计咨询 {y['consulted']} 人次、"
            f"受理 {y['accepted']} 件、颁发 {y['issued']} 件、流转 {y['transferred']} 件次。"
        )


def _dumps(figures: dict) -> str:
    return json.dumps(figures, ensure_ascii=False, default=_json_default)
