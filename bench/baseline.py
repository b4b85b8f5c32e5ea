"""The baseline: the cheapest Django response of a given size, through the full middleware.

A page's requests per second divided by the baseline's at the same size is the share of the
server's capacity left after the page's own work (queries, templates). It says `no-cache`, so
the anonymous page cache never stores it: with the cache on, it still pays the cache lookup
that every page pays.
"""

from functools import lru_cache

from django.http import Http404, HttpResponse

MAX_BYTES = 4 * 1024 * 1024
FRAME = b"<!DOCTYPE html>\n<html lang=nl><head><title>baseline</title></head><body><p>"
END = b"</p></body></html>\n"


@lru_cache(maxsize=64)
def body(size):
    filler = max(0, size - len(FRAME) - len(END))
    text = (b"Delen maakt je rijker. " * (filler // 23 + 1))[:filler]
    return (FRAME + text + END)[:size] if size >= len(FRAME) + len(END) else b"x" * size


def baseline(request, size):
    if size > MAX_BYTES:
        raise Http404
    response = HttpResponse(body(size), content_type="text/html; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response
