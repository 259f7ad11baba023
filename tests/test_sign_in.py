"""A page for signed-in users only sends visitors to a sign-in page of the site, and back."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import PageViewRestriction

from tests.factories import announcement, meeting, warsaw

PASSWORD = "haslo-pracownika-urzedu"  # noqa: S105


@pytest.fixture
def staff_member(db):
    return get_user_model().objects.create_user("pracownik", "p@example.org", PASSWORD)


@pytest.fixture
def restricted(index):
    page = announcement(
        index, meetings=[meeting(start=warsaw(2058, 6, 10), topic="Dla zalogowanych")]
    )
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return page


@pytest.mark.django_db
def test_a_visitor_is_sent_to_a_sign_in_page_that_exists(client, restricted):
    response = client.get(restricted.url, follow=True)

    (sign_in_url, status), *_ = response.redirect_chain
    assert status == 302
    assert response.status_code == 200
    assert f"next={restricted.url}" in sign_in_url
    assert "Dla zalogowanych" not in response.content.decode()


@pytest.mark.django_db
def test_the_sign_in_page_is_a_page_of_the_site_in_its_language(client, restricted):
    html = client.get(restricted.url, follow=True).content.decode()

    assert '<html lang="pl">' in html
    assert 'class="skip-link"' in html  # the site's layout, with its header and footer
    assert '<main id="main"' in html
    assert "<h1>Zaloguj się</h1>" in html
    assert 'autocomplete="current-password"' in html


@pytest.mark.django_db
def test_signing_in_there_returns_to_the_page(client, restricted, staff_member):
    sign_in = client.get(restricted.url, follow=True)
    form_url = sign_in.redirect_chain[0][0]

    response = client.post(
        form_url,
        {"username": "pracownik", "password": PASSWORD, "next": sign_in.context["next"]},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == restricted.url
    assert response.status_code == 200
    assert "Dla zalogowanych" in response.content.decode()


@pytest.mark.django_db
def test_a_wrong_password_is_told_on_the_same_page(client, restricted, staff_member):
    form_url = client.get(restricted.url)["Location"]

    response = client.post(form_url, {"username": "pracownik", "password": "zle-haslo"})

    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert "_auth_user_id" not in client.session
