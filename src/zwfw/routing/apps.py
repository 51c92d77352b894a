from django.apps import AppConfig


class RoutingConfig(AppConfig):
    name = "zwfw.routing"
    label = "routing"
    verbose_name = "流转与更正"
