#!/usr/bin/env python
"""Cache write time as the cache fills: Django's file cache against the embedded default.

    .venv/bin/python bench/cache.py [--sizes 0 10000] [--writes 300] [--page-kb 20]

For each cache and each size: an empty cache in a temporary folder is filled with `size`
entries of `page-kb` KB (a cached page), then `writes` new entries are written one by one
and timed. Django's FileBasedCache lists every file of its folder on each write (its cull
check), so its write time grows with the number of entries; python-diskcache's DjangoCache
(the default without REDIS_URL, SQLite files) keeps its count in its database. The fill
itself skips the file cache's cull check, or filling 10,000 entries would take minutes.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def configure():
    import django
    from django.conf import settings

    settings.configure(USE_TZ=True)
    django.setup()


def file_cache(folder):
    from django.core.cache.backends.filebased import FileBasedCache

    # As the settings had it before: culling at 300 files would throw out most pages.
    return FileBasedCache(str(folder), {"TIMEOUT": 3600, "OPTIONS": {"MAX_ENTRIES": 100_000}})


def embedded_cache(folder):
    from diskcache import DjangoCache

    from route2020.settings.base import CACHES

    config = dict(CACHES["default"])
    assert config["BACKEND"] == "diskcache.DjangoCache", "run without REDIS_URL"
    return DjangoCache(str(folder), config)


def fill(cache, size, page):
    cull = getattr(cache, "_cull", None)
    if cull is not None:
        cache._cull = lambda: None
    for number in range(size):
        cache.set(f"vullen:{number}", page)
    if cull is not None:
        del cache._cull


def timed_writes(cache, count, page):
    times = []
    for number in range(count):
        started = time.perf_counter()
        cache.set(f"meten:{number}", page)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.99) - 1]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 10_000])
    parser.add_argument("--writes", type=int, default=300)
    parser.add_argument("--page-kb", type=int, default=20)
    args = parser.parse_args()
    configure()
    page = "x" * (args.page_kb * 1024)
    print(f"{'cache':<28} {'entries':>8} {'write p50 ms':>13} {'write p99 ms':>13}")
    results = {}
    for name, make in (("file (Django)", file_cache), ("embedded (diskcache)", embedded_cache)):
        for size in args.sizes:
            with tempfile.TemporaryDirectory(prefix="route2020-cache-") as folder:
                cache = make(Path(folder))
                fill(cache, size, page)
                p50, p99 = timed_writes(cache, args.writes, page)
                if hasattr(cache, "close"):
                    cache.close()
            results[(name, size)] = p50
            print(f"{name:<28} {size:>8,} {p50:>13.2f} {p99:>13.2f}")
    smallest, largest = min(args.sizes), max(args.sizes)
    for name in ("file (Django)", "embedded (diskcache)"):
        ratio = results[(name, largest)] / results[(name, smallest)]
        print(f"{name}: write p50 at {largest:,} / at {smallest:,} entries = {ratio:.1f}x")


if __name__ == "__main__":
    main()
