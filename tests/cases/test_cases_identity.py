"""No identity oracle: a wrong name for a registered ID number is a neutral error that names nobody."""
import pytest
from django.test import Client

from zwfw.cases import services
from zwfw.cases.models import Applicant
from zwfw.errors import DomainError


def test_a_wrong_name_for_a_registered_id_number_does_not_reveal_the_registered_name(hall, ids):
    with pytest.raises(DomainError) as caught:
        services.register_applicant(kind=Applicant.PERSON, name="李四", id_number=ids.person())
    assert caught.value.field == "name" and "张伟" not in caught.value.message and "张" not in caught.value.message
    assert ids.person()[-4:] not in caught.value.message


def test_the_api_answers_a_wrong_name_neutrally(hall, ids):
    client = Client()
    client.force_login(hall.users["comp"])
    r = client.post("/api/cases/", {"item_code": "510000-SJ-100-01", "applicant": {
        "kind": "person", "name": "李四", "id_number": ids.person()}}, content_type="application/json")
    assert r.status_code == 400 and r.json()["field"] == "name" and "张伟" not in r.content.decode()
