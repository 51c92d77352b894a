"""Reference data of the catalogue: power types (GB/T 39046 codes) and Sichuan's 21 cities/prefectures.

Kept as plain values so that the data migration and the tests read the same list.
"""

# (code, name, category). Which types are actually in use is data (PowerType.in_use and the matters).
POWER_TYPES = [
    ("01", "行政许可", "permit"),
    ("02", "行政处罚", "other"),
    ("03", "行政强制", "other"),
    ("04", "行政征收", "other"),
    ("05", "行政给付", "other"),
    ("06", "行政检查", "other"),
    ("07", "行政确认", "other"),
    ("08", "行政奖励", "other"),
    ("09", "行政裁决", "other"),
    ("10", "其他行政权力", "other"),
    ("20", "公共服务", "public_service"),
]

# (administrative division code, short name, full name, kind)
REGIONS = [
    ("510100", "成都市", "成都市", "city"),
    ("510300", "自贡市", "自贡市", "city"),
    ("510400", "攀枝花市", "攀枝花市", "city"),
    ("510500", "泸州市", "泸州市", "city"),
    ("510600", "德阳市", "德阳市", "city"),
    ("510700", "绵阳市", "绵阳市", "city"),
    ("510800", "广元市", "广元市", "city"),
    ("510900", "遂宁市", "遂宁市", "city"),
    ("511000", "内江市", "内江市", "city"),
    ("511100", "乐山市", "乐山市", "city"),
    ("511300", "南充市", "南充市", "city"),
    ("511400", "眉山市", "眉山市", "city"),
    ("511500", "宜宾市", "宜宾市", "city"),
    ("511600", "广安市", "广安市", "city"),
    ("511700", "达州市", "达州市", "city"),
    ("511800", "雅安市", "雅安市", "city"),
    ("511900", "巴中市", "巴中市", "city"),
    ("512000", "资阳市", "资阳市", "city"),
    ("513200", "阿坝州", "阿坝藏族羌族自治州", "prefecture"),
    ("513300", "甘孜州", "甘孜藏族自治州", "prefecture"),
    ("513400", "凉山州", "凉山彝族自治州", "prefecture"),
]
