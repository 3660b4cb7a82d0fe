"""Per-request context (request id, client IP, actor) that services read without a request object."""

import contextvars
import uuid
from dataclasses import dataclass, field


@dataclass(frozen=True)
class RequestContext:
    request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    ip: str | None = None
    # Audit events of refused accesses, written when the request ends (core.audit.refused): a refusal
    # usually ends a transaction with an exception, which would roll back an event written inside it.
    pending_events: list = field(default_factory=list, compare=False)


_current: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar("kotipolku_request", default=None)


def current() -> RequestContext:
    return _current.get() or RequestContext(request_id="", ip=None)


def active() -> RequestContext | None:
    """The context of the request being served, or None outside a request (commands, tests)."""
    return _current.get()


def activate(ctx: RequestContext) -> contextvars.Token:
    return _current.set(ctx)


def deactivate(token: contextvars.Token) -> None:
    _current.reset(token)
