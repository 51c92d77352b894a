"""Demo applicants: people with valid resident ID numbers, organisations with valid USCCs.

Identifiers are built with their real check characters (GB 11643, GB 32100) and every
one is passed through ``zwfw.identifiers`` before it is stored.
"""
from __future__ import annotations

import datetime as dt
import random

from zwfw.cases.models import Applicant
from zwfw.identifiers import resident_id_check_char, validate_resident_id, validate_uscc

from .departments import demo_uscc

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗高林郑梁谢唐许冯宋韩邓彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲燕鹏辉建国志宇浩然欣怡梓涵子轩雨婷思远嘉诚晓东春梅海燕俊峰文博天佑成林"
# Sichuan division codes (first six digits of an ID number) and the city names they stand for.
DIVISIONS = [("510104", "成都市"), ("510107", "成都市"), ("510108", "成都市"), ("510112", "成都市"),
             ("510302", "自贡市"), ("510402", "攀枝花市"), ("510504", "泸州市"), ("510603", "德阳市"),
             ("510703", "绵阳市"), ("510802", "广元市"), ("511002", "内江市"), ("511102", "乐山市"),
             ("511302", "南充市"), ("511402", "眉山市"), ("511502", "宜宾市"), ("511602", "广安市"),
             ("511702", "达州市"), ("511802", "雅安市"), ("511902", "巴中市"), ("512002", "资阳市")]
COMPANY_WORDS = ["天府", "锦江", "蜀道", "峨眉", "青城", "岷江", "嘉陵", "川西", "巴蜀", "西岭", "龙泉", "金沙",
                 "玉垒", "都江", "剑门", "九寨", "雅砻", "大渡", "凉山", "蜀南"]
TRADES = ["建设工程", "医药", "生物科技", "地质勘查", "环保科技", "商贸", "农业开发", "食品", "旅游", "文化传媒",
          "物流", "机械制造", "信息技术", "新能源", "检测技术", "种业", "林业开发", "测绘地理信息", "化工", "医疗器械"]
FORMS = ["有限公司", "有限责任公司", "股份有限公司"]


def resident_id(rng: random.Random, serial: int) -> tuple[str, str]:
    """(ID number, city) of a person born 1960–2004; the serial keeps numbers unique."""
    division, city = DIVISIONS[serial % len(DIVISIONS)]
    birth = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(365 * 44))
    body = f"{division}{birth:%Y%m%d}{serial // len(DIVISIONS) % 1000:03d}"
    return validate_resident_id(body + resident_id_check_char(body)), city


def organisation_uscc(serial: int) -> str:
    """A USCC of a company registered in Chengdu (prefix 915101…), valid check characters."""
    return validate_uscc(demo_uscc(500_000 + serial, prefix="91510100"))


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))


def company_name(rng: random.Random, serial: int) -> str:
    return f"四川{rng.choice(COMPANY_WORDS)}{rng.choice(TRADES)}{FORMS[serial % 3]}"


def phone(rng: random.Random) -> str:
    return f"1{rng.choice('3589')}{rng.randrange(10 ** 9):09d}"


def build_applicants(rng: random.Random, people: int, organisations: int) -> tuple[list, list]:
    """Create the applicants in bulk; returns (people, organisations) as saved Applicant rows."""
    existing = set(Applicant.objects.values_list("id_number", flat=True))
    persons, orgs, names = [], [], set()
    for i in range(people):
        number, city = resident_id(rng, i + 1)
        if number not in existing:
            persons.append(Applicant(kind=Applicant.PERSON, name=person_name(rng), id_number=number,
                                     phone=phone(rng), address=f"四川省{city}"))
    for i in range(organisations):
        number = organisation_uscc(i + 1)
        name = company_name(rng, i)
        while name in names:
            name = company_name(rng, i)
        names.add(name)
        if number not in existing:
            orgs.append(Applicant(kind=Applicant.ORGANISATION, name=name, id_number=number, phone=phone(rng),
                                  address="四川省成都市"))
    Applicant.objects.bulk_create(persons + orgs, batch_size=1000)
    saved = {a.id_number: a for a in Applicant.objects.filter(id_number__in=[a.id_number for a in persons + orgs])}
    return [saved[a.id_number] for a in persons], [saved[a.id_number] for a in orgs]
