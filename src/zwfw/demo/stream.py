"""A year of the province streamed into the database: ``zwfw demo --scale S`` for large S.

The whole load is planned first from the volumes alone (no randomness): how many cases each
working day receives, cut into pieces of at most ``chunk`` cases, packed into chunks. Each piece
has its own random generator seeded by (seed, day, first serial), so a case's content depends only
on the seed, the scale and the piece it is in — not on what was written before it. Chunks are
written one transaction each (PostgreSQL ``COPY``, SQLite ``executemany``) together with the
counters of their events and the progress record, so an interrupted run continues at the first
unwritten chunk and ends with exactly what one uninterrupted run writes.

Identifiers never need a search for a free value: case ids are ``case_base + ordinal``, case
numbers are ``day + serial`` from the plan, ID numbers and USCCs are bijections of a counter.
Memory stays bounded by one chunk.
"""
from __future__ import annotations

import bisect
import datetime as dt
import json
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate
from zoneinfo import ZoneInfo

from django.db import connection, transaction

from zwfw.cases import clock, windows
from zwfw.cases.models import QUERY_CODE_ALPHABET, Applicant, Case, CaseEvent, CaseSequence, Suspension
from zwfw.cases.numbering import case_number
from zwfw.identifiers import make_resident_id, make_uscc
from zwfw.stats import services as stats
from zwfw.workdays.calendar import CalendarMissing

from . import people, volumes
from .history import BACK_OFFICE, HANDED_OUT, SUSPENSION_REASONS, draw_plan
from .models import DemoRun, StreamRun
from .timeline import STATUS_AFTER, Plan, deadlines_for, plan_steps

TZ = ZoneInfo("Asia/Shanghai")
CHUNK = 20_000                 # cases per chunk (and per piece of a busy day)
APPLICANT_CHUNK = 50_000
PEOPLE_PER_CASE = 0.25         # distinct applicants: most people apply once a year, companies often
ORGS_PER_CASE = 0.04
BIRTH_DAYS = 365 * 44          # people born 1960-01-01 .. 2003-12-31
ORG_CAPACITY = 10 ** 8         # organisation code serials
ORG_SERIAL_BASE = 10_000_000   # clear of the departments' and the small demo's codes
BRANCHES = ["", "成都分公司", "绵阳分公司", "德阳分公司", "宜宾分公司", "南充分公司", "泸州分公司", "乐山分公司"]
SECOND_WORDS = ["恒信", "华益", "汇通", "宏达", "瑞丰", "鼎盛", "启明", "嘉禾", "博远", "润泽", "众成", "新锐",
                "安泰", "长虹", "锦程", "同创", "百川", "聚源", "盛世", "天成"]

CASE_COLUMNS = (
    "id", "number", "status", "applied_at", "accepted_on", "completed_at", "version", "applicant_id",
    "department_id", "item_id", "at_comprehensive_window", "channel", "correction_late", "delivery",
    "extension_days", "extension_reason", "materials", "promised_due", "reason", "received_on", "saved_days",
    "statutory_due", "suspended_days", "suspended_since", "tracking_number", "updated_at", "decided_on",
    "deemed_accepted", "delivery_due", "extension_approved_by", "query_code", "legal_basis")
EVENT_COLUMNS = ("kind", "at", "automatic", "note", "data", "actor_id", "case_id", "department_id", "power_type_id",
                 "window")
APPLICANT_COLUMNS = ("id", "kind", "name", "id_number", "phone", "address")
SUSPENSION_COLUMNS = ("kind", "reason", "started_on", "ended_on", "working_days", "case_id", "expected_days", "notice",
                      "notified_on")
_DATE_COLUMNS = {"accepted_on", "promised_due", "received_on", "statutory_due", "suspended_since", "decided_on",
                 "delivery_due", "started_on", "ended_on", "notified_on"}
_TIME_COLUMNS = {"applied_at", "completed_at", "updated_at", "at"}


# ---- the plan (pure) ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Piece:
    """Cases ``first``..``first + count - 1`` (serials of the day) received on ``day``; ``ordinal`` is the
    position of the first of them in the whole load."""
    day: dt.date
    first: int
    count: int
    ordinal: int


