"""JSON log lines carry the id that the response names in X-Request-ID."""

import json
import logging

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from route2020.operations.logs import JsonFormatter, RequestIdFilter
from route2020.operations.middleware import RequestIdMiddleware


class Lines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines = []
        self.setFormatter(JsonFormatter())
        self.addFilter(RequestIdFilter())

    def emit(self, record):
        self.lines.append(json.loads(self.format(record)))


@pytest.fixture
def lines():
    handler = Lines()
    logger = logging.getLogger("route2020.test")
    logger.addHandler(handler)
    yield handler.lines
    logger.removeHandler(handler)


def view(request):
    logging.getLogger("route2020.test").warning("Inschrijving %s mislukt", 12)
    try:
        raise ValueError("kapot")
    except ValueError:
        logging.getLogger("route2020.test").exception("Met een traceback")
    return HttpResponse("ok")


def test_each_line_is_json_with_the_request_id_of_the_response(lines):
    response = RequestIdMiddleware(view)(RequestFactory().get("/"))
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    first, second = lines
    assert first["message"] == "Inschrijving 12 mislukt"
    assert (first["level"], first["logger"]) == ("WARNING", "route2020.test")
    assert first["request_id"] == second["request_id"] == request_id
    assert "ValueError: kapot" in second["exception"]
    assert first["time"].endswith("+00:00")


def test_every_request_gets_its_own_id():
    middleware = RequestIdMiddleware(lambda request: HttpResponse("ok"))
    ids = {middleware(RequestFactory().get("/"))["X-Request-ID"] for _ in range(3)}
    assert len(ids) == 3


def test_an_id_from_the_proxy_is_kept_and_anything_else_replaced(lines):
    middleware = RequestIdMiddleware(view)
    nginx_id = "3f2a0c9e8b7d6a5f4e3d2c1b0a998877"
    assert middleware(RequestFactory().get("/", HTTP_X_REQUEST_ID=nginx_id))["X-Request-ID"] == (
        nginx_id
    )
    forged = 'x\n{"level": "CRITICAL"}'
    replaced = middleware(RequestFactory().get("/", HTTP_X_REQUEST_ID=forged))["X-Request-ID"]
    assert replaced != forged and "\n" not in replaced


def test_outside_a_request_lines_have_no_request_id(lines):
    logging.getLogger("route2020.test").warning("Buiten een verzoek")
    assert lines[0]["request_id"] == "-"


def test_production_logs_json(monkeypatch):
    from route2020.operations.tests.test_settings import load

    production = load(monkeypatch, "route2020.settings.production", SECRET_KEY="k" * 60)
    assert production["LOGGING"]["handlers"]["console"]["formatter"] == "json"
    base = load(monkeypatch, "route2020.settings.base")
    assert base["LOGGING"]["handlers"]["console"]["formatter"] == "text"
