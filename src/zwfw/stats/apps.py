from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "zwfw.stats"
    label = "stats"
    verbose_name = "统计"
