"""The law's special procedures (行政许可法第四十五条) as the table centre staff keep; cases decided
before the decision stopped the clock get their decision day and art. 44 delivery deadline."""
import datetime as dt
from zoneinfo import ZoneInfo

from django.db import migrations

LAW = [("hearing", "听证"), ("tendering", "招标"), ("auction", "拍卖"), ("inspection", "检验"), ("testing", "检测"),
       ("quarantine", "检疫"), ("appraisal", "鉴定"), ("expert_review", "专家评审")]
#: Codes used before the table existed that art. 45 does not list: kept for old records, not offered.
LEGACY = {"site_inspection": "现场核查"}
TZ = ZoneInfo("Asia/Shanghai")


def seed_kinds(apps, schema_editor):
    SuspensionKind = apps.get_model("cases", "SuspensionKind")
    Suspension = apps.get_model("cases", "Suspension")
    for order, (code, name) in enumerate(LAW, start=1):
        SuspensionKind.objects.get_or_create(code=code, defaults={"name": name, "order": order})
    used = set(Suspension.objects.values_list("kind", flat=True).distinct())
    for n, code in enumerate(sorted(used - {c for c, _ in LAW}), start=len(LAW) + 1):
        SuspensionKind.objects.get_or_create(
            code=code, defaults={"name": LEGACY.get(code, code), "order": n, "active": False,
                                 "legal_basis": "不属于行政许可法第四十五条所列程序（历史记录）"})


def backfill_decisions(apps, schema_editor):
    from zwfw.cases import clock
    from zwfw.workdays.calendar import Calendar

    Case = apps.get_model("cases", "Case")
    CaseEvent = apps.get_model("cases", "CaseEvent")
    CalendarYear = apps.get_model("workdays", "CalendarYear")
    OfficialDay = apps.get_model("workdays", "OfficialDay")
    decided = Case.objects.filter(status__in=["approved", "denied", "issued", "completed"], decided_on__isnull=True,
                                  accepted_on__isnull=False)
    if not decided.exists():
        return
    years = set(CalendarYear.objects.filter(complete=True).values_list("year", flat=True))
    days = OfficialDay.objects.filter(year__year__in=years).values_list("date", "kind")
    calendar = Calendar([d for d, k in days if k == "holiday"], [d for d, k in days if k != "holiday"], years)
    for case in decided.iterator():
        event = (CaseEvent.objects.filter(case=case, kind__in=["approved", "denied"]).order_by("-at", "-id").first())
        if event is None:
            continue
        case.decided_on = event.at.astimezone(TZ).date()
        if event.kind == "approved":
            case.delivery_due = clock.delivery_due(calendar, case.decided_on)
        case.save(update_fields=["decided_on", "delivery_due"])


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_clock_by_the_law"), ("workdays", "0001_initial")]

    operations = [
        migrations.RunPython(seed_kinds, migrations.RunPython.noop),
        migrations.RunPython(backfill_decisions, migrations.RunPython.noop),
    ]
