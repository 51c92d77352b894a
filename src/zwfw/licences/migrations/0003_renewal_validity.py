"""Renewal (延续, art. 50): how many days before expiry a kind's renewal is applied for; a
licence's first day of validity (a renewal runs on from the old expiry); deemed renewals."""
from django.db import migrations, models
from django.db.models import F


def valid_from_issue(apps, schema_editor):
    apps.get_model("licences", "Licence").objects.update(valid_from=F("issued_on"))


class Migration(migrations.Migration):

    dependencies = [
        ("licences", "0002_identifier_gbt36904_format"),
    ]

    operations = [
        migrations.AddField(
            model_name="licencekind",
            name="renewal_lead_days",
            field=models.PositiveIntegerField(
                default=30,
                help_text="持证人应在有效期届满前多少日提出延续申请（《行政许可法》第五十条：三十日，法律法规另有规定的从其规定）",
                verbose_name="延续申请提前天数"),
        ),
        migrations.AddField(
            model_name="licence",
            name="deemed_renewal",
            field=models.BooleanField(
                default=False, help_text="延续申请按时提出、有效期届满前未作决定，依《行政许可法》第五十条视为准予延续",
                verbose_name="视为准予延续"),
        ),
        migrations.AddField(
            model_name="licence",
            name="valid_from",
            field=models.DateField(null=True, verbose_name="有效期自"),
        ),
        migrations.RunPython(valid_from_issue, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="licence",
            name="valid_from",
            field=models.DateField(help_text="新办自颁发之日起；延续的自原证有效期届满次日起", verbose_name="有效期自"),
        ),
    ]
