"""Synthetic announcements and meetings at scale, for benchmarks and soak tests.

Rows are written in bulk: building 10,000 pages through treebeard's ``add_child`` and
Wagtail's revisions would take hours. Each announcement gets a page row with its tree path
computed here, in Polish and in English, paired exactly as wagtail-localize pairs them: the
same ``translation_key``, the English locale, the English venue and organiser, and meetings
whose ``spheres`` still point at the Polish spheres. Pages are live with no revision (as pages
loaded by a script are); Wagtail makes one at the first edit. Bench pages' slugs start with
``bench-``, and ``--reset`` deletes them.
"""

import io
import random
import sys
import time
import uuid
from datetime import date, datetime, timedelta
from datetime import time as clock
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Count, F
from django.utils import timezone
from wagtail.blocks import StreamValue
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageLogEntry, Revision
from wagtail.search.models import IndexEntry

from home.models import HomePage, StandardPage
from meetings.models import (
    AnnouncementIndexPage,
    AnnouncementOrganizer,
    Meeting,
    MeetingAnnouncementPage,
    Organizer,
    Sphere,
    Venue,
)
from meetings.publication import publication_changed

SLUG_PREFIX = "bench-"
WARSAW = ZoneInfo("Europe/Warsaw")
# Snippets of the bench data are found again by translation keys derived from this.
KEY_NAMESPACE = uuid.UUID("6f1d3f2e-6c1b-4c47-9a53-0d8e2b9c4a10")
YEARS = 10
BATCH = 500

DEPARTMENTS = [
    ("Wydział Polityki Społecznej", "Department of Social Policy"),
    ("Wydział Kultury i Dziedzictwa Narodowego", "Department of Culture and National Heritage"),
    ("Wydział Sportu", "Department of Sport"),
    ("Wydział Edukacji", "Department of Education"),
    ("Wydział Kształtowania Środowiska", "Department of the Environment"),
    ("Pełnomocnik ds. Organizacji Pozarządowych", "Plenipotentiary for NGOs"),
]
STREETS = [
    "ul. Dekerta 24",
    "al. Powstania Warszawskiego 10",
    "ul. Reformacka 3",
    "pl. Wszystkich Świętych 3-4",
    "ul. Wielicka 28a",
    "os. Zgody 2",
    "ul. Stachowicza 18",
    "ul. Józefińska 14",
]
TOPICS = [
    (
        "Założenia programu współpracy na rok {year}",
        "Principles of the cooperation programme {year}",
    ),
    ("Konsultacje priorytetów w obszarze: {sphere}", "Consultation of priorities: {sphere}"),
    ("Spotkanie informacyjne o otwartych konkursach ofert", "Information meeting on open calls"),
    ("Podsumowanie realizacji zadań publicznych w {year} r.", "Review of public tasks in {year}"),
    ("Warsztaty dla organizacji: sprawozdawczość", "Workshop for organisations: reporting"),
]
STATUS_NOTES = {
    Meeting.Status.CANCELLED: ("Spotkanie odwołane.", "The meeting is cancelled."),
    Meeting.Status.POSTPONED: ("Nowy termin podamy wkrótce.", "A new date will follow."),
}


def bench_key(name: str) -> uuid.UUID:
    return uuid.uuid5(KEY_NAMESPACE, name)


