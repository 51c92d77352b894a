"""Walking the OpenAPI description: plausible values for every operation, hostile variants, table footprints."""
from __future__ import annotations

import hashlib
import json
from urllib.parse import quote, urlencode

from django.apps import apps
from django.utils import timezone

from zwfw.api import api

BAD_TEXT = ["a\x00b", "长" * 20000, "'\"<script>x</script>/../"]
BAD_INT = [2**63, -(2**63) - 1, 10**30, -1]
BAD_DATE = ["0001-01-01", "9999-12-31", "2026-02-30", "1900-01-01"]
BAD_DATETIME = ["0001-01-01T00:00:00+08:00", "9999-12-31T23:59:59+08:00", "2026-11-20T10:00:00+25:00",
                "2026-11-20T10:00:00+23:59", "1900-01-01T08:00:00Z", "2026-11-20T10:00:00\x00"]


def kind_of(schema: dict) -> str:
    """string / date / date-time / integer / number / boolean / array / object, looking through anyOf."""
    for option in schema.get("anyOf", [schema]):
        if option.get("type") == "null":
            continue
        if option.get("type") == "string" and option.get("format") in ("date", "date-time"):
            return option["format"]
        if "$ref" in option:
            return "object"
        return option.get("type", "string")
    return "string"


def bad_values(kind: str) -> list:
    return {"integer": BAD_INT, "number": BAD_INT + [1e308], "date": BAD_DATE + BAD_TEXT[:1],
            "date-time": BAD_DATETIME, "boolean": ["\x00"], "array": [["a\x00"], ["长" * 20000], ["x"] * 5000]}.get(
        kind, BAD_TEXT)


class World:
    """Plausible values from the demo hall, by parameter or field name (and path, where it matters)."""

    def __init__(self):
        from zwfw.assessment.models import Entry
        from zwfw.briefing.models import Issue
        from zwfw.cases.models import BundleApplication, Case
        from zwfw.catalog.models import Bundle, HandlingItem
        from zwfw.credit.models import Listing
        from zwfw.feedback.models import HotlineTicket as Ticket, Rectification
        from zwfw.licences.models import Licence

        case = (Case.objects.filter(department__code="lcj", status="applied").order_by("-id").first()
                or Case.objects.filter(department__code="lcj").order_by("-id").first())
        item = HandlingItem.objects.filter(matter__department__code="lcj").order_by("code").first()
        self.today = timezone.localdate()
        self.values = {
            "case": case.number, "version": case.version, "item": item.code, "department": "lcj", "applicant": case.applicant.id_number,
            "bundle": getattr(Bundle.objects.first(), "code", "x"),
            "bundle_app": getattr(BundleApplication.objects.first(), "pk", 1),
            "issue": getattr(Issue.objects.order_by("-id").first(), "pk", 1),
            "licence": getattr(Licence.objects.first(), "pk", 1),
            "licence_identifier": getattr(Licence.objects.first(), "identifier", "x"),
            "listing": getattr(Listing.objects.first(), "pk", 1),
            "rect": getattr(Rectification.objects.first(), "pk", 1),
            "ticket": getattr(Ticket.objects.first(), "number", "x"),
            "entry": getattr(Entry.objects.first(), "pk", 1),
        }

    def good(self, path: str, name: str, kind: str):
        v, today = self.values, self.today
        by_name = {
            "number": v["ticket"] if "/tickets/" in path else v["case"],
            "code": v["bundle"] if "/bundles/" in path else v["item"],
            "pk": v["bundle_app"] if "/bundles/" in path else v["issue"],
            "item_code": v["item"], "item": v["item"], "matter_code": "", "department_code": "lcj", "department": "lcj",
            "identifier": v["licence_identifier"], "licence_id": v["licence"], "listing_id": v["listing"],
            "rect_id": v["rect"], "entry_id": v["entry"], "holder_id_number": v["applicant"],
            "applicant_id_number": v["applicant"], "id_number": v["applicant"], "action": "accept", "event": "accepted",
            "month": today.strftime("%Y-%m"), "year": today.year, "format": "html", "version": v["version"], "days": 5,
            "limit": 10, "people": 1, "kind": "", "region": "", "status": "", "phone": "13800000000",
        }
        if name in by_name:
            return by_name[name]
        return {"date": today.isoformat(), "date-time": timezone.now().isoformat(), "integer": 1, "number": 1,
                "boolean": False, "array": []}.get(kind, "测试")


