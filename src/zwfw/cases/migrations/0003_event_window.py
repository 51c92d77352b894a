"""CaseEvent.window: the window that acted, replacing the case's comprehensive-window flag.

Existing events get the window of their actor's role; events without an actor keep the
comprehensive window if they were marked so, else the case's channel decides.
Afterwards run ``zwfw stats rebuild`` so the counters count where the work was done.
"""
from django.db import migrations, models

ROLE_WINDOWS = {
    "comprehensive": ["comprehensive_clerk", "centre_staff"],
    "department_system": ["api_client"],
    "online": ["applicant"],
}
CHANNEL_WINDOWS = {"online": "online", "api": "department_system"}


def fill_windows(apps, schema_editor):
    CaseEvent = apps.get_model("cases", "CaseEvent")
    with_actor = CaseEvent.objects.filter(actor__isnull=False)
    for window, role_list in ROLE_WINDOWS.items():
        with_actor.filter(actor__role__in=role_list).update(window=window)
    without = CaseEvent.objects.filter(actor__isnull=True)
    without.filter(at_comprehensive_window=True).update(window="comprehensive")
    for channel, window in CHANNEL_WINDOWS.items():
        without.filter(at_comprehensive_window=False, case__channel=channel).update(window=window)


def restore_flag(apps, schema_editor):
    CaseEvent = apps.get_model("cases", "CaseEvent")
    CaseEvent.objects.filter(window="comprehensive").update(at_comprehensive_window=True)


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0002_autoapprovalrule_casesequence_idempotencykey_and_more"),
    ]

    operations = [
        migrations.AddField(
            model_name="caseevent",
            name="window",
            field=models.CharField(
                choices=[("comprehensive", "综合窗口"), ("department", "部门窗口"),
                         ("department_system", "部门自建系统"), ("online", "网上办理")],
                default="department", help_text="办理人所在窗口：综合窗口、部门窗口、部门自建系统或网上办理",
                max_length=20, verbose_name="办理窗口"),
        ),
        migrations.RunPython(fill_windows, restore_flag),
        migrations.RemoveField(model_name="caseevent", name="at_comprehensive_window"),
    ]
