"""The API's docs page: Swagger UI from our own static files, nothing from another host."""

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_api_docs_show_every_list_without_another_host(page, live_server):
    page.goto("/api/v1/docs/")
    page.wait_for_selector(".opblock-summary-path")
    page.wait_for_load_state("networkidle")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    for name in ("practices", "events", "news", "themes", "newsletters", "organisations"):
        assert f"/api/v1/{name}/" in paths
    assert "CC BY 4.0" in page.locator(".info").inner_text()
    assert page.requested_hosts == {urlsplit(live_server.url).netloc}
    # Try a list in the page itself: the answer comes from this site.
    page.locator("#operations-practices-practices_list .opblock-summary").click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    page.wait_for_selector("#operations-practices-practices_list .live-responses-table")
    assert page.requested_hosts == {urlsplit(live_server.url).netloc}
