"""Queueing notices with the step that causes them, and delivering them from the worker.

- ``queue_for_event``: called by the cases app for every event it appends, inside the step's
  transaction. A notified event costs one INSERT (both channels in one bulk insert); a rolled-back
  step queues nothing. After the commit the delivery task is woken once per transaction.
- ``deliver_due``: claims due notices (``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL, then a
  conditional UPDATE, so two workers never hold the same row), sends each through its channel and
  records the attempt; a temporary failure is retried with exponential backoff, up to
  ``ZWFW_NOTICE_MAX_ATTEMPTS``.
- ``remind_expiring_licences``: a reminder ``ZWFW_LICENCE_REMINDER_DAYS`` before a licence expires, once.
"""
from __future__ import annotations

import datetime as dt
import logging
import secrets

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.db.models import Min, Q
from django.utils import timezone

from zwfw.identifiers import mask_phone

from . import gateways, texts
from .models import Channel, DeliveryAttempt, Kind, Notice, Status

log = logging.getLogger("zwfw.notices")

LEASE = dt.timedelta(minutes=10)      # a claim not finished by then (worker killed) is taken over
BACKOFF_CAP = dt.timedelta(hours=6)
BATCH = 50
CHANNELS = (Channel.SMS, Channel.PORTAL)


# ---- queueing --------------------------------------------------------------------------------------

def _signature() -> str:
    return settings.ZWFW_SMS_SIGNATURE


def _procedure_name(code: str) -> str:
    from zwfw.cases.models import LAW_SUSPENSION_KINDS

    return dict(LAW_SUSPENSION_KINDS).get(code, "")


def text_for_event(event) -> tuple[str, str] | None:
    """(kind, text) of the notice ``event`` sends to its applicant, or None if it sends none.
    Reads only what the step already loaded (the case, its item and department): no query."""
    kind = texts.KIND_OF_EVENT.get(event.kind)
    case = event.case
    if kind is None or case is None:
        return None
    values = texts.case_values(
        kind, number=case.number, item=case.item.name, department=case.department.name,
        url=texts.track_url(settings.ZWFW_PUBLIC_URL, case.number, case.query_code), note=event.note,
        data=event.data, accepted_on=case.accepted_on, promised_due=case.promised_due,
        delivery_due=case.delivery_due, tracking_number=case.tracking_number,
        procedure=_procedure_name((event.data or {}).get("kind", "")) if kind == Kind.SUSPENDED else "")
    return kind, texts.render(kind, values, signature=_signature())


def queue_for_event(event) -> int:
    """Queue the SMS and the portal message of ``event`` in the caller's transaction; how many rows."""
    return queue_for_events([event])


def queue_for_events(events) -> int:
    """Queue the notices of ``events`` (one step's, or a bulk intake's) in one INSERT; how many rows."""
    now, rows = timezone.now(), []
    for event in events:
        found = text_for_event(event)
        if found is None:
            continue
        kind, text = found
        rows += [Notice(applicant_id=event.case.applicant_id, case=event.case, event=event, kind=kind, channel=channel,
                        text=text, next_try_at=now, created_at=now) for channel in CHANNELS]
    if not rows:
        return 0
    Notice.objects.bulk_create(rows)
    wake_after_commit()
    return len(rows)


def _wake() -> None:
    from .tasks import deliver_notices

    deliver_notices.enqueue()


def wake_after_commit() -> None:
    """Enqueue the delivery task once the transaction commits (once per transaction, however many notices)."""
    conn = transaction.get_connection()
    if any(func is _wake for _, func, _ in getattr(conn, "run_on_commit", [])):
        return
    transaction.on_commit(_wake, robust=True)


def remind_expiring_licences(today: dt.date | None = None, days: int | None = None) -> int:
    """Queue a reminder for every valid licence expiring within ``days`` that has had none; how many licences.
    A licence is reminded once (a unique constraint, so two runs at once cannot both remind)."""
    from zwfw.licences.models import Licence

    today = today or timezone.localdate()
    days = settings.ZWFW_LICENCE_REMINDER_DAYS if days is None else days
    due = (Licence.objects.filter(valid_until__gte=today, valid_until__lte=today + dt.timedelta(days=days),
                                  valid_from__lte=today, revoked_at__isnull=True, superseded_by__isnull=True)
           .exclude(notices__kind=Kind.LICENCE_EXPIRING).select_related("kind", "issuer").order_by("valid_until", "id"))
    now, rows, licences = timezone.now(), [], 0
    for licence in due:
        apply_by = licence.valid_until - dt.timedelta(days=licence.kind.renewal_lead_days)
        text = texts.render(Kind.LICENCE_EXPIRING, {
            "licence": licence.kind.name, "identifier": licence.identifier,
            "valid_until": texts.chinese_day(licence.valid_until), "apply_by": texts.chinese_day(apply_by),
            "issuer": licence.issuer.name, "late": "（该日期已过，请尽快办理）" if apply_by < today else "",
            "url": texts.verify_url(settings.ZWFW_PUBLIC_URL, licence.identifier)}, signature=_signature())
        rows += [Notice(applicant_id=licence.holder_id, licence=licence, kind=Kind.LICENCE_EXPIRING, channel=channel,
                        text=text, next_try_at=now, created_at=now) for channel in CHANNELS]
        licences += 1
    if rows:
        with transaction.atomic():
            Notice.objects.bulk_create(rows, ignore_conflicts=True)
            wake_after_commit()
    return licences


# ---- delivering ------------------------------------------------------------------------------------

