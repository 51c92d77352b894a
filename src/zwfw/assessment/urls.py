from django.urls import path

from . import views

app_name = "assessment"
urlpatterns = [
    path("", views.table, name="table"),
    path("export.xlsx", views.export, name="export"),
    path("windows/<int:department_id>/", views.window_entries, name="window"),
    path("entries/new/", views.new_entry, name="new_entry"),
    path("proposals/", views.proposals, name="proposals"),
]
