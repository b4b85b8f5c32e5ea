"""The OpenAPI document and the docs page served by the platform itself."""

import re

import pytest
from django.contrib.staticfiles import finders

from route2020.core.registry import app_modules

pytestmark = pytest.mark.django_db


def test_the_document_is_openapi_3_1_with_the_licence(client):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"] == "3.1.0"
    licence = document["info"]["license"]
    assert licence["name"] == "CC BY 4.0"
    assert licence["url"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "CC BY 4.0" in document["info"]["description"]


def test_every_app_with_an_api_module_has_its_endpoints_in_the_document(client):
    """No list to edit: an app's api.py is found and mounted (route2020.api.urls)."""
    document = client.get("/api/v1/openapi.json").json()
    mounted = {
        operation["operationId"]
        for path in document["paths"].values()
        for operation in path.values()
    }
    modules = app_modules("api")
    assert {module.__name__ for module in modules} >= {
        "route2020.core.api",
        "route2020.practices.api",
        "route2020.events.api",
        "route2020.news.api",
        "route2020.themes.api",
        "route2020.newsletter.api",
    }
    for module in modules:
        own = {
            operation.operation_id
            for view in module.router.path_operations.values()
            for operation in view.operations
        }
        assert own and own <= mounted, module.__name__


def test_every_list_documents_its_pages_and_its_errors(client):
    document = client.get("/api/v1/openapi.json").json()
    for path, item in document["paths"].items():
        operation = item["get"]
        assert {"200", "422", "429"} <= set(operation["responses"]), path
        if "{id}" in path:
            assert "404" in operation["responses"], path
        names = {parameter["name"] for parameter in operation.get("parameters", [])}
        if path.endswith("s/") and path != "/api/v1/provinces/":
            assert {"cursor", "page_size"} <= names, path


def test_practice_filters_carry_the_listing_names_and_values(client):
    document = client.get("/api/v1/openapi.json").json()
    parameters = {
        parameter["name"]: parameter
        for parameter in document["paths"]["/api/v1/practices/"]["get"]["parameters"]
    }
    for name in ("q", "thema", "provincie", "soort", "status", "partner", "mislukt", "sort"):
        assert name in parameters
    assert parameters["soort"]["schema"]["enum"] == ["praktijkvoorbeeld", "proeftuin"]


def test_docs_are_served_from_our_own_static_files(client):
    html = client.get("/api/v1/docs/").content.decode()
    assert "/api/v1/openapi.json" in html
    # No CDN: every script and stylesheet is one of ours, and it exists.
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources
    for source in sources:
        assert source.startswith("/static/"), source
        assert finders.find(source.removeprefix("/static/")), source
    # Swagger UI's validator badge would send the document to validator.swagger.io.
    assert '"validatorUrl": null' in html
    assert "http" not in re.sub(r'"url": "[^"]*"', "", html.split("<body", 1)[1])
