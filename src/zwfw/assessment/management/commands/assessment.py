"""``zwfw assessment rank --month 2023-12 [--json]`` and ``zwfw assessment export --month 2023-12 FILE``."""
import json

from django.core.management.base import BaseCommand, CommandError

from zwfw.errors import DomainError


class Command(BaseCommand):
    help = "窗口考核：某月排名（rank）或导出 Excel（export）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        rank = sub.add_parser("rank", help="某月窗口考核结果（排名）")
        rank.add_argument("--month", required=True, help="YYYY-MM，如 2023-12")
        rank.add_argument("--json", action="store_true", help="以 JSON 输出")
        export = sub.add_parser("export", help="把某月考核结果导出为 Excel")
        export.add_argument("file")
        export.add_argument("--month", required=True)

    def handle(self, *args, action, **options):
        from zwfw.assessment import queries, services

        try:
            month = services.parse_month(options["month"])
            if action == "export":
                from zwfw.assessment.excel import month_workbook

                with open(options["file"], "wb") as fh:
                    fh.write(month_workbook(month))
                self.stdout.write(f"已导出 {queries.attachment_title(month)}：{options['file']}")
                return
            if options["json"]:
                rows = queries.rows_as_json(queries.month_table(month))
                self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
                return
            data = queries.month_attachment(month)
            self.stdout.write(data["title"])
            self.stdout.write("\t".join(data["columns"]))
            for row in data["rows"]:
                self.stdout.write("\t".join(row))
        except DomainError as exc:
            raise CommandError(exc.message) from exc
