import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import migrations, models


def give_each_key_its_own_user(apps, schema_editor):
    ApiKey = apps.get_model("accounts", "ApiKey")
    User = apps.get_model("accounts", "User")
    for key in ApiKey.objects.select_related("department").filter(user__isnull=True):
        dept = key.department
        key.user = User.objects.create(
            username=f"api-{dept.code}-{key.prefix}"[:150], role="api_client", department=dept,
            display_name=f"{dept.short_name or dept.name}接口（{key.name}）"[:32], password=make_password(None),
            is_active=key.active,
        )
        key.save(update_fields=["user"])


class Migration(migrations.Migration):

    dependencies = [
        ("accounts", "0002_apikey"),
    ]

    operations = [
        migrations.AddField(
            model_name="apikey",
            name="user",
            field=models.OneToOneField(
                help_text="接口调用以此用户的名义记录；停用该用户即停用密钥", null=True,
                on_delete=django.db.models.deletion.PROTECT, related_name="api_key", to=settings.AUTH_USER_MODEL,
                verbose_name="代表的用户"),
        ),
        migrations.RunPython(give_each_key_its_own_user, migrations.RunPython.noop),
    ]
