"""The 29 department windows that stood in the provincial hall in December 2023."""
from __future__ import annotations

_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

# (code, name as the centre writes it in briefings)
DEPARTMENTS: list[tuple[str, str]] = [
    ("fgw", "省发展改革委"),
    ("jyt", "教育厅"),
    ("kjt", "科技厅"),
    ("jxt", "经济和信息化厅"),
    ("gat", "公安厅"),
    ("mzt", "民政厅"),
    ("sft", "司法厅"),
    ("zrzyt", "自然资源厅"),
    ("sthjt", "生态环境厅"),
    ("zjt", "住房城乡建设厅"),
    ("jtt", "交通运输厅"),
    ("slt", "水利厅"),
    ("nynct", "农业农村厅"),
    ("swt", "商务厅"),
    ("whlyt", "文化和旅游厅"),
    ("wjw", "省卫生健康委"),
    ("yjt", "应急管理厅"),
    ("scjgj", "省市场监管局"),
    ("gdj", "省广电局"),
    ("xwcbj", "省新闻出版局（省电影局）"),
    ("lcj", "省林草局"),
    ("yjj", "省药监局"),
    ("mcj", "省贸促会"),
    ("swj", "四川省税务局"),
    ("cdhg", "成都海关"),
    ("qxj", "四川气象局"),
    ("dzj", "四川地震局"),
    ("chj", "四川测绘局"),
    ("xfzd", "四川消防救援总队"),
]


def _char_value(c: str) -> int:
    return int(c) if c.isdigit() else ord(c) - ord("A") + 10


def organisation_code(serial: int) -> str:
    """A GB 11714 organisation code (8 characters + check) for a demo serial."""
    body = f"{serial:08d}"
    total = sum(_char_value(c) * w for c, w in zip(body, _ORG_WEIGHTS))
    check = 11 - total % 11
    return body + ("X" if check == 10 else "0" if check == 11 else str(check))


def demo_uscc(serial: int, prefix: str = "11510000") -> str:
    """A unified social credit code with valid GB 11714 and GB 32100 check characters."""
    body = prefix + organisation_code(serial)
    total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(body, _USCC_WEIGHTS))
    return body + _USCC_ALPHABET[(31 - total % 31) % 31]
