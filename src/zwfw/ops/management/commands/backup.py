from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zwfw.errors import DomainError
from zwfw.ops.backup import backup


class Command(BaseCommand):
    help = "备份数据库和上传的文件（MEDIA_ROOT），附清单（manifest.json）。"

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", type=Path, help="备份文件路径（默认 var/backups/zwfw-<时间>.tar.gz）")

    def handle(self, *args, output=None, **options):
        try:
            path = backup(output)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"已备份到 {path}")
