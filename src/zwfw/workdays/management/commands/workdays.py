"""zwfw workdays add DATE N [--provisional] | between A B [--provisional] | seed [YEAR ...] | set DATE KIND FESTIVAL | remove DATE"""
from django.core.management.base import BaseCommand, CommandError

from zwfw.errors import DomainError
from zwfw.workdays import services
from zwfw.workdays.calendar import PROVISIONAL_LABEL, CalendarMissing, parse_date, parse_days


class Command(BaseCommand):
    help = "工作日计算与工作日历维护"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("add", help="日期加 N 个工作日（起始日不计）")
        p.add_argument("date")
        p.add_argument("days")
        p.add_argument("--provisional", action="store_true",
                       help="尚未录入工作日历的年份暂按常规工作日（周一至周五）计算，并注明")
        p = sub.add_parser("between", help="两个日期之间的工作日数（不含起始日，含结束日）")
        p.add_argument("start")
        p.add_argument("end")
        p.add_argument("--provisional", action="store_true",
                       help="尚未录入工作日历的年份暂按常规工作日（周一至周五）计算，并注明")
        p = sub.add_parser("seed", help="从 chinese-calendar 软件包载入工作日历")
        p.add_argument("years", nargs="*", type=int)
        p = sub.add_parser("set", help="录入一个法定节假日或调休上班日")
        p.add_argument("date")
        p.add_argument("kind", choices=["holiday", "makeup_workday"])
        p.add_argument("festival")
        p = sub.add_parser("remove", help="删除一个已录入的日期")
        p.add_argument("date")
        p = sub.add_parser("complete", help="标记某年的工作日历已录入完整")
        p.add_argument("year", type=int)

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"do_{action}")(**options)
        except CalendarMissing as e:
            hint = "如需暂按常规工作日计算，请加 --provisional。" if action in ("add", "between") else ""
            raise CommandError(e.message + hint) from None
        except DomainError as e:
            raise CommandError(e.message) from None

    @staticmethod
    def _calendar(provisional: bool):
        calendar = services.get_calendar()
        return calendar.provisional() if provisional else calendar

    @staticmethod
    def _mark(calendar, a, b) -> str:
        years = calendar.assumed_years(a, b)
        if not years:
            return ""
        return f"（{PROVISIONAL_LABEL}：{'、'.join(map(str, years))} 年的工作日历尚未录入）"

    def do_add(self, date, days, provisional=False, **_):
        calendar, start = self._calendar(provisional), parse_date(date, "date")
        result = calendar.add(start, parse_days(days))
        self.stdout.write(result.isoformat() + self._mark(calendar, start, result))

    def do_between(self, start, end, provisional=False, **_):
        calendar, a, b = self._calendar(provisional), parse_date(start, "start"), parse_date(end, "end")
        count = calendar.between(a, b)
        self.stdout.write(str(count) + self._mark(calendar, a, b))

    def do_seed(self, years, **_):
        result = services.seed_from_package(years or None)
        for year, outcome in sorted(result.items()):
            self.stdout.write(f"{year} 年：{outcome}")
        self.stdout.write(f"共处理 {len(result)} 个年份。")

    def do_set(self, date, kind, festival, **_):
        day = services.set_day(parse_date(date, "date"), kind, festival)
        self.stdout.write(f"已录入：{day}")

    def do_remove(self, date, **_):
        services.remove_day(parse_date(date, "date"))
        self.stdout.write(f"已删除：{date}")

    def do_complete(self, year, **_):
        services.set_year(year, complete=True)
        self.stdout.write(f"{year} 年工作日历已标记为录入完整，开始参与工作日计算。")
