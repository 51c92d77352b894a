from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


class WorkdaysConfig(AppConfig):
    name = "zwfw.workdays"
    label = "workdays"
    verbose_name = "工作日历"

    def ready(self):
        from zwfw.workdays import services
        from zwfw.workdays.models import CalendarYear, OfficialDay

        def forget(**kwargs):
            services.invalidate()

        for model in (CalendarYear, OfficialDay):
            post_save.connect(forget, sender=model, dispatch_uid=f"workdays-forget-save-{model.__name__}", weak=False)
            post_delete.connect(forget, sender=model, dispatch_uid=f"workdays-forget-del-{model.__name__}", weak=False)
        # A fresh or flushed database gets the years the chinese-calendar package covers.
        post_migrate.connect(services.seed_missing_years, sender=self, dispatch_uid="workdays-seed")
