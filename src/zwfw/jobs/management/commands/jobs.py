"""``zwfw jobs enqueue-daily|run-daily|deliver``: the background jobs from the command line (cron)."""
import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from zwfw.errors import DomainError


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"日期格式不正确：{text}（应为 2026-12-08 这样的日期）") from None


class Command(BaseCommand):
    help = ("后台任务：enqueue-daily（把每日任务交给后台进程 zwfw db_worker，供 cron 每天调用）、"
            "run-daily（在本进程立即执行每日任务）、deliver（立即发送到期的办事通知）")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="子命令")
        for name, text in [("enqueue-daily", "排入每日任务：超期扫描、证照到期提醒、视为准予延续、统计重建"),
                           ("run-daily", "在本进程立即执行每日任务（不经后台进程）")]:
            p = sub.add_parser(name, help=text)
            p.add_argument("--date", help="按哪一天执行（默认今天），如 2026-12-08")
        sub.add_parser("deliver", help="立即发送所有到期的办事通知")

    def handle(self, *args, subcommand: str, date: str | None = None, **options):
        from zwfw.jobs import tasks

        day = _date(date)
        try:
            if subcommand == "enqueue-daily":
                results = tasks.enqueue_daily(day)
                for r in results:
                    self.stdout.write(f"已排入 {r.task.name}（{r.id}）")
                self.stdout.write(f"共排入 {len(results)} 项任务，由 zwfw db_worker 执行。")
            elif subcommand == "run-daily":
                iso = day.isoformat() if day else None
                for job in tasks.DAILY:
                    self.stdout.write(f"{job.name}：{job.call(iso)}")
                self.stdout.write(f"sweep_notices：{tasks.sweep_notices.call()}")
            else:
                from zwfw.notices.services import deliver_due

                self.stdout.write(f"发送结果：{deliver_due()}")
        except DomainError as exc:
            raise CommandError(exc.message) from exc