@dataclass
class Shape:
    days: list[dt.date]
    per_day: list[int]
    categories: list[str]
    cum_category: list[float]
    rejected: dict[str, float]     # P(rejected | category)
    spot: dict[str, float]         # P(on the spot | category), applied after "rejected"
    people: int
    organisations: int

    @property
    def cases(self) -> int:
        return sum(self.per_day)

    @property
    def applicants(self) -> int:
        return self.people + self.organisations


def shape(scale: float, days: list[dt.date], calendar_days: int, categories: list[str]) -> Shape:
    """How many cases each working day receives and what kinds they are (no randomness)."""
    totals, rejected, spot = {}, {}, {}
    for category, t in volumes.targets(scale, calendar_days).items():
        if category not in categories:
            continue
        n_rejected = round(t["with_case"] * volumes.REJECTED_SHARE)
        n = t["accepted"] + n_rejected
        totals[category] = n
        rejected[category] = n_rejected / n
        spot[category] = (t["accepted"] - t["with_case"]) / n / max(1e-9, 1 - rejected[category])
    total = sum(totals.values())
    weights = volumes.day_weights(days)
    w_sum = sum(weights)
    exact = [total * w / w_sum for w in weights]
    per_day = [int(x) for x in exact]
    # Largest remainders (ties to the earlier day) make the days add up to the total exactly.
    for i in sorted(range(len(days)), key=lambda i: (per_day[i] - exact[i], i))[:total - sum(per_day)]:
        per_day[i] += 1
    cats = sorted(totals)
    return Shape(days=days, per_day=per_day, categories=cats,
                 cum_category=list(accumulate(totals[c] / total for c in cats)) if total else [],
                 rejected=rejected, spot=spot,
                 people=max(200, round(total * PEOPLE_PER_CASE)), organisations=max(80, round(total * ORGS_PER_CASE)))


def pieces(s: Shape, chunk: int) -> list[Piece]:
    out, ordinal = [], 0
    for day, n in zip(s.days, s.per_day):
        for first in range(1, n + 1, chunk):
            count = min(chunk, n - first + 1)
            out.append(Piece(day, first, count, ordinal))
            ordinal += count
    return out


def chunks(s: Shape, chunk: int) -> list[tuple[str, object]]:
    """The load's transactions in order: ("applicants", (first, count)) then ("cases", [Piece, …])."""
    out: list[tuple[str, object]] = [
        ("applicants", (first, min(APPLICANT_CHUNK, s.applicants - first)))
        for first in range(0, s.applicants, APPLICANT_CHUNK)]
    batch, size = [], 0
    for p in pieces(s, chunk):
        if batch and size + p.count > chunk:
            out.append(("cases", batch))
            batch, size = [], 0
        batch.append(p)
        size += p.count
    if batch:
        out.append(("cases", batch))
    return out


# ---- identifiers from a counter (pure, collision-free) --------------------------------------------

def person_id_number(serial: int) -> tuple[str, str]:
    """(resident ID number, city) of person ``serial`` (0-based): one-to-one for serial < 20 × 1000 × BIRTH_DAYS."""
    divisions = people.DIVISIONS
    division, city = divisions[serial % len(divisions)]
    rest = serial // len(divisions)
    order, day = rest % 1000, rest // 1000
    if day >= BIRTH_DAYS:
        raise ValueError("too many people for distinct ID numbers")
    day = (day * 7919) % BIRTH_DAYS   # spread birthdays over the span (7919 is prime, coprime with BIRTH_DAYS)
    birth = dt.date(1960, 1, 1) + dt.timedelta(days=day)
    return make_resident_id(f"{division}{birth:%Y%m%d}{order:03d}"), city


def organisation_id_number(serial: int) -> str:
    """USCC of organisation ``serial`` (0-based), one-to-one below ORG_CAPACITY − ORG_SERIAL_BASE."""
    code = ORG_SERIAL_BASE + serial
    if code >= ORG_CAPACITY:
        raise ValueError("too many organisations for distinct codes")
    return make_uscc(f"91510100{code:08d}")


