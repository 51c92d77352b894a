"""Seed the inspection points of 2022 (大厅巡查要点) as the briefings list them.

大厅防控情况 (epidemic control) belongs to the 2022 set; the briefing 2023 年第 3 期
(1 月 16 日—1 月 20 日) still reports it, so it is kept active to the end of January 2023.
Its reading in the references when nothing was wrong is not 总体情况良好 but the sentence below.
Points are data: the centre edits them in the admin as the set changes.
"""
import datetime as dt

from django.db import migrations

START = dt.date(2022, 1, 1)
POINTS = [
    ("按时到岗情况", 10, None, ""),
    ("工作区域标准化执行情况", 20, None, ""),
    ("着装情况", 30, None, ""),
    ("工作牌佩戴情况", 40, None, ""),
    ("纪律秩序", 50, None, ""),
    ("大厅防控情况", 60, dt.date(2023, 1, 31), "大厅人员管控到位，物业对大厅各点位消杀落实到位，大厅运行保障有序。"),
]


def seed(apps, schema_editor):
    Point = apps.get_model("hall", "InspectionPoint")
    for label, order, active_to, good_text in POINTS:
        Point.objects.get_or_create(label=label, active_from=START,
                                    defaults={"order": order, "active_to": active_to, "good_text": good_text})


def unseed(apps, schema_editor):
    Point = apps.get_model("hall", "InspectionPoint")
    Point.objects.filter(label__in=[p[0] for p in POINTS], active_from=START, findings__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("hall", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
