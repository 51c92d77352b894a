"""/api/cases/{number}/materials: a case's materials and their files, for departments' systems.

Listing is for whoever may see the case (file links only for those who handle it); uploading is
multipart (``material``, ``file``, optionally ``trust`` for a department's system) and honours
Idempotency-Key like every POST; reading a file is logged.
"""
from __future__ import annotations

from django.http import FileResponse
from django.urls import reverse
from ninja import File, Form, Router, Schema, UploadedFile
from ninja.responses import Status

from zwfw.accounts.auth import API_AUTH
from zwfw.cases.queries import case_for
from zwfw.errors import NotFound

from . import queries, services
from .models import CaseMaterial

router = Router(tags=["办件材料"], auth=API_AUTH)


class ErrorOut(Schema):
    code: str
    message: str
    field: str | None = None


def _file(request, f: dict, number: str) -> dict:
    out = {k: f[k] for k in ("filename", "kind", "pages", "trust", "trust_label", "channel", "added_by",
                             "verified_by", "reused_from")}
    out |= {"id": f["pk"], "size": f["bytes"], "added_at": f["added_at"].isoformat(),
            "verified_at": f["verified_at"].isoformat() if f["verified_at"] else None,
            "url": reverse("api:case_material_file", args=[number, f["pk"]]) if f["can_open"] else None}
    if not f["can_open"]:
        out["filename"] = ""
    return out


def _listing(request, case) -> dict:
    shown = queries.card(case, request.auth)
    return {"number": case.number, "materials": [{
        "name": m["name"], "required": m["required"], "state": m["state"], "state_label": m["state_label"],
        "trusts": m["trusts"],
        "licence": {"identifier": m["licence"].identifier, "kind": m["licence"].kind.name} if m["licence"] else None,
        "files": [_file(request, f, case.number) for f in m["files"]],
    } for m in shown["materials"]]}


@router.get("/{number}/materials", response={200: dict, 404: ErrorOut}, summary="办件的申请材料及文件")
def list_materials(request, number: str):
    return Status(200, _listing(request, case_for(request.auth, number)))


@router.post("/{number}/materials", response={201: dict, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
             summary="上传申请材料文件（multipart：material、file；部门系统可指定 trust）")
def upload_material(request, number: str, material: Form[str] = "", trust: Form[str] = "",
                    file: File[UploadedFile] = None):
    case = case_for(request.auth, number)
    row = services.add(case=case, material=material, upload=file, actor=request.auth, trust=trust or None,
                       where=f"接口 POST {request.path}"[:100])
    listed = next(f for m in queries.card(case, request.auth)["materials"] for f in m["files"] if f["pk"] == row.pk)
    return Status(201, {"material": row.material, "file": _file(request, listed, case.number)})


@router.get("/{number}/materials/{file_id}", url_name="case_material_file", response={200: None, 404: ErrorOut},
            summary="读取材料文件（记录查看）")
def material_file(request, number: str, file_id: int):
    case = case_for(request.auth, number)
    row = CaseMaterial.objects.select_related("case__applicant", "file").filter(pk=file_id, case=case).first()
    if row is None:
        raise NotFound("没有找到该文件，或您无权查看。", field="file_id")
    handle = services.open_for(case_material=row, user=request.auth, download=True, where=f"接口 GET {request.path}"[:100])
    response = FileResponse(handle, content_type=row.file.content_type, as_attachment=True, filename=row.file.filename)
    response["Cache-Control"] = "private, no-store"
    return response
