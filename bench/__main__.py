"""``python -m bench``: list the benchmarks; run one with ``python -m bench.<name>``."""
import pkgutil
from pathlib import Path

if __name__ == "__main__":
    names = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.ispkg)
    print("可用的基准测试（python -m bench.<名称> --help）：")
    for name in names:
        print(f"  bench.{name}")
