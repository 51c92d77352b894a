"""Identifiers in the GB/T 36904 form real licences carry: a 3-digit version, and the
check character over <type code><issuer code><serial><version> (the fixed root left out).

Stored identifiers are rewritten, and so are the copies in the cases' 颁发 events.
The check arithmetic is copied here so that this migration stays as it is when the
module changes."""
import django.core.validators
from django.db import migrations, models

ROOT = "1.2.156.3005.2"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _check(data: str) -> str:
    p = 36
    for c in data:
        s = (p + ALPHABET.index(c)) % 36 or 36
        p = (2 * s) % 37
    return ALPHABET[(37 - p) % 36]


def _new(licence) -> str:
    serial, version = f"{licence.serial:08d}", f"{licence.version:03d}"
    check = _check(f"{licence.kind.code}{licence.issuer_uscc}{serial}{version}")
    return f"{ROOT}.{licence.kind.code}.{licence.issuer_uscc}.{serial}.{version}.{check}"


def _old(licence) -> str:
    body = f"{ROOT}.{licence.kind.code}.{licence.issuer_uscc}.{licence.serial:08d}.{licence.version:02d}"
    return f"{body}.{_check(body.replace('.', ''))}"


def _rewrite(apps, spell):
    Licence = apps.get_model("licences", "Licence")
    CaseEvent = apps.get_model("cases", "CaseEvent")
    renamed = {}
    for licence in Licence.objects.select_related("kind").order_by("pk").iterator():
        text = spell(licence)
        if text != licence.identifier:
            renamed[licence.identifier] = text
            licence.identifier = text
            licence.save(update_fields=["identifier"])
    if not renamed:
        return
    for event in CaseEvent.objects.filter(kind="issued").exclude(data={}).iterator():
        old = (event.data or {}).get("licence")
        if old in renamed:
            event.data = {**event.data, "licence": renamed[old]}
            event.save(update_fields=["data"])


def forwards(apps, schema_editor):
    _rewrite(apps, _new)


def backwards(apps, schema_editor):
    _rewrite(apps, _old)


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0002_autoapprovalrule_casesequence_idempotencykey_and_more"),
        ("licences", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="licencekind",
            name="code",
            field=models.CharField(
                help_text="GB/T 36904 证照类型代码，1—21 位数字或大写字母，用于电子证照标识", max_length=21, unique=True,
                validators=[django.core.validators.RegexValidator("^[0-9A-Z]{1,21}$", "证照类型代码应为 1—21 位数字或大写字母。")],
                verbose_name="证照类型代码"),
        ),
        migrations.RunPython(forwards, backwards),
    ]
