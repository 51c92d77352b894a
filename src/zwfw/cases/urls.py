from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.worklist_view, name="worklist"),
    path("new", views.new_view, name="new"),
    path("new/check-id", views.check_id_view, name="check_id"),
    path("new/items", views.item_lookup_view, name="items"),
    path("consultations", views.consultation_view, name="consultations"),
    path("<str:number>/", views.case_view, name="case"),
    path("<str:number>/act/<str:action>", views.act_view, name="act"),
]