def _due(now) -> Q:
    return Q(status=Status.QUEUED, next_try_at__lte=now) | Q(status=Status.SENDING, claimed_until__lt=now)


def claim(*, worker: str, limit: int = BATCH, now=None) -> list[Notice]:
    """Take up to ``limit`` due notices for ``worker``: no other worker gets them while the claim lasts."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            rows = Notice.objects.filter(_due(now)).order_by("next_try_at", "id")
            if connection.features.has_select_for_update_skip_locked:
                rows = rows.select_for_update(skip_locked=True)
            ids = list(rows.values_list("pk", flat=True)[:limit])
            if ids:
                Notice.objects.filter(_due(now), pk__in=ids).update(
                    status=Status.SENDING, claimed_by=worker, claimed_until=now + LEASE)
    except OperationalError as exc:  # SQLite: another worker holds the write lock; try on the next round
        if "locked" not in str(exc):
            raise
        return []
    if not ids:
        return []
    return list(Notice.objects.filter(pk__in=ids, status=Status.SENDING, claimed_by=worker)
                .select_related("applicant", "case").order_by("next_try_at", "id"))


def backoff(attempts: int) -> dt.timedelta:
    """The wait after the ``attempts``-th failure: the base, doubled each time, at most 6 hours."""
    return min(dt.timedelta(seconds=settings.ZWFW_NOTICE_BACKOFF_SECONDS * 2 ** (attempts - 1)), BACKOFF_CAP)


def _send(notice: Notice, gateway) -> tuple[str, str, str, str]:
    """(recipient as recorded, receipt, error, outcome): outcome is ok / skip (no mobile number) /
    permanent (the provider refused it) / temporary (try again later)."""
    if notice.channel == Channel.PORTAL:
        return "门户消息", "", "", "ok"
    phone = (notice.applicant.phone or "").strip()
    if not texts.is_mobile(phone):
        why = "申请人未登记手机号码" if not phone else "申请人的联系电话不是手机号码，无法接收短信"
        return mask_phone(phone), "", why, "skip"
    try:
        receipt = gateway.send(phone=phone.replace(" ", "").replace("-", ""), text=notice.text,
                               reference=notice.reference)
    except gateways.PermanentFailure as exc:
        return mask_phone(phone), "", str(exc) or "短信平台拒绝发送", "permanent"
    except gateways.TemporaryFailure as exc:
        return mask_phone(phone), "", str(exc) or "短信平台暂时不可用", "temporary"
    except Exception as exc:  # a gateway's own bug: recorded and retried, never a lost notice
        log.exception("短信网关出错：%s", notice.reference)
        return mask_phone(phone), "", f"短信网关出错：{type(exc).__name__}", "temporary"
    return mask_phone(phone), str(receipt or ""), "", "ok"


def deliver(notice: Notice, *, worker: str, gateway) -> str:
    """Send one claimed notice and record the attempt; the status it ends in."""
    recipient, receipt, error, outcome = _send(notice, gateway)
    now = timezone.now()
    number = notice.attempts + 1
    changes = {"attempts": number, "claimed_by": "", "claimed_until": None, "last_error": error}
    if outcome == "ok":
        changes |= {"status": Status.SENT, "sent_at": now}
    elif outcome == "skip":
        changes |= {"status": Status.SKIPPED}
    elif outcome == "permanent" or number >= settings.ZWFW_NOTICE_MAX_ATTEMPTS:
        changes |= {"status": Status.FAILED}
    else:
        changes |= {"status": Status.QUEUED, "next_try_at": now + backoff(number)}
    if outcome != "ok":
        log.warning("通知 %s（%s → %s）第 %d 次未发送：%s", notice.reference, notice.get_channel_display(),
                    recipient, number, error)
    with transaction.atomic():
        DeliveryAttempt.objects.create(
            notice=notice, number=number, at=now, worker=worker, recipient=recipient, ok=outcome == "ok",
            reference=receipt, error=error,
            gateway="portal" if notice.channel == Channel.PORTAL else gateways.gateway_path())
        Notice.objects.filter(pk=notice.pk, status=Status.SENDING, claimed_by=worker).update(**changes)
    return changes["status"]


def deliver_due(*, worker: str | None = None, limit: int | None = None) -> dict[str, int]:
    """Deliver every due notice (in batches); counts by the status each ended in."""
    worker = worker or f"worker-{secrets.token_hex(6)}"
    gateway = gateways.sms_gateway()
    counts = {s: 0 for s in (Status.SENT, Status.QUEUED, Status.FAILED, Status.SKIPPED)}
    done = 0
    while limit is None or done < limit:
        batch = claim(worker=worker, limit=BATCH if limit is None else min(BATCH, limit - done))
        if not batch:
            break
        for notice in batch:
            counts[deliver(notice, worker=worker, gateway=gateway)] += 1
            done += 1
    return {str(k): v for k, v in counts.items()}


def next_retry_at():
    """When the earliest notice waiting for a retry falls due (None: none waits)."""
    return Notice.objects.filter(status=Status.QUEUED).aggregate(at=Min("next_try_at"))["at"]


# ---- the portal inbox ------------------------------------------------------------------------------

def mark_read(*, user, notice_id=None) -> int:
    """Mark the applicant's own portal message ``notice_id`` (or all of them) read; how many changed."""
    rows = Notice.objects.filter(applicant__user=user, channel=Channel.PORTAL, status=Status.SENT,
                                 read_at__isnull=True)
    if notice_id is not None:
        rows = rows.filter(pk=notice_id)
    return rows.update(read_at=timezone.now())
