"""Growing the demo hall's long tables: copies of existing rows, with fresh values where a row must be unique.

Reads are measured before and after; the copies need not be consistent histories (no service is run),
only rows that the pages and lists would show.
"""
from __future__ import annotations

import datetime as dt
import itertools

from django.db.models import Q

_serial = itertools.count(1)


def _copies(rows: list, n: int, fresh) -> list:
    out = []
    for i, row in zip(range(n), itertools.cycle(rows)):
        copy = _clone(row)
        fresh(copy, next(_serial))
        out.append(copy)
    return out


def _clone(row):
    copy = type(row)()
    for f in row._meta.concrete_fields:
        if not f.primary_key:
            setattr(copy, f.attname, getattr(row, f.attname))
    return copy


def grow(n: int, *, case_number: str) -> None:
    """Add ``n`` rows to every long list the pages and API read: cases (of a department, of the portal's
    applicant, deemed accepted), events of the case ``case_number``, ratings, rectifications, 12345 tickets,
    licences, credit listings, issued documents, news items and inspection findings."""
    from zwfw.briefing.models import NewsItem
    from zwfw.cases.models import Case, CaseEvent
    from zwfw.credit.models import Listing
    from zwfw.documents.models import IssuedDocument
    from zwfw.feedback.models import HotlineTicket, Rating, Rectification
    from zwfw.hall.models import Finding
    from zwfw.licences.models import Licence

    def numbered(prefix):
        def fresh(copy, i):
            copy.number = f"{prefix}{i:09d}"
        return fresh

    sources = list(Case.objects.filter(Q(department__code="lcj") | Q(applicant__user__username="shenqingren"))
                   .order_by("id")[:40])
    cases = Case.objects.bulk_create(_copies(sources, n, numbered("GROW")))
    def deemed(copy, i):  # received a month ago, nobody answered: accepted by law (art. 32)
        numbered("DEEM")(copy, i)
        copy.status, copy.received_on = "applied", dt.date.today() - dt.timedelta(days=30)
        copy.correction_requested_on = copy.corrected_on = copy.accepted_on = None
        copy.correction_late = False
    Case.objects.bulk_create(_copies(sources, n, deemed))
    shown = Case.objects.get(number=case_number)
    events = list(CaseEvent.objects.filter(case=shown).order_by("id")[:5])
    CaseEvent.objects.bulk_create(_copies(events, n, lambda c, i: None))

    completed = [c for c in cases if c.status == "completed"] or cases
    ratings = list(Rating.objects.order_by("id")[:10])
    made_ratings = []
    if ratings:
        targets = iter(Case.objects.bulk_create(_copies(completed, n, numbered("RATE"))))

        def rated(copy, i):
            case = next(targets)
            copy.case_id, copy.department_id = case.pk, case.department_id
        made_ratings = Rating.objects.bulk_create(_copies(ratings, n, rated))
    rects = list(Rectification.objects.order_by("id")[:5])
    if rects and made_ratings:
        free = iter(made_ratings)
        Rectification.objects.bulk_create(_copies(rects, n, lambda c, i: setattr(c, "rating_id", next(free).pk)))
    tickets = list(HotlineTicket.objects.order_by("id")[:10])
    if tickets:
        HotlineTicket.objects.bulk_create(_copies(tickets, n, numbered("T")))
    licences = list(Licence.objects.filter(superseded_by__isnull=True).order_by("id")[:10])
    if licences:
        def licence(copy, i):
            copy.identifier = f"{copy.identifier[:60]}-G{i}"
            copy.serial = 900_000_000 + i
        Licence.objects.bulk_create(_copies(licences, n, licence))
    listings = list(Listing.objects.order_by("id")[:5])
    if listings:
        Listing.objects.bulk_create(_copies(listings, n, lambda c, i: None))
    documents = list(IssuedDocument.objects.order_by("id")[:5])
    if documents:
        IssuedDocument.objects.bulk_create(_copies(documents, n, numbered("DOC")))
    news = list(NewsItem.objects.order_by("id")[:5])
    if news:
        NewsItem.objects.bulk_create(_copies(news, n, lambda c, i: None))
    findings = list(Finding.objects.order_by("id")[:5])
    if findings:
        Finding.objects.bulk_create(_copies(findings, n, lambda c, i: None))
