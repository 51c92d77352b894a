from django.urls import path

from . import records, views

app_name = "hall"
urlpatterns = [
    path("", views.week, name="week"),
    path("inspections/", views.week),
    path("inspections/new", views.new_round, name="new_round"),
    path("inspections/new/", views.new_round),
    path("findings/<int:pk>/photo/", views.finding_photo, name="finding_photo"),
    path("visits/", records.visits, name="visits"),
    path("visits/new/", records.visit_new, name="visit_new"),
    path("visits/<int:pk>/", records.visit_edit, name="visit_edit"),
    path("commendations/", records.commendations, name="commendations"),
    path("commendations/new/", records.commendation_new, name="commendation_new"),
    path("commendations/<int:pk>/", records.commendation_edit, name="commendation_edit"),
    path("duty/", records.duty, name="duty"),
    path("duty/new/", records.duty_new, name="duty_new"),
    path("duty/<int:pk>/", records.duty_edit, name="duty_edit"),
]
