"""`provenance serve`: Datasette on a provenance database, with the plugin, bound to localhost by default."""
from __future__ import annotations

import asyncio

from ..errors import ProvenanceError

HOST = "127.0.0.1"
PORT = 8001  # Datasette's own default


class WebUnavailable(ProvenanceError):
    """Datasette is not installed: the `web` extra is missing."""


def datasette_for(db_path: str):
    """A started Datasette instance serving one database with the plugin (found by its entry point).

    Raises:
        WebUnavailable: Datasette is not installed.
    """
    try:
        from datasette.app import Datasette
    except ImportError:
        raise WebUnavailable("provenance serve needs Datasette: pip install 'provenance[web]'") from None
    ds = Datasette([db_path], settings={"facet_time_limit_ms": 500})
    asyncio.run(ds.invoke_startup())
    return ds


def sign_in_url(ds, host: str, port: int) -> str:
    """The one-time link that signs the root actor in (Datasette's own `--root` mechanism)."""
    return f"http://{host}:{port}{ds.urls.path('-/auth-token')}?token={ds._root_token}"


def run(ds, host: str = HOST, port: int = PORT) -> None:
    """Serve until interrupted."""
    import uvicorn

    uvicorn.run(ds.app(), host=host, port=port, log_level="info", lifespan="on", workers=1)
