from django.urls import path

from . import views

app_name = "fees"
urlpatterns = [
    path("cases/<str:number>/payments", views.pay_view, name="pay"),
]