class Progress:
    """A one-line progress bar on stderr."""

    def __init__(self, total: int, label: str, stream=None):
        self.total, self.label, self.stream = max(total, 1), label, stream or sys.stderr
        self.started = time.monotonic()

    def update(self, done: int):
        width = 30
        filled = width * done // self.total
        elapsed = time.monotonic() - self.started
        self.stream.write(
            f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] "
            f"{done}/{self.total} {elapsed:5.1f}s"
        )
        if done >= self.total:
            self.stream.write("\n")
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Seed bench announcements (slugs starting with bench-) with their meetings, in Polish "
        "and English, over ten years of dates."
    )

    def add_arguments(self, parser):
        parser.add_argument("--announcements", type=int, default=1000)
        parser.add_argument("--meetings-per", type=int, default=10)
        parser.add_argument("--reset", action="store_true", help="Delete bench data first.")
        parser.add_argument(
            "--reuse",
            action="store_true",
            help="Keep bench data of exactly this size; replace bench data of another size.",
        )
        parser.add_argument("--seed", type=int, default=2025, help="Random seed.")
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")

    def handle(self, *args, announcements, meetings_per, reset, reuse, seed, quiet, **options):
        if announcements < 0 or meetings_per < 1:
            raise CommandError("--announcements must be >= 0 and --meetings-per >= 1.")
        if reuse and not reset:
            wanted = {"pl": announcements, "en": announcements}
            found = bench_summary()
            if found["announcements"] == wanted and found["meetings"] == {
                code: n * meetings_per for code, n in wanted.items()
            }:
                ensure_plain_page()
                self.stdout.write(
                    f"Reusing {announcements} bench announcements with "
                    f"{announcements * meetings_per} meetings."
                )
                return
            reset = True
        if reset:
            deleted = reset_bench_data()
            self.stdout.write(f"Deleted {deleted} bench pages.")
        existing = bench_pages().count()
        if existing:
            raise CommandError(
                f"{existing} bench pages exist already; run with --reset to replace them."
            )
        started = time.monotonic()
        seeder = BenchSeeder(seed=seed, stream=None if not quiet else io.StringIO())
        seeder.seed(announcements=announcements, meetings_per=meetings_per)
        ensure_plain_page()
        if connection.vendor == "postgresql":
            # As autovacuum leaves a live database: statistics, and the visibility map that
            # lets counts read an index alone. VACUUM cannot run inside a transaction (a test's).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {announcements} announcements with {announcements * meetings_per} "
                f"meetings, in Polish and English, in {time.monotonic() - started:.1f}s."
            )
        )


PLAIN_SLUG = "bench-plain-page"
PLAIN_BODY = (
    "<p>Urząd Miasta Krakowa współpracuje z organizacjami pozarządowymi na podstawie rocznego "
    "programu współpracy. Ta strona jest zwykłą stroną tekstu, z którą benchmark porównuje "
    "strony ogłoszeń i harmonogramu.</p>"
    "<p>Spotkania konsultacyjne są otwarte dla wszystkich organizacji działających na rzecz "
    "mieszkańców Krakowa. Zgłoszenia przyjmuje Wydział Polityki Społecznej i Zdrowia.</p>"
    '<p>Więcej informacji w <a href="https://www.bip.krakow.pl/">Biuletynie Informacji '
    "Publicznej</a>.</p>"
)


def ensure_plain_page() -> StandardPage | None:
    """A plain page of text under the Polish home page (if there is one), published through a
    revision: what the benchmark compares the meetings' pages with."""
    page = StandardPage.objects.filter(slug=PLAIN_SLUG).first()
    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    if page is None and home is not None:
        page = home.add_child(
            instance=StandardPage(
                title="Współpraca z organizacjami", slug=PLAIN_SLUG, body=PLAIN_BODY
            )
        )
        page.save_revision().publish()
    return page


def bench_pages():
    return Page.objects.filter(slug__startswith=SLUG_PREFIX, content_type=_announcement_type())


def _announcement_type() -> ContentType:
    return ContentType.objects.get_for_model(MeetingAnnouncementPage)


def reset_bench_data() -> int:
    """Delete bench pages leaf tables first, without loading 100,000 objects into memory."""
    ids = list(bench_pages().values_list("pk", flat=True))
    if not ids:
        return 0
    parents = set()
    with transaction.atomic():
        for start in range(0, len(ids), 5000):
            chunk = ids[start : start + 5000]
            str_ids = [str(pk) for pk in chunk]
            parents.update(
                path[: -Page.steplen]
                for path in Page.objects.filter(pk__in=chunk).values_list("path", flat=True)
            )
            Meeting.spheres.through.objects.filter(meeting__page_id__in=chunk)._raw_delete(
                "default"
            )
            Meeting.objects.filter(page_id__in=chunk)._raw_delete("default")
            AnnouncementOrganizer.objects.filter(page_id__in=chunk)._raw_delete("default")
            IndexEntry.objects.filter(
                content_type__in=ContentType.objects.get_for_models(
                    Page, MeetingAnnouncementPage
                ).values(),
                object_id__in=str_ids,
            )._raw_delete("default")
            Page.objects.filter(pk__in=chunk).update(latest_revision=None, live_revision=None)
            Revision.objects.filter(
                base_content_type=ContentType.objects.get_for_model(Page), object_id__in=str_ids
            ).delete()
            PageLogEntry.objects.filter(page_id__in=chunk)._raw_delete("default")
            MeetingAnnouncementPage.objects.filter(pk__in=chunk)._raw_delete("default")
            Page.objects.filter(pk__in=chunk)._raw_delete("default")
        for parent in Page.objects.filter(path__in=parents):
            children = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
            Page.objects.filter(pk=parent.pk).update(numchild=children.count())
    transaction.on_commit(publication_changed)
    return len(ids)


