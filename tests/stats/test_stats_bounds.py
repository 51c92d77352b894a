"""Daily figures from other systems: an impossible count or an over-long source is a row-numbered error."""
import pytest

from zwfw.errors import DomainError
from zwfw.stats import csvimport


def test_a_huge_count_is_reported_by_row_not_stored():
    text = ("日期,部门,事项类型,指标,数量\n2023-09-04,GA,01,受理,1\n2023-09-04,GA,01,办结,100000000000000000000\n"
            "0001-01-01,GA,01,受理,1\n")
    with pytest.raises(DomainError) as caught:
        csvimport.parse(text, {"GA": 1}, {"01": 1})
    assert "第 3 行：数量“100000000000000000000”超出范围" in caught.value.message
    assert "第 4 行：日期“0001-01-01”超出范围" in caught.value.message
    assert "第 2 行" not in caught.value.message
