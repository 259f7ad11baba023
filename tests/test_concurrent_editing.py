"""Two editors on one announcement: nobody's work is lost.

Wagtail keeps every save as a revision. A save based on an older revision is stored as a new
revision after the other one (the page editor's form); Wagtail's autosave refuses it instead.
A locked page cannot be saved by anyone but the one who locked it.
"""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from tests.factories import announcement, meeting, member_of, warsaw


@pytest.fixture
def editor_a(db):
    return member_of("Redaktorzy", "redaktorka-a")


@pytest.fixture
def editor_b(db):
    return member_of("Redaktorzy", "redaktor-b")


@pytest.fixture
def page(index):
    return announcement(
        index,
        title="Spotkania branżowe 2059",
        lead="Zapraszamy na dwa spotkania.",
        meetings=[
            meeting(start=warsaw(2059, 6, 10), topic="Pierwsze spotkanie"),
            meeting(start=warsaw(2059, 6, 24), topic="Drugie spotkanie"),
        ],
    )


def local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def opened_editor(client, user, page) -> dict:
    """Open the page editor as ``user``; return the form's data as the browser would post it."""
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 200
    html = response.content.decode()
    hidden = dict(
        re.findall(r'<input type="hidden" name="(loaded_revision_\w+)" value="([^"]*)"', html)
    )
    latest = page.get_latest_revision_as_object()
    meetings = list(latest.meetings.all())
    data = nested_form_data(
        {
            "title": latest.title,
            "slug": latest.slug,
            "lead": latest.lead,
            "publication_date": "",
            "consultation": "",
            "organizer_links": inline_formset(
                [
                    {"id": link.pk, "organizer": link.organizer_id}
                    for link in latest.organizer_links.all()
                ],
                initial=latest.organizer_links.count(),
                min=1,
            ),
            "meetings": inline_formset(
                [
                    {
                        "id": m.pk,
                        "topic": m.topic,
                        "start": local(m.start),
                        "end": local(m.end),
                        "attendance_mode": m.attendance_mode,
                        "venue": m.venue_id or "",
                        "online_url": m.online_url,
                        "registration": m.registration,
                        "registration_url": "",
                        "registration_email": "",
                        "registration_deadline": "",
                        "status": m.status,
                        "status_note": m.status_note,
                    }
                    for m in meetings
                ],
                initial=len(meetings),
            ),
            "body": streamfield([]),
            "seo_title": "",
            "search_description": "",
            "go_live_at": "",
            "expire_at": "",
        }
    )
    for i, m in enumerate(meetings):
        data[f"meetings-{i}-spheres"] = [s.pk for s in m.spheres.all()]
    return {**data, **hidden}


def retitle_meeting(form: dict, topic: str, new_topic: str) -> None:
    [key] = [k for k, v in form.items() if k.endswith("-topic") and v == topic]
    form[key] = new_topic


def save_draft(client, user, page, data, **headers):
    client.force_login(user)
    return client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data, **headers)


def revisions(page):
    return [r.as_object() for r in page.revisions.order_by("created_at", "pk")]


@pytest.mark.django_db
def test_both_editors_drafts_are_kept_and_the_later_one_is_latest(client, page, editor_a, editor_b):
    form_a = opened_editor(client, editor_a, page)
    form_b = opened_editor(client, editor_b, page)

    form_a["lead"] = "Zapraszamy na dwa spotkania — zmiana redaktorki A."
    response_a = save_draft(client, editor_a, page, form_a)
    retitle_meeting(form_b, "Drugie spotkanie", "Drugie spotkanie — temat redaktora B")
    response_b = save_draft(client, editor_b, page, form_b)

    assert response_a.status_code == 302
    assert response_b.status_code == 302
    *_, by_a, by_b = page.revisions.order_by("created_at", "pk")
    assert (by_a.user, by_b.user) == (editor_a, editor_b)
    assert by_a.as_object().lead == "Zapraszamy na dwa spotkania — zmiana redaktorki A."
    assert {m.topic for m in by_b.as_object().meetings.all()} == {
        "Pierwsze spotkanie",
        "Drugie spotkanie — temat redaktora B",
    }
    page.refresh_from_db()
    assert page.get_latest_revision() == by_b


@pytest.mark.django_db
def test_the_published_announcement_is_untouched_by_both_drafts(client, page, editor_a, editor_b):
    form_a = opened_editor(client, editor_a, page)
    form_b = opened_editor(client, editor_b, page)

    form_a["lead"] = "Zmiana A"
    save_draft(client, editor_a, page, form_a)
    retitle_meeting(form_b, "Pierwsze spotkanie", "Zmiana B")
    save_draft(client, editor_b, page, form_b)

    page.refresh_from_db()
    assert page.live is True
    assert page.lead == "Zapraszamy na dwa spotkania."
    assert {m.topic for m in page.meetings.all()} == {"Pierwsze spotkanie", "Drugie spotkanie"}
    assert page.has_unpublished_changes is True


@pytest.mark.django_db
def test_an_autosave_from_an_outdated_editor_is_refused_and_keeps_the_newer_revision(
    client, page, editor_a, editor_b
):
    form_a = opened_editor(client, editor_a, page)
    form_b = opened_editor(client, editor_b, page)
    form_a["lead"] = "Zmiana A"
    save_draft(client, editor_a, page, form_a)
    count = page.revisions.count()

    retitle_meeting(form_b, "Pierwsze spotkanie", "Zmiana B")
    response = save_draft(client, editor_b, page, form_b, HTTP_ACCEPT="application/json")

    assert response.status_code == 400
    assert response.json()["error_code"] == "invalid_revision"
    page.refresh_from_db()
    assert page.revisions.count() == count
    assert page.get_latest_revision().as_object().lead == "Zmiana A"


def locked_by_moderator_then_saved_by_editor(client, page, moderator, editor):
    form_m = opened_editor(client, moderator, page)
    form_m["lead"] = "Wersja moderatorki"
    save_draft(client, moderator, page, form_m)
    client.post(reverse("wagtailadmin_pages:lock", args=(page.pk,)))
    form_b = opened_editor(client, editor, page)
    form_b["lead"] = "Wersja redaktora B"
    return save_draft(client, editor, page, form_b)


@pytest.mark.django_db
def test_a_page_locked_by_a_moderator_cannot_be_saved_by_an_editor(
    client, page, moderator, editor_b
):
    response = locked_by_moderator_then_saved_by_editor(client, page, moderator, editor_b)

    page.refresh_from_db()
    assert response.status_code == 200
    assert (page.locked, page.locked_by) == (True, moderator)
    assert [r.lead for r in revisions(page)][-1] == "Wersja moderatorki"
    assert "Wersja redaktora B" not in [r.lead for r in revisions(page)]
    assert "Tylko moderator może wprowadzać zmiany" in response.content.decode()


@pytest.mark.django_db
def test_the_editor_is_told_in_polish_that_the_locked_page_was_not_saved(
    client, page, moderator, editor_b
):
    response = locked_by_moderator_then_saved_by_editor(client, page, moderator, editor_b)

    messages = [str(m).strip() for m in response.context["messages"]]
    assert messages == ["Nie można zapisać strony, ponieważ jest zablokowana."]