def _resolve(schema: dict, components: dict) -> dict:
    if "$ref" in schema:
        return components[schema["$ref"].rsplit("/", 1)[1]]
    for option in schema.get("anyOf", []):
        if "$ref" in option:
            return components[option["$ref"].rsplit("/", 1)[1]]
    return schema


def _body(schema: dict, components: dict, world: World, path: str) -> dict:
    schema = _resolve(schema, components)
    out = {}
    for name, prop in schema.get("properties", {}).items():
        kind = kind_of(prop)
        out[name] = _body(prop, components, world, path) if kind == "object" else world.good(path, name, kind)
    return out


def _mutations(schema: dict, components: dict, prefix=()):
    """(path of keys, hostile value) for every field of a body schema, nested objects included."""
    schema = _resolve(schema, components)
    for name, prop in schema.get("properties", {}).items():
        kind = kind_of(prop)
        if kind == "object":
            yield from _mutations(prop, components, prefix + (name,))
            yield prefix + (name,), "\x00"
        else:
            for value in bad_values(kind):
                yield prefix + (name,), value


def _set(body: dict, keys: tuple, value) -> dict:
    body = json.loads(json.dumps(body))
    target = body
    for key in keys[:-1]:
        target = target[key]
    target[keys[-1]] = value
    return body


def footprint() -> tuple:
    """Row counts of every table of zwfw's own apps, in one query."""
    from django.db import connection

    tables = sorted(m._meta.db_table for m in apps.get_models() if m.__module__.startswith("zwfw."))
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {connection.ops.quote_name(t)})" for t in tables))
        return cursor.fetchone()


def operations():
    schema = api.get_openapi_schema()
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            yield path, method, op, schema["components"]["schemas"]


def requests(world: World):
    for path, method, op, components in operations():
        params = {p["name"]: (p["in"], kind_of(p["schema"])) for p in op.get("parameters", [])}
        good = {name: world.good(path, name, kind) for name, (_, kind) in params.items()}
        body_schema = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
        body = _body(body_schema, components, world, path) if body_schema else None
        yield method, path, good, body, params, "plausible values"
        for name, (_, kind) in params.items():
            for value in bad_values(kind):
                yield method, path, good | {name: value}, body, params, f"{name}={value!r:.40}"
        if body_schema:
            for keys, value in _mutations(body_schema, components):
                yield method, path, good, _set(body, keys, value), params, f"{'.'.join(keys)}={value!r:.40}"


def call(client, method, path, values, body, params, headers):
    url = path
    query = {}
    for name, (where, _) in params.items():
        if where == "path":
            url = url.replace("{" + name + "}", quote(str(values[name]), safe=""))
        else:
            query[name] = values[name]
    if method == "get":
        return client.get(url, query, headers=headers)
    if query:
        url += "?" + urlencode(query)
    return getattr(client, method)(url, json.dumps(body if body is not None else {}), content_type="application/json",
                                   headers=headers)


def content_hash() -> str:
    """A digest of every row of zwfw's own tables: any insert, update or delete changes it."""
    from django.db import connection

    digest = hashlib.sha256()
    with connection.cursor() as cursor:
        for model in sorted(apps.get_models(), key=lambda m: m._meta.db_table):
            if not model.__module__.startswith("zwfw.") or model._meta.db_table == "cases_auditlog":
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(model._meta.db_table)} ORDER BY 1")
            digest.update(repr(cursor.fetchall()).encode())
    return digest.hexdigest()
