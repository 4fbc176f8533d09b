from tests.identity_provider import provider, provider_url  # noqa: F401 (fixtures)
