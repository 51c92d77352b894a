from django.urls import path

from . import views

app_name = "catalog"
urlpatterns = [
    path("", views.item_list, name="items"),
    path("diff/", views.diff, name="diff"),
    path("anomalies/", views.anomalies, name="anomalies"),
    path("items/<path:code>/", views.item_detail, name="item"),  # codes made before validation may hold a slash
]
