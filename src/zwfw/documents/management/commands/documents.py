"""``zwfw documents sync [--force]``: load the repository's document templates into the editable table."""
from django.core.management.base import BaseCommand, CommandError

from zwfw.errors import DomainError


class Command(BaseCommand):
    help = "文书：sync（将仓库中的文书模板文件载入模板表，修改的模板另存新版本）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True, metavar="子命令")
        sync = sub.add_parser("sync", help="载入文书模板；管理后台修改过的模板默认不覆盖")
        sync.add_argument("--force", action="store_true", help="以仓库文件覆盖管理后台的修改（旧版本仍保留）")

    def handle(self, *args, subcommand: str, force: bool = False, **options):
        from zwfw.documents.services import sync_templates

        try:
            report = sync_templates(force=force)
        except DomainError as exc:
            raise CommandError(exc.message) from None
        for kind, outcome in report:
            self.stdout.write(f"{kind}：{outcome}")
        self.stdout.write(f"共 {len(report)} 种文书模板。")
