from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "zwfw.assessment"
    label = "assessment"
    verbose_name = "窗口考核"
