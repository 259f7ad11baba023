import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile


@pytest.mark.django_db
def test_the_admin_speaks_polish_whatever_the_browser_asks_for(client):
    response = client.get(reverse("wagtailadmin_login"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert 'lang="pl"' in response.content.decode()
    assert "Zaloguj" in response.content.decode()


@pytest.mark.django_db
def test_an_editor_who_chose_english_gets_english(client, admin_user):
    UserProfile.objects.update_or_create(user=admin_user, defaults={"preferred_language": "en"})
    client.force_login(admin_user)

    response = client.get(reverse("wagtailadmin_home"))

    assert 'lang="en"' in response.content.decode()


@pytest.mark.django_db
def test_the_snippet_menu_is_in_polish(client, admin_user):
    client.force_login(admin_user)

    html = client.get(reverse("wagtailsnippets_meetings_sphere:list")).content.decode()

    assert "Sfery pożytku publicznego" in html
    assert "wspieranie rodziny i systemu pieczy zastępczej" in html
