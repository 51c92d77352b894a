from django.apps import AppConfig
from django.db.models.signals import post_migrate


def seed_reference_data(sender, using="default", **kwargs):
    """Power types and regions a fresh or flushed database needs; never overwrites staff edits."""
    from zwfw.catalog.models import PowerType, Region
    from zwfw.catalog.reference import POWER_TYPES, REGIONS

    for code, name, category in POWER_TYPES:
        PowerType.objects.using(using).get_or_create(code=code, defaults={"name": name, "category": category})
    for order, (code, name, full_name, kind) in enumerate(REGIONS, start=1):
        Region.objects.using(using).get_or_create(
            code=code, defaults={"name": name, "full_name": full_name, "kind": kind, "display_order": order})


class CatalogConfig(AppConfig):
    name = "zwfw.catalog"
    label = "catalog"
    verbose_name = "事项库"

    def ready(self):
        # The data migration seeds a new database; this also reseeds after a flush
        # (transactional tests), since Django sends post_migrate after flush.
        post_migrate.connect(seed_reference_data, sender=self, dispatch_uid="catalog-seed-reference")
