"""``{% inbox_link applicant %}``: the portal's link to 我的消息, with the number unread."""
import re

from django import template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from zwfw.notices.queries import unread_count

register = template.Library()


@register.simple_tag
def inbox_link(applicant):
    unread = unread_count(applicant)
    label = format_html("我的消息（<strong>{}</strong> 条未读）", unread) if unread else "我的消息"
    return format_html('<a class="button" href="{}">{}</a>', reverse("notices:inbox"), label)


_LINK = re.compile(r"https?://\S+")


@register.filter
def message_html(text: str):
    """A message as the inbox shows it: the long link (written out for the SMS) as a short one."""
    parts, last = [], 0
    for m in _LINK.finditer(text or ""):
        parts.append(escape(text[last:m.start()]))
        label = "证照核验" if "/licences/verify/" in m.group() else "办件进度"
        parts.append(format_html('<a href="{}">{}</a>', m.group(), label))
        last = m.end()
    parts.append(escape((text or "")[last:]))
    return mark_safe("".join(str(p) for p in parts))  # nosec B308 B703 (every part escaped above)