def organisation_name(serial: int) -> str:
    """A distinct company name for every serial (mixed radix over the word lists, then a branch and a number)."""
    words, second, trades, forms = people.COMPANY_WORDS, SECOND_WORDS, people.TRADES, people.FORMS
    n = serial
    parts = []
    for radix in (len(words), len(second), len(trades), len(forms), len(BRANCHES)):
        parts.append(n % radix)
        n //= radix
    w, s2, t, f, b = parts
    name = f"四川{words[w]}{second[s2]}{trades[t]}{forms[f]}{BRANCHES[b]}"
    return name if n == 0 else f"{name}第{n + 1}营业部"


# ---- the database side ----------------------------------------------------------------------------

class Catalogue:
    """Items per category with weights; the eligible items for a (category, day, on the spot) are cached."""

    def __init__(self, rng: random.Random, cal, end: dt.date):
        from zwfw.cases.ports import guide_materials
        from zwfw.catalog.models import HandlingItem

        items = list(HandlingItem.objects.filter(valid_from__lte=end)
                     .select_related("matter__power_type", "matter__department").order_by("code", "valid_from"))
        self.cal = cal
        self.by_category: dict[str, list] = {}
        for item in items:
            self.by_category.setdefault(item.matter.power_type.category, []).append(item)
        self.weights = {c: volumes.item_weights(rng, lst) for c, lst in self.by_category.items()}
        self.materials = {i.pk: json.dumps([
            {"name": m.name, "copies": m.copies, "required": m.required, "licence_kind": m.licence_kind,
             "exempt": False, "provided": True} for m in guide_materials(i)], ensure_ascii=False) for i in items}
        self.consult_data = {i.pk: json.dumps({"matter": i.matter.code, "matter_name": i.matter.name},
                                              ensure_ascii=False) for i in items}
        self._eligible: dict = {}

    def _fits(self, item, day) -> bool:
        try:
            self.cal.add(day, item.statutory_days + 12)
        except CalendarMissing:
            return False
        return True

    def eligible(self, category: str, day: dt.date, spot_only: bool):
        key = (category, day, spot_only)
        if key not in self._eligible:
            from .history import Catalogue as Small

            pairs = [(i, w) for i, w in zip(self.by_category[category], self.weights[category])
                     if Small.in_force(i, day) and (not spot_only or i.on_the_spot) and self._fits(i, day)]
            self._eligible[key] = ([i for i, _ in pairs], list(accumulate(w for _, w in pairs)))
        return self._eligible[key]

    def pick(self, rng: random.Random, category: str, day: dt.date, spot_only: bool):
        items, cum = self.eligible(category, day, spot_only)
        if not items and spot_only:
            items, cum = self.eligible(category, day, False)
        if not items:
            return None
        return items[bisect.bisect_right(cum, rng.random() * cum[-1]) if cum[-1] else 0]


