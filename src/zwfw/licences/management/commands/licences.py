"""``zwfw licences deem-renewals [--date D]``: renewals undecided at expiry are deemed granted (art. 50)."""
import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from zwfw.cn import chinese_date


class Command(BaseCommand):
    help = "电子证照：deem-renewals（按时申请延续、有效期届满前未作决定的，视为准予延续；建议每天运行一次）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="子命令")
        deem = sub.add_parser("deem-renewals", help="视为准予延续（《行政许可法》第五十条，可重复运行，不会重复签发）")
        deem.add_argument("--date", help="按哪一天判断有效期届满（默认今天），如 2026-11-30")

    def handle(self, *args, subcommand: str, date: str | None = None, **options):
        from zwfw.licences.services import deem_renewals

        try:
            day = dt.date.fromisoformat(date) if date else None
        except ValueError:
            raise CommandError(f"日期格式不正确：{date}（应为 2026-11-30 这样的日期）") from None
        deemed = deem_renewals(on=day)
        for licence in deemed:
            old = licence.supersedes
            self.stdout.write(f"{licence.case.number}：{licence.kind.name}有效期于 {chinese_date(old.valid_until)}届满时"
                              f"未作延续决定，视为准予延续，新证照标识 {licence.identifier}")
        self.stdout.write(f"视为准予延续 {len(deemed)} 件。")
