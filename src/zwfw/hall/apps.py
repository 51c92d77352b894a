from django.apps import AppConfig
from django.db.models.signals import post_migrate


def seed_inspection_points(sender, using="default", **kwargs):
    """The 2022 inspection points, when the table is empty (a new or flushed database)."""
    from zwfw.hall.models import InspectionPoint

    if InspectionPoint.objects.using(using).exists():
        return
    from importlib import import_module

    seed = import_module("zwfw.hall.migrations.0002_seed_inspection_points")
    for label, order, active_to, good_text in seed.POINTS:
        InspectionPoint.objects.using(using).create(label=label, active_from=seed.START, order=order,
                                                    active_to=active_to, good_text=good_text)


class HallConfig(AppConfig):
    name = "zwfw.hall"
    label = "hall"
    verbose_name = "大厅管理"

    def ready(self):
        post_migrate.connect(seed_inspection_points, sender=self, dispatch_uid="hall-seed-points")