def fast_timed(rng: random.Random, steps: list) -> list[tuple[str, dt.datetime, str, dict]]:
    """timeline.timed for the stream: steps of one day get increasing office-hour times (09:00–12:00,
    13:30–17:30), with a direct draw for the common single step of a day."""
    out, i, n_steps = [], 0, len(steps)
    while i < n_steps:
        day = steps[i][1]
        j = i + 1
        while j < n_steps and steps[j][1] == day:
            j += 1
        n = j - i
        # Seconds into the 7 office hours, in order (equal draws give equal times, still in order).
        slots = [int(rng.random() * 25200)] if n == 1 else sorted(int(rng.random() * 25200) for _ in range(n))
        for (kind, _, note, data), slot in zip(steps[i:j], slots):
            s = 32400 + slot if slot < 10800 else 48600 + slot - 10800
            out.append((kind, dt.datetime(day.year, day.month, day.day, s // 3600, s // 60 % 60, s % 60, tzinfo=TZ),
                        note, data))
        i = j
    return out


class Writer:
    """Rows into tables: COPY on PostgreSQL, executemany elsewhere (values adapted by Django's backend)."""

    def __init__(self):
        self.pg = connection.vendor == "postgresql"

    def write(self, table: str, columns: tuple, rows: list[tuple]) -> None:
        if not rows:
            return
        qn = connection.ops.quote_name
        cols = ", ".join(qn(c) for c in columns)
        if self.pg:
            raw = connection.connection
            with raw.cursor() as cur, cur.copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        ops = connection.ops
        conv = [(ops.adapt_datefield_value if c in _DATE_COLUMNS else
                 ops.adapt_datetimefield_value if c in _TIME_COLUMNS else None) for c in columns]
        adapted = [tuple(f(v) if f and v is not None else v for f, v in zip(conv, row)) for row in rows]
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} ({cols}) VALUES ({', '.join(['%s'] * len(columns))})", adapted)  # nosec B608

    def fast_session(self) -> None:
        """Inside the chunk's transaction on PostgreSQL: skip the per-row foreign-key triggers when the role may
        (superuser); every id written comes from the plan or the catalogue, so the references hold by construction."""
        if self.pg and self.superuser():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = replica")

    def superuser(self) -> bool:
        if not hasattr(self, "_superuser"):
            with connection.cursor() as cursor:
                cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
                self._superuser = bool(cursor.fetchone()[0])
        return self._superuser

    def secondary_indexes(self, tables: list[str]) -> list[tuple[str, str]]:
        """(name, CREATE INDEX statement) of the indexes of ``tables`` that back no constraint."""
        if not self.pg:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
                "AND i.tablename = ANY(%s) AND NOT EXISTS (SELECT 1 FROM pg_constraint c "
                "WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass) "
                "ORDER BY i.tablename, i.indexname", [tables])
            return cursor.fetchall()

    def drop_indexes(self, indexes: list[tuple[str, str]]) -> None:
        with connection.cursor() as cursor:
            for name, _ in indexes:
                cursor.execute(f"DROP INDEX IF EXISTS {connection.ops.quote_name(name)}")

    def create_indexes(self, indexes: list) -> None:
        with connection.cursor() as cursor:
            for name, definition in indexes:
                cursor.execute(definition.replace("CREATE INDEX ", "CREATE INDEX IF NOT EXISTS ", 1))

    def reserve(self, table: str, last_id: int) -> None:
        """Let later ordinary inserts start after ``last_id`` (PostgreSQL identity; SQLite follows max(id))."""
        if self.pg:
            with connection.cursor() as cursor:
                cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), GREATEST(%s, "
                               f"(SELECT COALESCE(MAX(id), 0) FROM {table}), 1))", [table, last_id])  # nosec B608


class Progress:
    """A plain progress bar on stderr (a line per update when stderr is not a terminal)."""

    def __init__(self, total: int, stream=None, enabled: bool = True):
        self.total, self.stream, self.enabled = total, stream or sys.stderr, enabled
        self.started = time.monotonic()
        self.tty = getattr(self.stream, "isatty", lambda: False)()

    def update(self, done: int, cases: int, events: int) -> None:
        if not self.enabled:
            return
        share = done / self.total if self.total else 1
        elapsed = time.monotonic() - self.started
        bar = "#" * int(share * 30)
        left = f"，约剩 {elapsed / share - elapsed:.0f} 秒" if 0 < share < 1 else ""
        line = f"[{bar:<30}] {share:6.1%} 办件 {cases:,} 件，事件 {events:,} 条，用时 {elapsed:.0f} 秒{left}"
        self.stream.write(("\r" + line) if self.tty else line + "\n")
        if self.tty and done >= self.total:
            self.stream.write("\n")
        self.stream.flush()


    def note(self, text: str) -> None:
        if self.enabled:
            self.stream.write(text + "\n")
            self.stream.flush()