class BenchSeeder:
    def __init__(self, *, seed: int, stream=None):
        self.rng = random.Random(seed)  # noqa: S311 (test data, not secrets)
        self.stream = stream
        self.polish = Locale.get_default()
        self.english = Locale.objects.get(language_code="en")

    def seed(self, *, announcements: int, meetings_per: int):
        indexes = self._indexes()
        self.spheres = list(Sphere.objects.filter(locale=self.polish).order_by("sort_order"))
        self.english_spheres = {
            s.translation_key: s for s in Sphere.objects.filter(locale=self.english)
        }
        self.venues = self._venues()
        self.organizers = self._organizers()
        self.images = self._images()
        today = timezone.localdate()
        first_day = today - timedelta(days=365 * (YEARS - 1))
        span = 365 * YEARS
        progress = Progress(announcements, "Seeding", self.stream)
        for start in range(0, announcements, BATCH):
            numbers = range(start, min(start + BATCH, announcements))
            days = [first_day + timedelta(days=n * span // max(announcements, 1)) for n in numbers]
            with transaction.atomic():
                self._batch(indexes, numbers, days, meetings_per)
            progress.update(numbers[-1] + 1)
        if not announcements:
            progress.update(0)
        transaction.on_commit(publication_changed)

    # Snippets, images and the tree around the bench pages

    def _indexes(self) -> dict:
        """{locale: index page} for Polish and English; builds the demo site if missing."""
        index = AnnouncementIndexPage.objects.filter(locale=self.polish).first()
        if index is None or not index.has_translation(self.english):
            from home.demo import load_demo_content

            load_demo_content()
            index = AnnouncementIndexPage.objects.get(locale=self.polish)
        return {self.polish: index, self.english: index.get_translation(self.english)}

    def _pair(self, model, name: str, polish: dict, english: dict):
        key = bench_key(name)
        pair = []
        for locale, fields in ((self.polish, polish), (self.english, english)):
            obj, _created = model.objects.get_or_create(
                translation_key=key, locale=locale, defaults=fields
            )
            pair.append(obj)
        return tuple(pair)

    def _venues(self) -> list[tuple[Venue, Venue]]:
        venues = []
        for n in range(24):
            street = STREETS[n % len(STREETS)]
            common = {
                "street_address": street,
                "postal_code": f"3{n % 2}-{100 + n:03d}",
                "city": "Kraków",
                "step_free_access": n % 3 != 0,
                "induction_loop": n % 4 == 0,
                "latitude": f"50.{40000 + n * 731:06d}",
                "longitude": f"19.{900000 + n * 517:06d}",
            }
            venues.append(
                self._pair(
                    Venue,
                    f"venue-{n}",
                    {
                        **common,
                        "name": f"Sala konferencyjna nr {n + 1}",
                        "room": f"sala {n + 1}",
                        "floor": "parter" if n % 2 else "I piętro",
                        "accessibility_notes": "Winda przy wejściu głównym.",
                    },
                    {
                        **common,
                        "name": f"Conference room no. {n + 1}",
                        "room": f"room {n + 1}",
                        "floor": "ground floor" if n % 2 else "1st floor",
                        "accessibility_notes": "Lift by the main entrance.",
                    },
                )
            )
        return venues

    def _organizers(self) -> list[tuple[Organizer, Organizer]]:
        return [
            self._pair(
                Organizer,
                f"organizer-{n}",
                {"name": polish, "email": f"wydzial{n}@example.org"},
                {"name": english, "email": f"wydzial{n}@example.org"},
            )
            for n, (polish, english) in enumerate(DEPARTMENTS)
        ]

    def _images(self) -> list:
        from PIL import Image as PillowImage

        model = get_image_model()
        images = []
        for n, colour in enumerate(["#1f5fa8", "#a83a1f", "#2f8a4a"]):
            title = f"{SLUG_PREFIX}image-{n}"
            image = model.objects.filter(title=title).first()
            if image is None:
                buffer = io.BytesIO()
                PillowImage.new("RGB", (1200, 675), colour).save(buffer, "PNG")
                image = model(title=title, file=ImageFile(buffer, name=f"{title}.png"))
                image.save()
            images.append(image)
        return images

    # One batch of announcements

    def _batch(self, indexes: dict, numbers, days: list[date], meetings_per: int):
        plans = [self._plan(n, day, meetings_per) for n, day in zip(numbers, days, strict=True)]
        for locale, index in indexes.items():
            english = locale == self.english
            pages = self._pages(index, plans, english=english)
            self._meetings(pages, plans, english=english)

    def _plan(self, number: int, day: date, meetings_per: int) -> dict:
        rng = self.rng
        sphere_count = len(self.spheres)
        meetings = []
        for j in range(meetings_per):
            start_day = day + timedelta(days=3 * j + rng.randrange(3))
            hour = rng.choice([10, 12, 16, 17])
            start = datetime.combine(start_day, clock(hour), tzinfo=WARSAW)
            mode = rng.choices(list(Meeting.AttendanceMode), weights=[8, 1, 1])[0]
            # Every sphere comes round in turn; more are added at random.
            spheres = {(number * meetings_per + j) % sphere_count}
            spheres.update(rng.randrange(sphere_count) for _ in range(rng.randrange(3)))
            status = rng.choices(
                [Meeting.Status.PLANNED, Meeting.Status.CANCELLED, Meeting.Status.POSTPONED],
                weights=[92, 6, 2],
            )[0]
            meetings.append(
                {
                    "key": uuid.UUID(int=rng.getrandbits(128), version=4),
                    "start": start,
                    "end": start + timedelta(hours=rng.choice([1, 2, 3])),
                    "mode": mode,
                    "venue": None
                    if mode == Meeting.AttendanceMode.ONLINE
                    else rng.randrange(len(self.venues)),
                    "spheres": sorted(spheres),
                    "status": status,
                    "topic": rng.randrange(len(TOPICS)),
                    "registration": rng.random() < 0.3,
                }
            )
        first = meetings[0]["start"]
        return {
            "number": number,
            "key": uuid.UUID(int=rng.getrandbits(128), version=4),
            "published": first - timedelta(days=14, hours=first.hour - 9),
            "organizers": rng.sample(range(len(self.organizers)), k=rng.choice([1, 1, 2])),
            "image": rng.randrange(len(self.images)),
            "meetings": meetings,
        }

    def _pages(self, index: Page, plans: list[dict], *, english: bool) -> list[Page]:
        index.refresh_from_db(fields=["numchild", "path", "depth", "url_path"])
        last = index.get_last_child()
        step = Page._str2int(last.path[-Page.steplen :]) if last else 0
        content_type = _announcement_type()
        pages = []
        for offset, plan in enumerate(plans, start=1):
            year = plan["meetings"][0]["start"].year
            slug = f"{SLUG_PREFIX}{plan['number']:06d}"
            title = (
                f"Consultation meetings for NGOs no. {plan['number'] + 1} ({year})"
                if english
                else f"Spotkania branżowe z organizacjami nr {plan['number'] + 1} ({year})"
            )
            pages.append(
                Page(
                    path=Page._get_path(index.path, index.depth + 1, step + offset),
                    depth=index.depth + 1,
                    numchild=0,
                    translation_key=plan["key"],
                    locale=self.english if english else self.polish,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=plan["published"],
                    last_published_at=plan["published"],
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type=content_type,
                    url_path=f"{index.url_path}{slug}/",
                    show_in_menus=False,
                )
            )
        Page.objects.bulk_create(pages, batch_size=BATCH)
        Page.objects.filter(pk=index.pk).update(numchild=F("numchild") + len(pages))
        specific = [
            MeetingAnnouncementPage(
                id=page.pk,
                page_ptr_id=page.pk,
                lead=self._lead(plan, english),
                publication_date=plan["published"].date(),
                body=self._body(plan, english),
            )
            for page, plan in zip(pages, plans, strict=True)
        ]
        # bulk_create refuses multi-table models; the child table's rows go in as they are.
        fields = MeetingAnnouncementPage._meta.local_concrete_fields
        MeetingAnnouncementPage.objects.all()._batched_insert(specific, fields, batch_size=BATCH)
        links = []
        for page, plan in zip(pages, plans, strict=True):
            for order, n in enumerate(plan["organizers"]):
                links.append(
                    AnnouncementOrganizer(
                        page_id=page.pk,
                        organizer=self.organizers[n][int(english)],
                        sort_order=order,
                        translation_key=bench_key(f"{plan['key']}-organizer-{order}"),
                        locale=page.locale,
                    )
                )
        AnnouncementOrganizer.objects.bulk_create(links, batch_size=BATCH)
        return pages

    def _lead(self, plan: dict, english: bool) -> str:
        if english:
            return (
                "The city hall invites non-governmental organisations to "
                f"{len(plan['meetings'])} consultation meetings."
            )
        return (
            "Urząd Miasta Krakowa zaprasza organizacje pozarządowe na "
            f"{len(plan['meetings'])} spotkania branżowe."
        )

    def _body(self, plan: dict, english: bool) -> StreamValue:
        words = (
            ("Agenda", "The meetings will collect proposals for the programme of cooperation.")
            if english
            else ("Program", "Na spotkaniach zbierzemy propozycje do programu współpracy.")
        )
        raw = [
            {"type": "heading", "value": {"text": words[0], "level": "h2"}},
            {"type": "paragraph", "value": f"<p>{words[1]}</p>" * 3},
            {
                "type": "image",
                "value": {
                    "image": self.images[plan["image"]].pk,
                    "alt_text": "Sala konferencyjna" if not english else "Conference room",
                    "decorative": False,
                    "caption": "",
                },
            },
            {
                "type": "callout",
                "value": {
                    "tone": "info",
                    "title": "Rejestracja" if not english else "Registration",
                    "text": "<p>Prosimy o wcześniejsze zgłoszenie.</p>"
                    if not english
                    else "<p>Please register in advance.</p>",
                },
            },
            {
                "type": "links",
                "value": {
                    "heading": "Dokumenty" if not english else "Documents",
                    "links": [
                        {
                            "title": "BIP",
                            "page": None,
                            "document": None,
                            "url": "https://www.bip.krakow.pl",
                        }
                    ],
                },
            },
        ]
        for block in raw:
            block["id"] = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
        return StreamValue(MeetingAnnouncementPage.body.field.stream_block, raw, is_lazy=True)

    def _meetings(self, pages: list[Page], plans: list[dict], *, english: bool):
        meetings = []
        for page, plan in zip(pages, plans, strict=True):
            year = plan["meetings"][0]["start"].year
            for order, m in enumerate(plan["meetings"]):
                sphere = self.spheres[m["spheres"][0]]
                if english:
                    sphere_name = self.english_spheres[sphere.translation_key].display_name
                else:
                    sphere_name = sphere.display_name
                topic = TOPICS[m["topic"]][int(english)].format(year=year, sphere=sphere_name)
                note = STATUS_NOTES.get(m["status"], ("", ""))[int(english)]
                meetings.append(
                    Meeting(
                        page_id=page.pk,
                        translation_key=m["key"],
                        locale_id=page.locale_id,
                        sort_order=order,
                        topic=topic[:500],
                        start=m["start"],
                        end=m["end"],
                        attendance_mode=m["mode"],
                        venue=None if m["venue"] is None else self.venues[m["venue"]][int(english)],
                        online_url=""
                        if m["mode"] == Meeting.AttendanceMode.IN_PERSON
                        else f"https://spotkania.example.org/online/{m['key']}",
                        registration=Meeting.Registration.REQUIRED
                        if m["registration"]
                        else Meeting.Registration.NOT_REQUIRED,
                        registration_email="ngo@example.org" if m["registration"] else "",
                        status=m["status"],
                        status_note=note,
                    )
                )
        Meeting.objects.bulk_create(meetings, batch_size=BATCH)
        through = Meeting.spheres.through
        flat = [m for plan in plans for m in plan["meetings"]]
        # As wagtail-localize leaves them: English meetings point at the Polish spheres.
        Meeting.spheres.through.objects.bulk_create(
            [
                through(meeting_id=meeting.pk, sphere_id=self.spheres[n].pk)
                for meeting, m in zip(meetings, flat, strict=True)
                for n in m["spheres"]
            ],
            batch_size=2000,
        )


def bench_summary() -> dict:
    """How much bench data there is, by language."""
    pages = bench_pages()
    return {
        "announcements": dict(
            pages.values_list("locale__language_code").annotate(n=Count("pk")).order_by()
        ),
        "meetings": dict(
            Meeting.objects.filter(page__in=pages.values("pk"))
            .values_list("locale__language_code")
            .annotate(n=Count("pk"))
            .order_by()
        ),
    }
