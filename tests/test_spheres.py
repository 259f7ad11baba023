import json
from pathlib import Path

import pytest
from django.db.models import ProtectedError
from django.urls import reverse
from wagtail.models import Locale

from meetings.models import Sphere
from meetings.spheres import load_spheres
from tests.factories import announcement, english, meeting, polish, spheres, warsaw

REFERENCE = json.loads(
    (Path(__file__).resolve().parent.parent / "meetings" / "data" / "spheres.json").read_text()
)


@pytest.mark.django_db
def test_migration_loads_all_41_points_in_legal_order():
    numbers = list(Sphere.objects.filter(locale=polish()).values_list("number", flat=True))

    assert len(numbers) == 41
    assert numbers == [entry["number"] for entry in REFERENCE]
    assert numbers[:4] == ["1", "1a", "1aa", "1b"]


@pytest.mark.django_db
def test_every_polish_sphere_has_its_english_translation():
    for entry in REFERENCE:
        source = Sphere.objects.get(locale=polish(), slug=entry["slug"])
        translation = source.get_translation(english())

        assert source.name == entry["name_pl"]
        assert source.display_name == entry["name_pl_nominative"]
        assert translation.display_name == entry["name_en"]
        assert translation.number == entry["number"]
        assert translation.sort_order == source.sort_order


@pytest.mark.django_db
def test_a_sphere_in_use_cannot_be_deleted(index):
    announcement(index, meetings=[meeting(start=warsaw(2058, 6, 10), sphere_numbers=("15",))])
    sphere = spheres("15")[0]

    with pytest.raises(ProtectedError):
        sphere.delete()
    with pytest.raises(ProtectedError):
        sphere.get_translation(english()).delete()
    assert Sphere.objects.filter(pk=sphere.pk).exists()


@pytest.mark.django_db
def test_a_sphere_not_in_use_can_be_deleted():
    sphere = spheres("32a")[0]

    sphere.delete()

    assert not Sphere.objects.filter(pk=sphere.pk).exists()


@pytest.mark.django_db
def test_admin_refuses_to_delete_a_sphere_in_use_with_a_message(client, admin_user, index):
    announcement(index, meetings=[meeting(start=warsaw(2058, 6, 10), sphere_numbers=("15",))])
    sphere = spheres("15")[0]
    client.force_login(admin_user)

    response = client.post(
        reverse("wagtailsnippets_meetings_sphere:delete", args=[sphere.pk]), follow=True
    )

    assert Sphere.objects.filter(pk=sphere.pk).exists()
    messages = [str(m) for m in response.context["messages"]]
    assert any("nie można usunąć" in m for m in messages), messages


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["Kultura-fizyczna", "kultura_fizyczna", "kultura fizyczna"])
def test_a_slug_the_sphere_page_cannot_route_is_refused(client, admin_user, schedule, slug):
    sphere = spheres("17")[0]
    client.force_login(admin_user)
    edit = reverse("wagtailsnippets_meetings_sphere:edit", args=[sphere.pk])
    form = client.get(edit).context["form"]
    data = {name: form[name].value() for name in form.fields}
    data["slug"] = slug

    response = client.post(edit, data)

    assert response.status_code == 200
    assert "Używaj tylko małych liter bez znaków diakrytycznych" in " ".join(
        response.context["form"].errors["slug"]
    )
    assert Sphere.objects.get(pk=sphere.pk).slug == "kultura-fizyczna"
    assert client.get(schedule.url).status_code == 200


@pytest.mark.django_db
def test_a_language_added_later_gets_every_sphere_paired_and_never_an_empty_list(settings):
    settings.WAGTAIL_CONTENT_LANGUAGES = [*settings.WAGTAIL_CONTENT_LANGUAGES, ("de", "Deutsch")]
    german = Locale.objects.create(language_code="de")  # loads its spheres as it is added

    german_spheres = Sphere.objects.filter(locale=german).order_by("sort_order")
    assert german_spheres.count() == 41
    for entry, sphere in zip(REFERENCE, german_spheres, strict=True):
        source = Sphere.objects.get(locale=polish(), number=entry["number"])
        assert sphere.translation_key == source.translation_key
        # No German names in the data yet: the Polish ones, until a moderator translates them.
        assert (sphere.name, sphere.display_name) == (source.name, source.display_name)
    assert load_spheres() == 0
