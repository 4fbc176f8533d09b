"""A real OpenID Connect provider on loopback (oidc-provider-mock: authlib's server, with
its own keys), and Assure set up to sign in with it, as a deployment sets up Entra ID.
Fixtures for tests/accounts and tests/browser (imported by their conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
from django.test import Client
from oidc_provider_mock import run_server_in_thread

CLIENT_ID = "assure-tests"


@pytest.fixture(scope="session")
def provider_url() -> Iterator[str]:
    with run_server_in_thread(require_nonce=True) as server:
        yield f"http://localhost:{server.server_port}"


@dataclass
class Provider:
    url: str

    def person(self, sub: str, **claims: object) -> str:
        """The provider's account `sub`, with these claims in its ID token (claims named
        like the token's own, such as aud or exp, replace them: a forged or stale token)."""
        claims.setdefault("email", f"{sub}@example.org")
        answer = httpx.put(f"{self.url}/users/{sub}", json=claims)
        assert answer.status_code == 204, answer.text
        return sub

    def sign_in(self, client: Client, sub: str, next_page: str = "/p/torbay/") -> tuple:
        """Through the whole flow: Assure sends the browser to the provider, the person
        signs in there as `sub`, the provider sends them back with a code. Returns Assure's
        answer to that and the path it answered (to try it again)."""
        start = client.get(f"/oidc/authenticate/?next={next_page}")
        assert start.status_code == 302, start.content
        authorize = start["Location"]
        assert authorize.startswith(f"{self.url}/oauth2/authorize?")
        assert "code_challenge=" in authorize and "nonce=" in authorize and "state=" in authorize
        back = httpx.post(authorize, data={"sub": sub})
        assert back.status_code == 302, back.text
        callback = back.headers["location"].removeprefix("http://testserver")
        return client.get(callback), callback


@pytest.fixture
def provider(settings, provider_url: str) -> Provider:
    settings.ASSURE_OIDC_ISSUER = provider_url
    settings.ASSURE_OIDC_NAME = "Torbay Council"
    settings.OIDC_RP_CLIENT_ID = CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = "not-a-secret"  # noqa: S105
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{provider_url}/oauth2/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{provider_url}/oauth2/token"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{provider_url}/jwks"
    return Provider(provider_url)
