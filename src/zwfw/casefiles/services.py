"""Writers: add a file as a material of a case, check it against the original, reuse it in a later case, open it.

Each is one transaction; the file is saved before the rows and removed again if they fail, so there is
never a row without its file nor a file without its row. Every act is a FileLog row (append-only) and a
line on the ``zwfw.audit`` logger.
"""
from __future__ import annotations

import hashlib
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from zwfw.catalog.materials import normalise_material_name
from zwfw.errors import DomainError, Forbidden, NotFound

from . import content, rules, storage
from .models import CaseMaterial, Channel, FileAction, FileLog, StoredFile, Trust

audit = logging.getLogger("zwfw.audit")
CHANNEL_OF_ROLE = {"applicant": Channel.ONLINE, "api_client": Channel.API}


def log(action: str, *, user, case_material: CaseMaterial, where: str = "", note: str = "") -> FileLog:
    entry = FileLog.objects.create(user=user if getattr(user, "pk", None) else None, action=action,
                                   case_id=case_material.case_id, case_material=case_material,
                                   file_id=case_material.file_id, where=where[:100], note=note[:200])
    audit.warning("casefile %s case=%s file=%s user=%s where=%s", action, case_material.case.number,
                  case_material.file_id, getattr(user, "pk", None), where)
    return entry


def _material(case, material: str, field: str = "material") -> str:
    material = (material or "").strip()
    names = [m["name"] for m in case.materials or []]
    if not material:
        raise DomainError("请选择这份文件是哪一项申请材料。", code="material_required", field=field)
    if material not in names:
        raise DomainError(f"“{material[:60]}”不是该办件办事指南所列的申请材料。", code="unknown_material", field=field)
    return material


def _standing(case, material: str) -> dict:
    return next(m for m in case.materials if m["name"] == material)


def _read(upload, field: str) -> bytes:
    """The upload's bytes, refusing an oversize file before reading it."""
    if upload is None:
        raise DomainError("请选择要上传的文件（PDF、JPG 或 PNG）。", code="file_required", field=field)
    size = getattr(upload, "size", None) or 0
    if size > storage.max_bytes():
        content.check(data=b"x", size=size, max_bytes=storage.max_bytes(), field=field)
    upload.seek(0)
    return upload.read()


def _trust_for(actor, standing: dict, verify_original: bool, trust: str | None) -> str:
    role = getattr(actor, "role", None)
    if role == "api_client" and trust:
        if trust not in (Trust.UPLOADED, Trust.VERIFIED, Trust.ISSUED):
            raise DomainError("可信程度应为 uploaded（申请人上传）、verified（窗口核验原件）或 issued（部门核发）。",
                              code="trust", field="trust")
        return trust
    if trust and role != "api_client":
        raise Forbidden("只有部门业务系统推送时可以指定可信程度。", code="trust_not_allowed", field="trust")
    if verify_original and role in rules.WINDOW_ROLES:
        return Trust.VERIFIED
    if standing.get("promised") and not standing.get("provided"):
        return Trust.PROMISED
    return Trust.UPLOADED


def add(*, case, material: str, upload, actor, verify_original: bool = False, trust: str | None = None,
        where: str = "", field: str = "file") -> CaseMaterial:
    """Store ``upload`` (a Django UploadedFile) as ``material`` of ``case``.

    Refused at the field: a material the guide does not list, an empty, oversize, non-PDF/JPG/PNG or
    damaged file (by content, never by name or declared type); 404 for a case the actor does not handle.
    """
    if not rules.may_add(actor, case):
        if rules.may_open_case(actor, case):
            raise Forbidden("您不能为该办件上传材料（办件已办结，或不是您经办的环节）。", code="upload_not_allowed",
                            field=field)
        raise NotFound("没有找到该办件，或您无权查看。", field="number")
    material = _material(case, material)
    data = _read(upload, field)
    checked = content.check(data=data, size=len(data), max_bytes=storage.max_bytes(), field=field)
    chosen = _trust_for(actor, _standing(case, material), verify_original, trust)
    now = timezone.now()
    with storage.saved(data, checked.extension) as name, transaction.atomic():
        stored = StoredFile.objects.create(
            applicant_id=case.applicant_id, name=name, filename=content.clean_filename(getattr(upload, "name", ""), checked),
            kind=checked.kind, content_type=checked.content_type, size=len(data), pages=checked.pages,
            sha256=hashlib.sha256(data).hexdigest(), uploaded_by=actor, uploaded_at=now,
            channel=CHANNEL_OF_ROLE.get(getattr(actor, "role", None), Channel.WINDOW))
        verified = chosen == Trust.VERIFIED
        row = CaseMaterial.objects.create(case=case, material=material, file=stored, trust=chosen, added_by=actor,
                                          added_at=now, verified_by=actor if verified else None,
                                          verified_at=now if verified else None)
        log(FileAction.UPLOAD, user=actor, case_material=row, where=where,
            note=f"{stored.filename}（{Trust(chosen).label}）")
        if verified:
            log(FileAction.VERIFY, user=actor, case_material=row, where=where, note="上传时核验原件")
    return row


