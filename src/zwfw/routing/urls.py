from django.urls import path

from . import views

app_name = "routing"
urlpatterns = [
    path("cases/<str:number>/<str:what>", views.form_view, name="form"),
]
