"""Page views of the web app: thin — the page's data comes from web.dashboards."""
from django.shortcuts import render
from django.utils import timezone

from . import dashboards


def home(request):
    """首页: what the signed-in role works on (or the hall's public front)."""
    template, context = dashboards.for_user(request.user, timezone.localdate())
    return render(request, template, context)
