from django.db import migrations, models

import zwfw.cases.models


def give_each_case_its_own_code(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    for case in Case.objects.only("pk").iterator():
        Case.objects.filter(pk=case.pk).update(query_code=zwfw.cases.models.new_query_code())


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0002_autoapprovalrule_casesequence_idempotencykey_and_more"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="query_code",
            field=models.CharField(default=zwfw.cases.models.new_query_code, editable=False,
                                   help_text="印在受理回执上，凭办件编号和查询码公开查询进度", max_length=8,
                                   verbose_name="查询码"),
        ),
        migrations.RunPython(give_each_case_its_own_code, migrations.RunPython.noop),
    ]
