"""{% main_nav %}: the top bar's links for the signed-in role, the current page marked."""
from django import template

from zwfw.web import navigation

register = template.Library()


@register.inclusion_tag("web/nav.html", takes_context=True)
def main_nav(context):
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    links = navigation.nav_links(user) if user is not None else []
    here = navigation.current(links, request.path if request else "")
    return {"links": [{"label": link.label, "path": link.path, "current": link == here} for link in links]}
