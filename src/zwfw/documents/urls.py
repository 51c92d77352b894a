from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("cases/<str:number>/issue/<str:kind>", views.issue_view, name="issue"),
    path("<int:pk>/", views.document_view, name="document"),
    path("<int:pk>.pdf", views.document_file, {"fmt": "pdf"}, name="pdf"),
    path("<int:pk>.docx", views.document_file, {"fmt": "docx"}, name="docx"),
    path("licences/<int:pk>.pdf", views.licence_file, {"fmt": "pdf"}, name="licence_pdf"),
    path("licences/<int:pk>.docx", views.licence_file, {"fmt": "docx"}, name="licence_docx"),
]
