from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "zwfw.cases"
    label = "cases"
    verbose_name = "办件"

    def ready(self) -> None:
        from zwfw.workdays.signals import calendar_changed

        from .clockwork import on_calendar_changed

        calendar_changed.connect(on_calendar_changed, dispatch_uid="cases.recompute_open_deadlines")
