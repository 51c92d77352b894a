"""Readers: what the case page shows about documents."""
from __future__ import annotations

from .models import IssuedDocument
from .services import fitting, may_print


def for_case_page(user, case) -> dict | None:
    """The documents the user may print now and those already issued; None for those who do not handle it."""
    if not may_print(user, case):
        return None
    return {
        "printable": [{"kind": t.kind, "title": t.title} for t in fitting(case)],
        "issued": list(IssuedDocument.objects.filter(case=case).select_related("issued_by").order_by("issued_at", "id")),
    }
