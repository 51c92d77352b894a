from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "zwfw.demo"
    label = "demo"
    verbose_name = "演示大厅"
