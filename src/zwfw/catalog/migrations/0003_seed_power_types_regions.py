"""Seed the GB/T 39046 power types and Sichuan's 21 cities/prefectures (safe to re-run)."""
from django.db import migrations

from zwfw.catalog.reference import POWER_TYPES, REGIONS


def seed(apps, schema_editor):
    PowerType = apps.get_model("catalog", "PowerType")
    Region = apps.get_model("catalog", "Region")
    for code, name, category in POWER_TYPES:
        PowerType.objects.update_or_create(code=code, defaults={"name": name, "category": category})
    for order, (code, name, full_name, kind) in enumerate(REGIONS, start=1):
        Region.objects.update_or_create(
            code=code, defaults={"name": name, "full_name": full_name, "kind": kind, "display_order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_guides_delegations_bundles_regions")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
