"""Oversized query strings are refused early, with a message, never a 500 or a slow query."""

import pytest


def query(pairs) -> str:
    return "&".join(f"{name}={value}" for name, value in pairs)


@pytest.mark.django_db
def test_the_api_refuses_more_than_thirty_different_parameters(client):
    response = client.get("/api/v1/meetings/?" + query((f"p{n}", "1") for n in range(31)))

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query"]


@pytest.mark.django_db
def test_the_api_accepts_thirty_parameters(client, demo):
    response = client.get("/api/v1/meetings/?" + query((f"p{n}", "1") for n in range(30)))

    assert response.status_code == 200


@pytest.mark.django_db
def test_the_api_refuses_a_parameter_longer_than_200_characters(client):
    response = client.get("/api/v1/venues/", {"locale": "p" * 201})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "locale"]


@pytest.mark.django_db
def test_the_api_refuses_a_parameter_name_longer_than_200_characters(client):
    response = client.get("/api/v1/venues/", {"x" * 201: "1"})

    assert response.status_code == 422


@pytest.mark.django_db
def test_the_api_refuses_more_than_41_spheres(client, demo):
    response = client.get("/api/v1/meetings/?" + query(("sphere", "15") for _ in range(42)))

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "sphere"]


@pytest.mark.django_db
def test_the_api_accepts_41_spheres(client, demo):
    response = client.get("/api/v1/meetings/?" + query(("sphere", "15") for _ in range(41)))

    assert response.status_code == 200


@pytest.mark.django_db
def test_a_preview_token_may_be_longer_than_other_parameters(client):
    response = client.get("/api/v1/preview/", {"token": "t" * 500})

    assert response.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("limit", ["0", "101"])
def test_the_api_page_size_is_between_1_and_100(client, limit):
    response = client.get("/api/v1/meetings/", {"limit": limit})

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "limit"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("/szukaj/", "Szukany tekst jest zbyt długi"),
        ("/en/search/", "The search text is too long"),
    ],
)
def test_a_search_longer_than_200_characters_is_explained_and_not_run(client, demo, url, message):
    response = client.get(url, {"q": "spotkanie " * 21})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["announcements"] == []
    assert response.context["page_obj"] is None


@pytest.mark.django_db
def test_the_schedule_explains_too_many_spheres(client, demo):
    response = client.get(
        "/harmonogram/?" + query(("sphere", "dzieci-i-mlodziez") for _ in range(42))
    )

    assert response.status_code == 200
    assert "Wybierz najwyżej 41 sfer" in response.content.decode()


@pytest.mark.django_db
def test_the_schedule_explains_an_overlong_filter_value(client, demo):
    response = client.get("/harmonogram/", {"month": "2025-06" * 100})

    assert response.status_code == 200
    assert "RRRR-MM" in response.content.decode()