class Streamer:
    def __init__(self, run: StreamRun, cal, users: dict):
        self.run, self.cal = run, cal
        self.users = {u.username: u for u in users}
        self.rng0 = random.Random(run.seed)
        self.catalogue = Catalogue(self.rng0, cal, run.period_end)
        days = cal.working_days_in(run.period_start, run.period_end)
        self.shape = shape(run.scale, days, (run.period_end - run.period_start).days + 1,
                           list(self.catalogue.by_category))
        self.plan = chunks(self.shape, run.chunk)
        self.writer = Writer()
        self.case_table, self.event_table = Case._meta.db_table, CaseEvent._meta.db_table
        # Memos: the same few values recur millions of times (pure functions of their keys).
        self._deadlines: dict = {}
        self._saved: dict = {}
        self._delivery: dict = {}
        self._json: dict = {}
        self._acting: dict = {}
        self._numbers: dict = {}

    def deadlines(self, plan: Plan, suspended: int):
        key = (plan.accepted_on, plan.statutory, plan.promised, suspended)
        if key not in self._deadlines:
            self._deadlines[key] = deadlines_for(self.cal, plan, suspended)
        return self._deadlines[key]

    def saved_days(self, decided_on, statutory_due) -> int:
        key = (decided_on, statutory_due)
        if key not in self._saved:
            self._saved[key] = clock.saved_days(self.cal, decided_on, statutory_due)
        return self._saved[key]

    def delivery_due(self, decided_on):
        if decided_on not in self._delivery:
            self._delivery[decided_on] = clock.delivery_due(self.cal, decided_on)
        return self._delivery[decided_on]

    def dumps(self, data: dict) -> str:
        key = tuple(data.items())
        text = self._json.get(key)
        if text is None:
            text = self._json[key] = json.dumps(data, ensure_ascii=False)
        return text

    def acting(self, kind: str, dept_code: str, channel: str, comprehensive: bool) -> tuple[int | None, str]:
        """(actor id, window) of a step, memoised."""
        key = (kind, dept_code, channel, comprehensive)
        found = self._acting.get(key)
        if found is None:
            user = self.actor(kind, dept_code, channel, comprehensive)
            found = self._acting[key] = (user.pk if user else None,
                                         windows.acting_window(getattr(user, "role", None), channel))
        return found

    def number(self, day: dt.date, serial: int) -> str:
        prefix = self._numbers.get(day)
        if prefix is None:
            prefix = self._numbers[day] = case_number(day, 1)[:-6]
        return f"{prefix}{serial:06d}"

    # -- who acts ------------------------------------------------------------------------------
    def actor(self, kind: str, dept_code: str, channel: str, comprehensive: bool):
        if kind == "applied" and channel != "window":
            return None
        if kind in HANDED_OUT and volumes.issues_at_comprehensive_window(dept_code):
            return self.users.get("zongchuang")
        if comprehensive and kind not in BACK_OFFICE:
            return self.users.get("zongchuang")
        if kind in ("suspended", "resumed", "approved", "denied"):
            return self.users.get(f"{dept_code}-shenpi") or self.users.get(dept_code)
        return self.users.get(dept_code)

    # -- applicants ----------------------------------------------------------------------------
    def applicant_rows(self, first: int, count: int) -> list[tuple]:
        rng = random.Random(f"{self.run.seed}:applicants:{first}")
        rows, s = [], self.shape
        for n in range(first, first + count):
            pk = self.run.applicant_base + n + 1
            if n < s.people:
                number, city = person_id_number(n)
                rows.append((pk, Applicant.PERSON, people.person_name(rng), number, people.phone(rng), f"四川省{city}"))
            else:
                k = n - s.people
                rows.append((pk, Applicant.ORGANISATION, organisation_name(k), organisation_id_number(k),
                             people.phone(rng), "四川省成都市"))
        return rows

    def applicant_id(self, rng: random.Random, category: str) -> int:
        s = self.shape
        org_share = {"permit": 0.8, "public_service": 0.15, "other": 0.6}.get(category, 0.5)
        if rng.random() < org_share:
            return self.run.applicant_base + s.people + rng.randrange(s.organisations) + 1
        return self.run.applicant_base + rng.randrange(s.people) + 1

    # -- cases ---------------------------------------------------------------------------------
    def piece_rows(self, piece: Piece, out: dict, counts: Counter) -> None:
        rng = random.Random(f"{self.run.seed}:{piece.day.isoformat()}:{piece.first}")
        s, end = self.shape, self.run.period_end
        for k in range(piece.count):
            serial = piece.first + k
            case_id = self.run.case_base + piece.ordinal + k + 1
            category = s.categories[bisect.bisect_right(s.cum_category, rng.random() * s.cum_category[-1])
                                    if len(s.categories) > 1 else 0]
            r = rng.random()
            rejected = r < s.rejected[category]
            on_the_spot = not rejected and rng.random() < s.spot[category]
            item = self.catalogue.pick(rng, category, piece.day, on_the_spot)
            if item is None:
                continue
            on_the_spot = on_the_spot and item.on_the_spot
            self.case(rng, case_id, serial, item, category, piece.day, end, rejected, on_the_spot, out, counts)

    def case(self, rng, case_id, serial, item, category, day, end, rejected, on_the_spot, out, counts) -> None:
        cal = self.cal
        plan = draw_plan(rng, item, category, day, rejected=rejected, on_the_spot=on_the_spot)
        comprehensive = plan.comprehensive
        steps = fast_timed(rng, [st for st in plan_steps(rng, cal, plan) if st[1] <= end])
        channel = ("window" if on_the_spot or comprehensive or rng.random() < 0.4 or not item.fully_online
                   else "online")
        steps[0] = (steps[0][0], steps[0][1], steps[0][2], {"channel": channel})
        c = {"accepted_on": None, "completed_at": None, "promised_due": None, "statutory_due": None,
             "saved_days": None, "suspended_days": 0, "suspended_since": None, "decided_on": None,
             "delivery_due": None, "delivery": "", "tracking_number": "", "reason": "", "legal_basis": ""}
        kinds = [st[0] for st in steps]
        if rejected:
            c["reason"], c["legal_basis"] = steps[-1][2], steps[-1][3]["legal_basis"]
        else:
            done_suspended = next((st[3]["suspended_days"] for st in steps if st[0] == "resumed"), 0)
            d = self.deadlines(plan, done_suspended)
            c.update(accepted_on=day, statutory_due=d.statutory_due, promised_due=d.promised_due,
                     suspended_days=done_suspended)
            if "suspended" in kinds:
                start = next(st[1] for st in steps if st[0] == "suspended").date()
                resumed = "resumed" in kinds
                if not resumed:
                    c["suspended_since"] = start
                kind, days = plan.suspension
                out["suspensions"].append((
                    kind, SUSPENSION_REASONS[kind], start, cal.add(start, days) if resumed else None,
                    days if resumed else 0, case_id, days, f"特别程序告知书（{SUSPENSION_REASONS[kind]}）", start))
            decision = next((st for st in steps if st[0] in ("approved", "denied")), None)
            if decision is not None:
                c["decided_on"] = decision[1].date()
                c["saved_days"] = self.saved_days(c["decided_on"], d.statutory_due)
                if decision[0] == "approved":
                    c["delivery_due"] = self.delivery_due(c["decided_on"])
            if STATUS_AFTER[steps[-1][0]] == "completed":
                at = steps[-1][1]
                c["completed_at"] = at
                if on_the_spot:
                    c["delivery"] = "window"
                    if c["saved_days"] is None:
                        c["decided_on"] = at.date()
                        c["saved_days"] = self.saved_days(c["decided_on"], d.statutory_due)
                    steps[-1] = (steps[-1][0], at, steps[-1][2], steps[-1][3] | {"saved_days": c["saved_days"]})
                else:
                    post = rng.random() < 0.3
                    c["delivery"] = "post" if post else "window"
                    c["tracking_number"] = f"EMS{rng.randrange(10 ** 10):010d}CN" if post else ""
                    steps[-1] = (steps[-1][0], at, "", {"delivery": c["delivery"],
                                                        "tracking_number": c["tracking_number"],
                                                        "saved_days": c["saved_days"]})
            if "denied" in kinds:
                c["reason"] = "经审查，申请人不符合法定条件"
        status = STATUS_AFTER[steps[-1][0]]
        matter = item.matter
        dept_id, dept_code, pt = matter.department_id, matter.department.code, matter.power_type_id
        out["cases"].append((
            case_id, self.number(day, serial), status, steps[0][1], c["accepted_on"], c["completed_at"],
            len(steps) - 1, self.applicant_id(rng, category), dept_id, item.pk, comprehensive, channel, False,
            c["delivery"], 0, "", self.catalogue.materials[item.pk], c["promised_due"], c["reason"], day,
            c["saved_days"], c["statutory_due"], c["suspended_days"], c["suspended_since"], c["tracking_number"],
            steps[-1][1], c["decided_on"], False, c["delivery_due"], "",
            "".join(rng.choices(QUERY_CODE_ALPHABET, k=8)), c["legal_basis"]))
        events, counted = out["events"], stats.COUNTED
        for kind, at, note, data in steps:
            actor_id, window = self.acting(kind, dept_code, channel, comprehensive)
            events.append((kind, at, False, note, self.dumps(data), actor_id, case_id, dept_id, pt, window))
            if kind in counted:
                counts[(at.date(), dept_id, pt, kind, window == stats.COMPREHENSIVE_WINDOW)] += 1
        # 咨询 (人次): about 3.8 per acceptance at the comprehensive window, one per two cases elsewhere.
        n = (3 + (rng.random() < 0.8)) if comprehensive else int(rng.random() < 0.5)
        if n:
            actor_id, window = self.acting("consulted", dept_code, "window", comprehensive)
            data = self.catalogue.consult_data[item.pk]
            for at in fast_timed(rng, [("consulted", day, "", None)] * n):
                events.append(("consulted", at[1], False, "", data, actor_id, None, dept_id, pt, window))
                counts[(day, dept_id, pt, "consulted", window == stats.COMPREHENSIVE_WINDOW)] += 1

    # -- one chunk, one transaction -----------------------------------------------------------
    def rows(self, index: int) -> dict:
        """Everything chunk ``index`` writes (no database access: runs in worker processes too)."""
        kind, spec = self.plan[index]
        if kind == "applicants":
            return {"applicants": self.applicant_rows(*spec)}
        out = {"cases": [], "events": [], "suspensions": []}
        counts: Counter = Counter()
        for piece in spec:
            self.piece_rows(piece, out, counts)
        out["counts"] = sorted(counts.items())
        return out

    def write_chunk(self, index: int, out: dict) -> tuple[int, int]:
        with transaction.atomic():
            self.writer.fast_session()
            if "applicants" in out:
                self.writer.write(Applicant._meta.db_table, APPLICANT_COLUMNS, out["applicants"])
                made = (0, 0)
            else:
                counts = out["counts"]
                self.writer.write(self.case_table, CASE_COLUMNS, out["cases"])
                self.writer.write(self.event_table, EVENT_COLUMNS, out["events"])
                self.writer.write(Suspension._meta.db_table, SUSPENSION_COLUMNS, out["suspensions"])
                if counts:
                    with connection.cursor() as cursor:
                        cursor.executemany(stats._upsert_sql(), [stats._params(k, n) for k, n in counts])
                made = (len(out["cases"]), len(out["events"]))
            StreamRun.objects.filter(pk=self.run.pk).update(
                chunks_done=index + 1, cases=self.run.cases + made[0], events=self.run.events + made[1])
        self.run.chunks_done, self.run.cases, self.run.events = index + 1, self.run.cases + made[0], \
            self.run.events + made[1]
        return made

    def finish(self) -> None:
        with transaction.atomic():
            existing = dict(CaseSequence.objects.filter(day__in=self.shape.days).values_list("day", "last"))
            for day, n in zip(self.shape.days, self.shape.per_day):
                if n and existing.get(day, 0) < n:
                    CaseSequence.objects.update_or_create(day=day, defaults={"last": n})
            self.writer.reserve(self.case_table, self.run.case_base + self.shape.cases)
            self.writer.reserve(Applicant._meta.db_table, self.run.applicant_base + self.shape.applicants)
            if self.run.dropped_indexes:
                self.writer.create_indexes(self.run.dropped_indexes)
            StreamRun.objects.filter(pk=self.run.pk).update(finished=True, dropped_indexes=[])
            self.run.finished = True
        if self.writer.pg:
            with connection.cursor() as cursor:
                for table in (Applicant._meta.db_table, self.case_table, self.event_table, Suspension._meta.db_table):
                    cursor.execute(f"ANALYZE {table}")


