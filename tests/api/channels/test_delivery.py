"""Messages Wegwijs starts itself wait, visibly, when they may not go out; they are never dropped silently."""

from __future__ import annotations

import asyncio
import uuid

from api.channels.contacts import opt_out, remember
from api.channels.delivery import MAX_ATTEMPTS, deliver_waiting
from api.channels.outbound import send_to_parent


# A channel of these tests alone, so that messages other tests queued are not delivered here.
CHANNEL = "test-delivery"


def _queue(session, sender: str, response: str = "utter_callback_follow_up_closed"):
    message = send_to_parent(session, sender_id=sender, channel=CHANNEL, response=response,
                             arguments={"reference": "WW-ABCDE", "callback_time": "morning"}, language="nl")
    session.commit()
    return message


def test_a_message_for_an_unknown_or_opted_out_parent_waits_with_its_reason(session):
    unknown, stopped = f"telegram:{uuid.uuid4().hex}", f"telegram:{uuid.uuid4().hex}"
    remember(session, sender_id=stopped, channel="telegram", address="42")
    opt_out(session, sender_id=stopped)
    waiting = [_queue(session, unknown), _queue(session, stopped)]

    # No sender is ever called for these: a bare object stands for the channel.
    assert asyncio.run(deliver_waiting({CHANNEL: object()})) == 0

    for message in waiting:
        session.refresh(message)
    assert [(m.held_reason, m.delivered_at) for m in waiting] == [("no_contact", None), ("opted_out", None)]


def test_a_message_that_cannot_be_rendered_is_set_aside_not_retried_forever(session):
    sender = f"telegram:{uuid.uuid4().hex}"
    remember(session, sender_id=sender, channel="telegram", address="43")
    broken = _queue(session, sender, response="utter_does_not_exist")

    asyncio.run(deliver_waiting({CHANNEL: object()}))

    session.refresh(broken)
    assert (broken.held_reason, broken.attempts, broken.delivered_at) == ("cannot_render", MAX_ATTEMPTS, None)
