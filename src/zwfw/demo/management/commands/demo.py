"""`zwfw demo`: load the demo hall (catalogue, users, a year of activity). Safe to re-run.

The catalogue and the logins are brought up to date on every run. The year of activity is
generated once per database: a second run finds its record (DemoRun) and leaves it alone.
To regenerate with another seed or scale, start from an empty database.

Above ``STREAM_ABOVE`` (or with ``--stream``) the year is streamed instead (demo/stream.py): applicants,
cases, events and counters in chunks, one transaction each, with a progress bar on stderr; an
interrupted load continues where it stopped when the command is run again with the same seed and scale.
The hall, feedback and assessment extras of the small demo are not generated at that size.
"""
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from zwfw.errors import DomainError

STREAM_ABOVE = 0.001


class Command(BaseCommand):
    help = "载入演示大厅：29 个进驻部门、事项库、各角色演示账号和一年的办件数据（可重复执行）"

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=0.0005,
                            help="办件量相对 2022 年省本级实际量的比例（默认 0.0005；基准测试可用更大值）")
        parser.add_argument("--seed", type=int, default=2026, help="随机种子（相同种子生成相同数据）")
        parser.add_argument("--no-activity", action="store_true", help="只载入事项库和账号，不生成办件")
        parser.add_argument("--stream", action="store_true",
                            help=f"分批流式写入（比例大于 {STREAM_ABOVE:g} 时自动采用；中断后重新执行即从断点继续）")
        parser.add_argument("--max-chunks", type=int, default=None, help="流式写入时本次最多写入的批次数（用于分段装载）")
        parser.add_argument("--no-progress", action="store_true", help="不显示进度条")
        parser.add_argument("--workers", type=int, default=None,
                            help="流式写入时并行生成数据的进程数（默认：PostgreSQL 上 2，SQLite 上 0）")

    def handle(self, *args, **options):
        from zwfw.demo import activity, summary
        from zwfw.demo.catalogue import load_catalogue
        from zwfw.demo.users import DEMO_PASSWORD, load_users
        from zwfw.routing.demo import load_offices

        started = time.monotonic()
        today = timezone.localdate()
        start, end = activity.period(today)
        try:
            counts = load_catalogue(start, today.replace(month=6, day=1))
            users = load_users()
            routing = load_offices(DEMO_PASSWORD)
            self.stdout.write(f"事项库：{counts['departments']} 个部门，主项 {counts['matters']} 项，办理项 {counts['items']} 项。")
            self.stdout.write(f"科室：{routing['offices']} 个科室（处室），各有审批人员（用户名为“部门代码-sp序号”，"
                              f"第一科室的审批人员为部门审批负责人，可改派）。")
            streamed = not options["no_activity"] and (options["stream"] or options["scale"] > STREAM_ABOVE)
            if streamed:
                if not self._stream(activity, options, today):
                    return
            elif not options["no_activity"]:
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

    def _stream(self, activity, options, today) -> bool:
        """Stream the year (or continue it); False when it stopped early by ``--max-chunks``."""
        from zwfw.demo import stream
        from zwfw.demo.models import StreamRun

        if activity.existing_run() is not None and not StreamRun.objects.exists():
            self._activity(activity, options)  # the small demo is already here: say so, change nothing
            return True
        from django.db import connection

        workers = options["workers"]
        if workers is None:
            workers = 2 if connection.vendor == "postgresql" else 0
        run = stream.generate(seed=options["seed"], scale=options["scale"], today=today,
                              max_chunks=options["max_chunks"], show_progress=not options["no_progress"],
                              workers=workers)
        if not run.finished:
            self.stdout.write(f"已写入 {run.chunks_done}/{run.chunks_total} 批（办件 {run.cases} 件，事件 {run.events} 条）；"
                              "再次执行同一命令即从断点继续。")
            return False
        self.stdout.write(f"流式生成完毕：办件 {run.cases} 件，办件事件 {run.events} 条，共 {run.chunks_total} 批。")
        return True

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
