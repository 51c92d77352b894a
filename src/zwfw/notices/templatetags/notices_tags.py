"""``{% inbox_link applicant %}``: the portal's link to 我的消息, with the number unread."""
from django import template
from django.urls import reverse
from django.utils.html import format_html

from zwfw.notices.queries import unread_count

register = template.Library()


@register.simple_tag
def inbox_link(applicant):
    unread = unread_count(applicant)
    label = format_html("我的消息（<strong>{}</strong> 条未读）", unread) if unread else "我的消息"
    return format_html('<a class="button" href="{}">{}</a>', reverse("notices:inbox"), label)
