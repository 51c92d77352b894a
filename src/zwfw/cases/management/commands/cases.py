"""``zwfw cases overdue [--date D]``: cases the law deems accepted start their clock; overdue cases
propose deductions to the window assessment.

``zwfw cases import-events FILE --user NAME``: a department system's events from a CSV or JSON Lines
file, through the same path as ``POST /api/cases/events:batch`` (10 000 rows a batch); rejected rows
and duplicates are reported."""
import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from zwfw.errors import DomainError


class Command(BaseCommand):
    help = "办件：overdue（超期办件向窗口考核提出减分建议，建议每个工作日运行一次）；import-events（批量导入部门系统的办件事件）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="子命令")
        overdue = sub.add_parser("overdue", help="超期办件向窗口考核提出减分建议（可重复运行，不会重复提出）")
        overdue.add_argument("--date", help="按哪一天判断超期（默认今天），如 2026-11-25")
        events = sub.add_parser("import-events", help="批量导入办件事件（CSV 或 JSON Lines，与批量推送接口同一路径）")
        events.add_argument("file", help="CSV（表头 event_id,case,event,at,version,…）或 .jsonl 文件")
        events.add_argument("--user", required=True, help="以哪个账户的权限办理（部门接口账户或平台管理员）")
        events.add_argument("--report", help="把未办理的行写入此 CSV 文件")

    def handle(self, *args, subcommand: str, date: str | None = None, **options):
        if subcommand == "import-events":
            return self.import_events(options["file"], options["user"], options.get("report"))
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

    def import_events(self, path: str, username: str, report: str | None) -> None:
        import csv
        from pathlib import Path

        from zwfw.accounts.models import User
        from zwfw.bulk.rows import MAX_ROWS, read_file
        from zwfw.bulk.services import apply_events

        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"没有启用的账户“{username}”。")
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise CommandError(f"无法读取文件 {path}：{exc.strerror}") from None
        try:
            rows = read_file(data, path)
            if not rows:
                raise DomainError("文件中没有事件。", field="file")
            applied, duplicates, rejected = 0, [], []
            for start in range(0, len(rows), MAX_ROWS):
                out = apply_events(actor=user, raw_rows=rows[start:start + MAX_ROWS])
                applied += out["applied"]
                duplicates += [d | {"index": d["index"] + start} for d in out["duplicates"]]
                rejected += [r | {"index": r["index"] + start} for r in out["rejected"]]
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        for r in rejected:
            self.stdout.write(f"第 {r['index'] + 1} 条（事件编号 {r['event_id'] or '—'}，办件 {r['case'] or '—'}）"
                              f"未办理：{r['message']}")
        self.stdout.write(f"共 {len(rows)} 条：已办理 {applied} 条，重复（此前已接收）{len(duplicates)} 条，"
                          f"未办理 {len(rejected)} 条。")
        if report:
            with open(report, "w", newline="", encoding="utf-8-sig") as f:
                w = csv.writer(f)
                w.writerow(["序号", "事件编号", "办件编号", "错误代码", "原因", "字段"])
                for r in rejected:
                    w.writerow([r["index"] + 1, r["event_id"], r["case"], r["code"], r["message"], r["field"] or ""])
