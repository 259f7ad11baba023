"""The admin's sign-in locks a user name from an address after five failures in a row, and an
address after thirty failures across any user names."""

import pytest

LOGIN = "/admin/login/"
PASSWORD = "poprawne-haslo-redaktora"  # noqa: S105


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("redaktor", "redaktor@example.org", PASSWORD)


def sign_in(client, password, *, username="redaktor", address="192.0.2.10"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.mark.django_db
def test_four_failures_still_allow_the_right_password(client, editor):
    for _ in range(4):
        assert sign_in(client, "zle-haslo").status_code == 200

    response = sign_in(client, PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)


@pytest.mark.django_db
def test_after_five_failures_even_the_right_password_gets_the_lockout_page(client, editor):
    for _ in range(5):
        sign_in(client, "zle-haslo")

    response = sign_in(client, PASSWORD)

    assert response.status_code == 429
    assert "admin_lockout.html" in [template.name for template in response.templates]
    assert '<html lang="pl"' in response.content.decode()
    assert "15 min" in response.content.decode()
    assert not signed_in(client)


@pytest.mark.django_db
def test_a_success_before_the_limit_starts_the_count_again(client, editor):
    for _ in range(4):
        sign_in(client, "zle-haslo")
    sign_in(client, PASSWORD)
    client.logout()
    for _ in range(4):
        sign_in(client, "zle-haslo")

    response = sign_in(client, PASSWORD)

    assert response.status_code == 302


@pytest.mark.django_db
def test_another_user_from_the_same_address_can_sign_in(client, editor, django_user_model):
    django_user_model.objects.create_superuser("moderatorka", "m@example.org", PASSWORD)
    for _ in range(5):
        sign_in(client, "zle-haslo")

    response = sign_in(client, PASSWORD, username="moderatorka")

    assert response.status_code == 302


@pytest.mark.django_db
def test_the_same_user_from_another_address_can_sign_in(client, editor):
    for _ in range(5):
        sign_in(client, "zle-haslo")

    response = sign_in(client, PASSWORD, address="198.51.100.20")

    assert response.status_code == 302


def spray(client, count, *, address="192.0.2.10"):
    """One wrong password tried for ``count`` different user names from one address."""
    return [
        sign_in(client, "Haslo2025!", username=f"uzytkownik{n}", address=address).status_code
        for n in range(count)
    ]


@pytest.mark.django_db
def test_thirty_failures_across_user_names_lock_the_address(client, editor):
    spray(client, 30)

    response = sign_in(client, PASSWORD)

    assert response.status_code == 429
    assert not signed_in(client)
    assert "Logowanie z tego adresu nie powiodło się 30 razy" in response.content.decode()


@pytest.mark.django_db
def test_an_address_locked_by_spraying_does_not_lock_the_user_elsewhere(client, editor):
    spray(client, 30)

    response = sign_in(client, PASSWORD, address="198.51.100.20")

    assert response.status_code == 302
    assert signed_in(client)


@pytest.mark.django_db
def test_a_few_typos_of_many_people_behind_one_address_lock_nobody_else(
    client, editor, django_user_model
):
    for n in range(29):
        django_user_model.objects.create_user(f"urzednik{n}", password=f"dobre-haslo-{n}")
        sign_in(client, "literowka", username=f"urzednik{n}")

    response = sign_in(client, PASSWORD)

    assert response.status_code == 302


@pytest.mark.django_db
def test_the_address_limit_is_a_setting(client, editor, settings):
    settings.AXES_ADDRESS_FAILURE_LIMIT = 3
    spray(client, 3)

    assert sign_in(client, PASSWORD).status_code == 429
