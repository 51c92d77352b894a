from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from zwfw.errors import DomainError
from zwfw.ops.backup import restore


class Command(BaseCommand):
    help = "从 zwfw backup 的备份文件恢复数据库和上传的文件（先整体校验，再替换现有数据）。"

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="备份文件（.tar.gz）")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive",
                            help="不询问确认")

    def handle(self, *args, archive, interactive=True, **options):
        if interactive:
            answer = input("恢复将覆盖当前数据库和上传的文件。输入 yes 继续：")
            if answer.strip().lower() != "yes":
                raise CommandError("已取消恢复。")
        try:
            manifest = restore(archive)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"已恢复 {manifest['created_at']} 的备份：{len(manifest['files'])} 个文件。")
