"""A LibreTranslate-compatible HTTP API over the workbench (``workbench serve``).

``service`` (validating requests and answering them: translate, detect, languages, align; no
HTTP), ``keys`` (the API keys file and the per-key rate limit), ``http`` (the thin FastAPI layer:
JSON or form parameters, LibreTranslate's error shapes, the stand-in headers) and ``server``
(uvicorn, the rule that a server reachable from other machines needs keys). It calls the
pipeline and the library below it, never the editor.
"""

from workbench.api.keys import RateLimiter, load_keys
from workbench.api.service import LANGUAGES, ApiError, Limits, Service

__all__ = ["LANGUAGES", "ApiError", "Limits", "RateLimiter", "Service", "load_keys"]
