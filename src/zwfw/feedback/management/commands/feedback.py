"""``zwfw feedback default-ratings``: run daily where the centre counts a case not rated in time as 满意."""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone


class Command(BaseCommand):
    help = "好差评：办结后逾期未评价的办件按“满意”计（default-ratings，需开启 ZWFW_DEFAULT_RATING_SATISFIED）"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        run = sub.add_parser("default-ratings", help="把逾期未评价的已办结办件记为“满意”")
        run.add_argument("--date", default=None, help="按哪一天计算（默认今天），如 2026-11-30")

    def handle(self, action, date=None, **_):
        from zwfw.feedback.services import apply_default_ratings

        try:
            today = dt.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError(f"日期格式不正确：{date}（应为 2026-11-30 这样的日期）") from None
        if not settings.ZWFW_DEFAULT_RATING_SATISFIED:
            self.stdout.write("未开启“逾期未评价视为满意”（ZWFW_DEFAULT_RATING_SATISFIED），未做任何改动。")
            return
        made = apply_default_ratings(today)
        self.stdout.write(f"办结后 {settings.ZWFW_DEFAULT_RATING_DAYS} 个工作日内未评价、按“满意”计的办件：{made} 件。")
