"""zwfw accounts issue-key --department CODE --name NAME | revoke-key PREFIX"""
from django.core.management.base import BaseCommand, CommandError

from zwfw.accounts import services
from zwfw.errors import DomainError


class Command(BaseCommand):
    help = "账户与接口密钥管理"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        p = sub.add_parser("issue-key", help="为部门签发接口密钥（密钥只显示一次）")
        p.add_argument("--department", required=True, help="部门编码")
        p.add_argument("--name", required=True, help="密钥用途")
        p = sub.add_parser("revoke-key", help="吊销接口密钥")
        p.add_argument("prefix", help="密钥前缀")

    def handle(self, *args, action, **options):
        try:
            if action == "issue-key":
                key, plain = services.issue_api_key(options["department"], options["name"])
                self.stdout.write(f"已为{key.department.name}签发接口密钥（{key.name}）：")
                self.stdout.write(plain)
                self.stdout.write("请立即妥善保存，密钥只显示这一次；调用接口时放在请求头 X-API-Key 中。")
            else:
                key = services.revoke(options["prefix"])
                self.stdout.write(f"已吊销接口密钥 {key.prefix}（{key.department.name}，{key.name}）。")
        except DomainError as e:
            raise CommandError(e.message) from None
