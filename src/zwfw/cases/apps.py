from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CasesConfig(AppConfig):
    name = "zwfw.cases"
    label = "cases"
    verbose_name = "办件"

    def ready(self) -> None:
        from zwfw.workdays.signals import calendar_changed

        from .clockwork import on_calendar_changed

        calendar_changed.connect(on_calendar_changed, dispatch_uid="cases.recompute_open_deadlines")
        post_migrate.connect(seed_suspension_kinds, sender=self, dispatch_uid="cases-seed-suspension-kinds")


def seed_suspension_kinds(using="default", **kwargs) -> None:
    """post_migrate: a flushed database gets the law's special procedures back (staff edits are kept)."""
    from django.db import connections

    from .models import LAW_SUSPENSION_KINDS, SuspensionKind

    if SuspensionKind._meta.db_table not in connections[using].introspection.table_names():
        return
    if not SuspensionKind.objects.using(using).exists():
        SuspensionKind.objects.using(using).bulk_create(
            [SuspensionKind(code=c, name=n, order=i) for i, (c, n) in enumerate(LAW_SUSPENSION_KINDS, start=1)])
