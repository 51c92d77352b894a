"""`zwfw demo`: load the demo hall (catalogue, users, a year of activity). Safe to re-run.

The catalogue and the logins are brought up to date on every run. The year of activity is
generated once per database: a second run finds its record (DemoRun) and leaves it alone.
To regenerate with another seed or scale, start from an empty database.
"""
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from zwfw.errors import DomainError


class Command(BaseCommand):
    help = "载入演示大厅：29 个进驻部门、事项库、各角色演示账号和一年的办件数据（可重复执行）"

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=0.0005,
                            help="办件量相对 2022 年省本级实际量的比例（默认 0.0005；基准测试可用更大值）")
        parser.add_argument("--seed", type=int, default=2026, help="随机种子（相同种子生成相同数据）")
        parser.add_argument("--no-activity", action="store_true", help="只载入事项库和账号，不生成办件")

    def handle(self, *args, **options):
        from zwfw.demo import activity, summary
        from zwfw.demo.catalogue import load_catalogue
        from zwfw.demo.users import DEMO_PASSWORD, load_users

        started = time.monotonic()
        today = timezone.localdate()
        start, end = activity.period(today)
        try:
            counts = load_catalogue(start, today.replace(month=6, day=1))
            users = load_users()
            self.stdout.write(f"事项库：{counts['departments']} 个部门，主项 {counts['matters']} 项，办理项 {counts['items']} 项。")
            if not options["no_activity"]:
                self._activity(activity, options)
                self._notices()
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        if not options["no_activity"]:
            self.stdout.write("—— 数据概况 ——")
            for line in summary.lines(end):
                self.stdout.write(line)
        self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
        for username, role, dept in users:
            self.stdout.write(f"  {username:<12} {role}{'（' + dept + '）' if dept else ''}")
        self.stdout.write(f"完成，用时 {time.monotonic() - started:.1f} 秒。")

    def _notices(self):
        """Deliver the notices the demo's steps queued, so the applicant's inbox is filled without a worker
        (the SMS are not written to the log one by one here)."""
        import logging

        from zwfw.notices.services import deliver_due

        logger = logging.getLogger("zwfw.notices")
        level = logger.level
        logger.setLevel(logging.ERROR)
        try:
            counts = deliver_due()
        finally:
            logger.setLevel(level)
        self.stdout.write(f"办事通知：已发送 {counts['sent']} 条（短信写入日志，门户消息在申请人的“我的消息”中）。")

    def _activity(self, activity, options):
        run = activity.existing_run()
        if run is not None:
            same = run.seed == options["seed"] and abs(run.scale - options["scale"]) < 1e-12
            self.stdout.write(
                f"演示办件数据已于 {timezone.localtime(run.generated_at):%Y-%m-%d %H:%M} 生成（随机种子 {run.seed}，"
                f"比例 {run.scale:g}），本次不再重复生成。"
                + ("" if same else "如需按新的种子或比例生成，请先清空数据库（如删除 var/zwfw.sqlite3）后重新执行。"))
            return
        run = activity.generate(seed=options["seed"], scale=options["scale"], progress=self.stdout.write)
        self.stdout.write(f"演示办件数据生成完毕，用时 {run.seconds:.1f} 秒。")
