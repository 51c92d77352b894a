from django.urls import path

from . import bundle_views, portal_views, views

app_name = "cases"
urlpatterns = [
    path("", views.worklist_view, name="worklist"),
    path("export.xlsx", views.worklist_export_view, name="export"),
    path("new", views.new_view, name="new"),
    path("new/check-id", views.check_id_view, name="check_id"),
    path("new/items", views.item_lookup_view, name="items"),
    path("consultations", views.consultation_view, name="consultations"),
    # Applicants online and 一件事一次办 (before the catch-all case route below).
    path("apply/", portal_views.apply_view, name="apply"),
    path("bundles/", bundle_views.bundles_view, name="bundles"),
    path("bundles/applications/<int:pk>/", bundle_views.bundle_application_view, name="bundle_application"),
    path("bundles/<str:code>/apply", bundle_views.bundle_apply_view, name="bundle_apply"),
    path("<str:number>/", views.case_view, name="case"),
    path("<str:number>/act/<str:action>", views.act_view, name="act"),
]
