#!/usr/bin/env python
"""Where one page's time goes: cProfile over repeated in-process requests, plus its SQL.

    .venv/bin/python bench/profile_page.py /nieuws/ [/themas/ ...] [--repeat 50] [--cache]
        [--database-url URL] [--top 25] [--signed-in] [--cpu N]

Uses the database that the last `bench/pages.py` run left (var/bench/bench.sqlite3, or a
PostgreSQL database kept with --keep), the benchmark's production settings and no page cache
unless --cache. Prints the queries of one request with their time, the share of time per
package (Django templates, Wagtail, the database driver, the project's own code), and the
functions with the most cumulative and own time.

`--cpu N` prints only the CPU time (time.process_time) per request over N requests per
path, after two warm-up requests: the figure to compare before and after a change while the
machine is busy. `--signed-in` sends the session of a demo member (bench/pages.py's
`member_session`) with every request.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.pages import Database, bench_environment  # noqa: E402

GROUPS = (
    ("django/template/", "django.template"),
    ("django/db/models/sql/", "django ORM (SQL compiler)"),
    ("django/db/models/", "django ORM (models, querysets)"),
    ("django/db/backends/", "django db backend"),
    ("sqlite3", "sqlite3 driver"),
    ("psycopg", "psycopg driver"),
    ("django/core/cache/", "django cache"),
    ("django/utils/translation/", "django translation"),
    ("django/urls/", "django urls"),
    ("django/middleware/", "django middleware"),
    ("django/contrib/", "django contrib"),
    ("django/", "django (other)"),
    ("wagtail/search/", "wagtail search"),
    ("modelsearch/", "modelsearch"),
    ("wagtail/rich_text/", "wagtail rich text"),
    ("wagtail/blocks/", "wagtail blocks"),
    ("wagtail/", "wagtail (other)"),
    ("treebeard/", "treebeard"),
    ("allauth/", "allauth"),
    ("whitenoise/", "whitenoise"),
    ("route2020/", "route2020"),
    ("bench/", "bench"),
    (f"/python{sys.version_info.major}.{sys.version_info.minor}/", "python stdlib"),
)


def query_origin():
    """Where a query comes from: the innermost project frame, the innermost Wagtail frame
    outside the ORM, and the template being rendered, if any."""
    import traceback

    project = wagtail = template = None
    for frame, _line in traceback.walk_stack(None):
        filename, name = frame.f_code.co_filename, frame.f_code.co_name
        if project is None and "/route2020/" in filename and "/middleware" not in filename:
            if not filename.endswith("core/cache.py"):
                project = f"{filename.split('/route2020/')[-1]}:{frame.f_lineno} {name}"
        if wagtail is None and "/wagtail/" in filename and "/wagtail/query" not in filename:
            wagtail = f"wagtail/{filename.split('/wagtail/')[-1]}:{frame.f_lineno} {name}"
        if template is None and name == "render_annotated":
            node = frame.f_locals.get("self")
            token = getattr(node, "token", None)
            if token is not None and getattr(node, "origin", None) is not None:
                template = f"{node.origin.template_name}:{token.lineno} {token.contents[:60]}"
    return " | ".join(part for part in (project, wagtail, template) if part) or "?"


def group_of(filename):
    for needle, label in GROUPS:
        if needle in filename:
            return label
    return "other" if filename != "~" else "builtins"


class Breakdown:
    """Wall time per template (exclusive of the templates it includes) and in SQL execution,
    measured without cProfile's overhead."""

    def __init__(self):
        self.templates = defaultdict(float)
        self.template_calls = defaultdict(int)
        self.sql = 0.0
        self.sql_calls = 0
        self.lines = defaultdict(float)
        self._stack = []

    def install(self):
        from django.db import connection
        from django.template import base

        original = base.Template._render
        breakdown = self

        def timed_render(template, context):
            started = time.perf_counter()
            breakdown._stack.append(0.0)
            try:
                return original(template, context)
            finally:
                elapsed = time.perf_counter() - started
                children = breakdown._stack.pop()
                name = template.origin.template_name or template.name or "<string>"
                breakdown.templates[name] += elapsed - children
                breakdown.template_calls[name] += 1
                if breakdown._stack:
                    breakdown._stack[-1] += elapsed

        def timed_sql(execute, sql, params, many, context):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                breakdown.sql += time.perf_counter() - started
                breakdown.sql_calls += 1

        original_node = base.Node.render_annotated
        node_stack = []

        def timed_node(node, context):
            token = getattr(node, "token", None)
            origin = getattr(node, "origin", None)
            if token is None or origin is None or token.token_type.name == "TEXT":
                return original_node(node, context)
            started = time.perf_counter()
            node_stack.append(0.0)
            try:
                return original_node(node, context)
            finally:
                elapsed = time.perf_counter() - started
                children = node_stack.pop()
                key = f"{origin.template_name}:{token.lineno} {token.contents[:70]}"
                breakdown.lines[key] += elapsed - children
                if node_stack:
                    node_stack[-1] += elapsed

        base.Template._render = timed_render
        base.Node.render_annotated = timed_node
        connection.execute_wrappers.append(timed_sql)
        self._undo = lambda: (
            setattr(base.Template, "_render", original),
            setattr(base.Node, "render_annotated", original_node),
            connection.execute_wrappers.remove(timed_sql),
        )
        return self

    def uninstall(self):
        self._undo()

    def report(self, repeat, total_ms):
        template_ms = sum(self.templates.values()) * 1000 / repeat
        print(
            f"--- {total_ms:.2f} ms a request: templates {template_ms:.2f} ms (own time of each, "
            f"SQL run from a template included), SQL execute {self.sql * 1000 / repeat:.2f} ms "
            f"in {self.sql_calls / repeat:.0f} queries"
        )
        for name, seconds in sorted(self.templates.items(), key=lambda item: -item[1]):
            calls = self.template_calls[name] / repeat
            print(f"{seconds * 1000 / repeat:7.2f} ms  {calls:4.0f}×  {name}")
        print("--- template tags and variables with the most own time (timing adds overhead)")
        for key, seconds in sorted(self.lines.items(), key=lambda item: -item[1])[:20]:
            print(f"{seconds * 1000 / repeat:7.2f} ms  {key}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--cache", action="store_true", help="with the anonymous page cache on")
    parser.add_argument("--database-url", help="PostgreSQL database kept by pages.py --keep")
    parser.add_argument("--redis-url", default=os.environ.get("REDIS_URL"))
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sql-chars", type=int, default=160, help="how much of each query")
    parser.add_argument("--save", type=Path, help="write the raw profile here (for snakeviz)")
    parser.add_argument("--cpu", type=int, metavar="N", help="only CPU ms per request over N")
    parser.add_argument("--signed-in", action="store_true", help="as a signed-in demo member")
    args = parser.parse_args(argv)

    database = Database(args.database_url, fresh=False, keep=True)
    if args.database_url:
        database.url = args.database_url  # the kept database itself, not a new name
    os.environ.update(bench_environment(database.url, args.redis_url, page_cache=args.cache))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    def new_client():
        client = Client(HTTP_HOST="127.0.0.1")
        if args.signed_in:
            from django.conf import settings

            from bench.pages import member_session

            client.cookies[settings.SESSION_COOKIE_NAME] = member_session()
        return client

    if args.cpu:
        who = "signed in" if args.signed_in else "anonymous"
        print(f"load average {os.getloadavg()[0]:.2f}, {who}")
        for path in args.paths:
            client = new_client()
            for _ in range(2):
                response = client.get(path)
                if response.status_code != 200:
                    raise SystemExit(f"{path}: {response.status_code}")
            started = time.process_time()
            for _ in range(args.cpu):
                client.get(path)
            cpu = (time.process_time() - started) * 1000 / args.cpu
            print(f"{cpu:7.2f} ms CPU/request  {path}", flush=True)
        return

    for path in args.paths:
        client = new_client()
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path}: {response.status_code}")
        origins = []

        def remember_origin(execute, sql, params, many, context, origins=origins):
            origins.append(query_origin())
            return execute(sql, params, many, context)

        with CaptureQueriesContext(connection) as queries:
            with connection.execute_wrapper(remember_origin):
                started = time.perf_counter()
                response = client.get(path)
                one = (time.perf_counter() - started) * 1000
        print(f"\n=== {path}: {len(response.content):,} bytes, {one:.1f} ms in-process")
        print(f"--- {len(queries.captured_queries)} queries")
        for query, origin in zip(queries.captured_queries, origins, strict=True):
            print(f"  {origin}\n      {query['sql'][: args.sql_chars]}")

        breakdown = Breakdown().install()
        started = time.perf_counter()
        for _ in range(args.repeat):
            client.get(path)
        breakdown.report(args.repeat, (time.perf_counter() - started) * 1000 / args.repeat)
        breakdown.uninstall()

        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        for _ in range(args.repeat):
            client.get(path)
        profiler.disable()
        mean = (time.perf_counter() - started) * 1000 / args.repeat
        print(f"--- {args.repeat} requests under cProfile: {mean:.1f} ms each (profiled)")
        stats = pstats.Stats(profiler)
        if args.save:
            stats.dump_stats(args.save.with_suffix(f".{path.strip('/').replace('/', '_')}.prof"))
        own = defaultdict(float)
        total = 0.0
        for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in stats.stats.items():
            own[group_of(filename)] += tottime
            total += tottime
        print("--- own time per package")
        for label, seconds in sorted(own.items(), key=lambda item: -item[1]):
            if seconds / total >= 0.01:
                print(f"{seconds / total:6.1%}  {seconds * 1000 / args.repeat:6.2f} ms  {label}")
        print("--- cumulative")
        stats.sort_stats("cumulative").print_stats(args.top)
        print("--- own time")
        stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