@transaction.atomic
def verify(*, case_material: CaseMaterial, actor, where: str = "") -> CaseMaterial:
    """窗口核验原件: a clerk handling the case saw the original and confirms the file is a true copy."""
    row = CaseMaterial.objects.select_for_update().select_related("case__applicant").get(pk=case_material.pk)
    if not rules.may_verify(actor, row.case):
        raise NotFound("没有找到该材料，或您无权核验。", field="file")
    if row.trust == Trust.VERIFIED:
        raise DomainError(f"该文件已于 {timezone.localtime(row.verified_at):%Y-%m-%d %H:%M} 核验原件。",
                          code="already_verified", field="file")
    if row.trust in (Trust.ISSUED, Trust.PROMISED):
        raise DomainError(f"{Trust(row.trust).label}的材料无需核验原件。", code="not_verifiable", field="file")
    row.trust, row.verified_by, row.verified_at = Trust.VERIFIED, actor, timezone.now()
    row.save(update_fields=["trust", "verified_by", "verified_at"])
    log(FileAction.VERIFY, user=actor, case_material=row, where=where)
    return row


@transaction.atomic
def reuse(*, case, source: CaseMaterial, actor, where: str = "") -> CaseMaterial:
    """Use a file the same applicant handed in for an earlier case as the same material of ``case``.

    The file is not copied; its trust level and any verification go with it, and the reuse is logged
    on both cases' file (FileLog action 复用, naming the earlier case).
    """
    if not rules.may_verify(actor, case):
        raise NotFound("没有找到该办件，或您无权复用材料。", field="number")
    if source.case.applicant_id != case.applicant_id or source.case_id == case.id:
        raise NotFound("没有找到可复用的材料。", field="source")
    key = normalise_material_name(source.material)
    material = next((m["name"] for m in case.materials or [] if normalise_material_name(m["name"]) == key), None)
    if material is None:
        raise DomainError(f"本办件的申请材料中没有“{source.material}”，不能复用。", code="not_same_material",
                          field="source")
    try:
        with transaction.atomic():
            row = CaseMaterial.objects.create(
                case=case, material=material, file_id=source.file_id, trust=source.trust, added_by=actor,
                added_at=timezone.now(), verified_by_id=source.verified_by_id, verified_at=source.verified_at,
                reused_from=source)
    except IntegrityError:
        raise DomainError("该文件已是本办件的这项材料。", code="already_reused", field="source") from None
    log(FileAction.REUSE, user=actor, case_material=row, where=where,
        note=f"复用办件 {source.case.number} 的“{source.material}”")
    return row


def open_for(*, case_material: CaseMaterial, user, download: bool = False, where: str = ""):
    """The file's content for ``user`` (404 unless they may open it); the view or download is logged first."""
    if not rules.may_open(user, case_material):
        raise NotFound("没有找到该文件，或您无权查看。", field="file")
    with transaction.atomic():
        log(FileAction.DOWNLOAD if download else FileAction.VIEW, user=user, case_material=case_material, where=where)
    return storage.open_file(case_material.file.name)


# ---- scans handed in with a new application at the window ---------------------------------------

def intake_scans(files, checklist: list[dict]) -> dict:
    """The acceptance form's scans: ``scan-<i>`` is the i-th material of the checklist (免提交 ones take none).
    Returns {material name: (field, upload)}."""
    out = {}
    for i, m in enumerate(checklist):
        upload = files.get(f"scan-{i}")
        if upload is not None and not m.get("exempt"):
            out[m["name"]] = (f"scan-{i}", upload)
    return out


def attach_scans(*, case, scans: dict, actor, verified: bool = False, where: str = "收件受理") -> list[CaseMaterial]:
    """Store each scan as its material of the new case (the caller holds storage.atomic with the application)."""
    return [add(case=case, material=name, upload=upload, actor=actor, verify_original=verified, where=where,
                field=field) for name, (field, upload) in scans.items()]
