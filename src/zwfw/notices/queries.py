"""Reads of the notices: the applicant's portal inbox."""
from __future__ import annotations

from .models import Channel, Notice, Status


def inbox(applicant):
    """The applicant's delivered portal messages, newest first."""
    return (Notice.objects.filter(applicant=applicant, channel=Channel.PORTAL, status=Status.SENT)
            .select_related("case", "licence__kind").order_by("-created_at", "-id"))


def unread_count(applicant) -> int:
    return inbox(applicant).filter(read_at__isnull=True).count()