def start_or_resume(*, seed: int, scale: float, today: dt.date, chunk: int = CHUNK) -> StreamRun:
    """The progress record of this load: the unfinished one (same seed and scale) or a new one."""
    from zwfw.errors import DomainError

    from .activity import period

    run = StreamRun.objects.order_by("-id").first()
    if run is not None:
        if run.seed != seed or abs(run.scale - scale) > 1e-12:
            raise DomainError(
                f"数据库中已有按随机种子 {run.seed}、比例 {run.scale:g} 生成的办件数据"
                f"（{'已完成' if run.finished else '未完成'}）。继续生成请使用相同的种子和比例；"
                "如需重新生成，请先清空数据库。", field="scale")
        return run
    start, end = period(today)
    run = StreamRun.objects.create(
        seed=seed, scale=scale, period_start=start, period_end=end, chunk=chunk,
        case_base=Case.objects.order_by("-id").values_list("id", flat=True).first() or 0,
        applicant_base=Applicant.objects.order_by("-id").values_list("id", flat=True).first() or 0)
    return run


_STREAMER: Streamer | None = None


def _rows_in_worker(index: int) -> tuple[int, dict]:
    return index, _STREAMER.rows(index)


def _produce(streamer: Streamer, indices, workers: int):
    """(index, rows) in order; with workers, chunks are built in forked processes while this one writes,
    at most ``workers + 1`` chunks ahead (memory stays bounded)."""
    global _STREAMER
    indices = list(indices)
    if workers <= 0 or len(indices) < 2:
        for index in indices:
            yield index, streamer.rows(index)
        return
    import multiprocessing
    from collections import deque

    _STREAMER = streamer
    # Workers inherit the catalogue and never touch the database; they leave by os._exit, so the
    # inherited connection is not closed under the parent.
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pending, todo = deque(), iter(indices)
        for index in todo:
            pending.append(pool.apply_async(_rows_in_worker, (index,)))
            if len(pending) > workers:
                break
        while pending:
            yield pending.popleft().get()
            nxt = next(todo, None)
            if nxt is not None:
                pending.append(pool.apply_async(_rows_in_worker, (nxt,)))
    _STREAMER = None


