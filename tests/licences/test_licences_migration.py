"""Stored identifiers of the earlier spelling (2-digit version, check over the root too) are
rewritten to the GB/T 36904 form, in the licences and in the cases' 颁发 events."""
import datetime as dt
import importlib
from zoneinfo import ZoneInfo

from django.apps import apps

from zwfw.cases.models import CaseEvent
from zwfw.licences import identifier, services

migration = importlib.import_module("zwfw.licences.migrations.0002_identifier_gbt36904_format")
TZ = ZoneInfo("Asia/Shanghai")


def test_old_identifiers_and_their_copies_in_events_are_rewritten(world):
    case = world.make_case()
    licence = services.issue_for_case(case, world.clerk, dt.datetime(2024, 5, 6, 10, tzinfo=TZ))
    old_body = f"1.2.156.3005.2.115100YP01.{world.yj.uscc}.00000001.01"
    old = f"{old_body}.{identifier.check_char(old_body.replace('.', ''))}"
    licence.identifier = old
    licence.save()
    event = CaseEvent.objects.create(case=case, kind="issued", at=dt.datetime(2024, 5, 6, 10, tzinfo=TZ),
                                     department=world.yj, data={"licence_kind": "药品经营许可证", "licence": old})
    migration.forwards(apps, None)
    licence.refresh_from_db()
    event.refresh_from_db()
    assert licence.identifier == identifier.build("115100YP01", world.yj.uscc, 1, 1)
    assert licence.identifier.endswith(".00000001.001." + identifier.parse(licence.identifier).check)
    assert event.data == {"licence_kind": "药品经营许可证", "licence": licence.identifier}
    migration.backwards(apps, None)
    licence.refresh_from_db()
    assert licence.identifier == old
