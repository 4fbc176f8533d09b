"""A partner agency's officer signs in with their organisation's account, through the
provider's own page, in the browser."""

from __future__ import annotations

import re

import pytest

from assure.accounts import services

pytestmark = pytest.mark.browser


def test_an_officer_signs_in_with_their_organisations_account(visit, provider, membership):
    visitor = visit(None)
    officer = membership("owner").user
    services.link_identity(officer, provider.url, provider.person("devon-police-4411"), "", "")
    visitor.go("/accounts/login/?next=/p/torbay/my-actions/")
    page = visitor.page
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in with Torbay Council").click()
    assert page.url.startswith(f"{provider.url}/oauth2/authorize")
    page.get_by_placeholder("sub").fill("devon-police-4411")
    with page.expect_navigation(url=re.compile(r"/p/torbay/my-actions/$")):
        page.get_by_role("button", name="Authorize").click()
    # the provider's page is the provider's, not Assure's: axe checks Assure's pages
    visitor.loaded[:] = [url for url in visitor.loaded if not url.startswith(provider.url)]
    visitor.check()
    assert visitor.heading() == "My actions"
    assert "action owner" in page.locator(".assure-header__user").inner_text()
