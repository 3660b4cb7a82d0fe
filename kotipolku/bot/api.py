"""POST /api/v1/bot/ask and /api/v1/bot/feedback: public, rate-limited per client, no personal data kept."""

import uuid

from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from kotipolku.bot import selectors, services
from kotipolku.bot.engine import clean_message
from kotipolku.bot.views import FEEDBACK_GROUP, RATE_GROUP, rate_limit
from kotipolku.core.api import error_responses
from kotipolku.core.views import too_many_requests

router = Router(tags=["bot"])
MAX_MESSAGE = 10_000  # longer bodies are refused; the bot reads the first 1,000 characters anyway


class AskIn(Schema):
    message: str = Field(..., max_length=MAX_MESSAGE)
    lang: str | None = Field(None, pattern="^(fi|sv|en)$")
    conversation: uuid.UUID | None = None


class FeedbackIn(Schema):
    exchange: uuid.UUID
    helpful: bool


@router.post("/bot/ask", url_name="bot-ask", auth=None, openapi_extra=error_responses(429))
def ask(request, payload: AskIn):
    if rate_limit(request, RATE_GROUP):
        return too_many_requests(request)
    if not clean_message(payload.message):
        raise HttpError(400, [{"field": "message", "reason": "Write a question (the message was empty)."}])
    reply, body = selectors.reply_for(message=payload.message, lang=payload.lang)
    exchange = None
    if reply.kind != "empty":
        exchange = services.exchange_record(
            reply=reply, question=payload.message, conversation=payload.conversation or uuid.uuid4()
        )
    return {**body, "exchange": str(exchange.public_id) if exchange else None}


@router.post("/bot/feedback", url_name="bot-feedback", auth=None, openapi_extra=error_responses(404, 429))
def feedback(request, payload: FeedbackIn):
    if rate_limit(request, FEEDBACK_GROUP):
        return too_many_requests(request)
    exchange = services.feedback_record(public_id=payload.exchange, helpful=payload.helpful)
    if exchange is None:
        raise HttpError(404, "Not found.")
    return {"ok": True}
