from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "zwfw.cases"
    label = "cases"
    verbose_name = "办件"
