"""`zwfw demo`: load the demo hall (catalogue, users, a year of activity). Safe to re-run."""
import datetime as dt

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
        from zwfw.demo.catalogue import load_catalogue
        from zwfw.demo.users import DEMO_PASSWORD, load_users

        today = timezone.localdate()
        year_start = dt.date(today.year, 1, 1)
        try:
            counts = load_catalogue(year_start, dt.date(today.year, 6, 1))
            users = load_users()
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"事项库：{counts['departments']} 个部门，主项 {counts['matters']} 项，办理项 {counts['items']} 项。")
        self.stdout.write(f"演示账号（密码均为 {DEMO_PASSWORD}）：")
        for username, role, dept in users:
            self.stdout.write(f"  {username:<12} {role}{'（' + dept + '）' if dept else ''}")
