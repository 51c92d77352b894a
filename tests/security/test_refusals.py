"""Refused means nothing written: every POST of the API, sent by someone who may not do it, leaves every table
as it was (inserts, updates and deletes alike) — an applicant, a read-only leader, another department's clerk."""
import pytest

from security.walker import World, call, content_hash, operations


def _plausible(world):
    from security.walker import requests

    for method, path, values, body, params, what in requests(world):
        if method == "post" and what == "plausible values":
            yield path, values, body, params


@pytest.mark.parametrize("who", ["shenqingren", "lingdao", "swt"])
def test_a_refused_post_writes_nothing(login, who):
    world = World()
    client = login(who)
    failures, refused = [], 0
    posts = list(_plausible(world))
    assert len(posts) == sum(1 for _, method, _, _ in operations() if method == "post")
    for path, values, body, params in posts:
        before = content_hash()
        r = call(client, "post", path, values, body, params, {})
        if r.status_code >= 500:
            failures.append(f"{r.status_code} POST {path}")
        elif r.status_code >= 400:
            refused += 1
            if content_hash() != before:
                failures.append(f"{r.status_code} but written: POST {path} {r.content[:120]!r}")
    assert refused >= 5, "the walk reached refusals"
    assert not failures, "\n".join(failures)
