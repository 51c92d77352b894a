"""The demo generator's pure parts: identifiers with real check characters, volumes, timelines."""
import datetime as dt
import random

from zwfw.demo import people, timeline, volumes
from zwfw.identifiers import validate_resident_id, validate_uscc
from zwfw.workdays.calendar import Calendar


def test_generated_identifiers_pass_the_validators_and_are_unique():
    rng = random.Random(1)
    ids = [people.resident_id(rng, n)[0] for n in range(1, 3001)]
    usccs = [people.organisation_uscc(n) for n in range(1, 1501)]
    assert len(set(ids)) == 3000 and len(set(usccs)) == 1500
    for number in ids[:200]:
        assert validate_resident_id(number) == number
    for code in usccs[:200]:
        assert validate_uscc(code) == code and code.startswith("91510100")


def test_volumes_follow_the_2022_figures():
    t = volumes.targets(0.0005, 365)
    assert t["permit"]["accepted"] == 393 and t["public_service"]["accepted"] == 10558
    assert t["public_service"]["with_case"] == round(10558 * 8_845_256 / 21_116_425)
    assert t["permit"]["with_case"] == t["permit"]["accepted"]


def test_a_case_timeline_is_ordered_and_inside_office_hours():
    cal = Calendar(holidays=[dt.date(2026, 5, 1)], makeup_workdays=[], years=[2026])
    rng = random.Random(3)
    plan = timeline.Plan(accepted_on=dt.date(2026, 4, 28), statutory=20, promised=10, comprehensive=True,
                         suspension=("expert_review", 5), transfers=3)
    steps = timeline.timed(rng, timeline.plan_steps(rng, cal, plan), dt.timezone(dt.timedelta(hours=8)))
    kinds = [k for k, _, _, _ in steps]
    assert kinds[:2] == ["applied", "accepted"] and kinds.count("transferred") == 3
    assert kinds[-3:] == ["approved", "issued", "completed"] and "resumed" in kinds
    times = [at for _, at, _, _ in steps]
    assert times == sorted(times)
    assert all(cal.is_working_day(at.date()) and 9 <= at.hour < 18 for at in times)
    assert dt.date(2026, 5, 1) not in {at.date() for at in times}
