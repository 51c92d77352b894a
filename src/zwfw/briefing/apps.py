from django.apps import AppConfig


class BriefingConfig(AppConfig):
    name = "zwfw.briefing"
    label = "briefing"
    verbose_name = "窗口工作周报"