def generate(*, seed: int, scale: float, today: dt.date, chunk: int = CHUNK, max_chunks: int | None = None,
             progress_stream=None, show_progress: bool = True, workers: int = 0) -> StreamRun:
    """Stream (or continue streaming) the year's applicants, cases, events, suspensions and counters.

    Stops after ``max_chunks`` chunks when given (the record says how far it got); a later call continues.
    """
    from zwfw.accounts.models import User
    from zwfw.workdays.services import get_calendar

    started = time.monotonic()
    run = start_or_resume(seed=seed, scale=scale, today=today, chunk=chunk)
    if run.finished:
        return run
    streamer = Streamer(run, get_calendar(), list(User.objects.all()))
    total = len(streamer.plan)
    if run.chunks_total != total:
        StreamRun.objects.filter(pk=run.pk).update(chunks_total=total)
        run.chunks_total = total
    if run.chunks_done == 0:
        with transaction.atomic():  # ordinary inserts made meanwhile must not take the planned ids
            streamer.writer.reserve(streamer.case_table, run.case_base + streamer.shape.cases)
            streamer.writer.reserve(Applicant._meta.db_table, run.applicant_base + streamer.shape.applicants)
            # Into empty tables, the secondary indexes are built once at the end rather than row by row;
            # their definitions are kept in the record, so an interrupted load still rebuilds them.
            if run.case_base == 0 and not CaseEvent.objects.exists():
                indexes = streamer.writer.secondary_indexes([streamer.case_table, streamer.event_table])
                if indexes:
                    StreamRun.objects.filter(pk=run.pk).update(dropped_indexes=indexes)
                    run.dropped_indexes = indexes
                    streamer.writer.drop_indexes(indexes)
    bar = Progress(total, progress_stream, show_progress)
    last = total if max_chunks is None else min(total, run.chunks_done + max_chunks)
    waited = writing = 0.0
    t0 = time.monotonic()
    for index, out in _produce(streamer, range(run.chunks_done, last), workers):
        t1 = time.monotonic()
        streamer.write_chunk(index, out)
        t0, waited, writing = time.monotonic(), waited + t1 - t0, writing + time.monotonic() - t1
        bar.update(index + 1, run.cases, run.events)
    if last < total:
        return run
    t1 = time.monotonic()
    streamer.finish()
    bar.note(f"生成（等待）{waited:.1f} 秒，写入 {writing:.1f} 秒，建索引和收尾 {time.monotonic() - t1:.1f} 秒")
    seconds = round(time.monotonic() - started, 1)
    StreamRun.objects.filter(pk=run.pk).update(seconds=run.seconds + seconds)
    run.refresh_from_db()
    if not DemoRun.objects.exists():
        DemoRun.objects.create(seed=seed, scale=scale, period_start=run.period_start, period_end=run.period_end,
                               seconds=run.seconds, summary={"cases": run.cases, "events": run.events,
                                                             "streamed": True})
    return run
