from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "zwfw.web"
    label = "web"
    verbose_name = "页面"

    def ready(self) -> None:
        from django.db.models.signals import pre_save

        from zwfw.inputs import guard_model_text

        pre_save.connect(guard_model_text, dispatch_uid="zwfw.inputs.guard_model_text")
