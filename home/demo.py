"""The demo site: the real announcement of 10 June 2025, structured, and a demo one to come.

``load_demo_content`` builds each thing once: a later run, on a database full of editors' work,
makes only what it never made and changes nothing (``DemoContentBuilder``).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone, translation
from wagtail.models import Locale, Page, Site
from wagtail_localize.models import TranslationSource

from home.demo_text import (
    ACCESSIBILITY_BODY,
    CONSULTATION,
    DEMO_BODY,
    DEMO_LEAD,
    DEMO_ONLINE_URL,
    DEMO_SLUG,
    DEMO_TITLE,
    DEMO_TOPICS,
    DEPARTMENT,
    DEPARTMENT_ADDRESS,
    INVITATION,
    PLENIPOTENTIARY,
    PRIVACY_PARAGRAPHS,
    PRIVACY_TITLE,
    PROGRAMME_URL,
    REFERENCE_LEAD,
    REFERENCE_MEETINGS,
    REFERENCE_SLUG,
    REFERENCE_TITLE,
    REFERENCE_TOPIC,
    REFERENCE_VENUE_PARAGRAPH,
    SCHEDULE_LINK,
    STATEMENT,
    TRANSLATIONS,
)
from home.models import AccessibilityStatementPage, DemoRecord, HomePage, StandardPage
from meetings.models import (
    AnnouncementIndexPage,
    AnnouncementOrganizer,
    Consultation,
    Meeting,
    MeetingAnnouncementPage,
    Organizer,
    SchedulePage,
    Sphere,
    Venue,
)
from meetings.translation import MissingTranslationError, translate

WARSAW = ZoneInfo("Europe/Warsaw")


def language_name(locale: Locale) -> str:
    """In English, as the rest of the command's report."""
    with translation.override("en"):
        return str(locale.get_display_name())


@dataclass
class DemoResult:
    created: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def __str__(self):
        lines = ["Created: " + ", ".join(self.created)] if self.created else []
        lines += self.notes
        return "\n".join(lines) or "Demo content is complete; nothing changed."


class DemoContentBuilder:
    """Builds what the demo has never built, and nothing else.

    Each thing the demo makes (a page, a snippet, a translation, the site's address) is kept
    in ``DemoRecord`` under a key of its own. A recorded thing is never touched again: an
    editor may change, unpublish or delete it, and the next run leaves it so. What an earlier
    version of the demo made before it kept records is recognised by its slug or name and
    recorded as it is. Editors' own pages and snippets are never read, changed or translated.
    """

    def __init__(self, *, today: date | None = None):
        self.today = today or timezone.localdate()
        self.polish = Locale.objects.get(language_code=settings.LANGUAGE_CODE)
        # Each content language the site has and the demo has texts for, in settings' order.
        self.translations = [
            (Locale.objects.get_or_create(language_code=code)[0], TRANSLATIONS[code])
            for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
            if code in TRANSLATIONS and code != self.polish.language_code
        ]
        self.records = {record.key: record for record in DemoRecord.objects.all()}
        self.result = DemoResult()

    def build(self) -> DemoResult:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        home = site.root_page.specific if site else None
        if not isinstance(home, HomePage):
            self.result.notes.append(
                "The default site's root page is not the example site's home page: "
                "no demo content was added."
            )
            return self.result
        self._point_site_at_base_url(site)
        self._home(home)
        privacy = self._child(
            "page:privacy",
            home,
            StandardPage,
            slug="ochrona-danych",
            title=PRIVACY_TITLE,
            body="".join(f"<p>{paragraph}</p>" for paragraph in PRIVACY_PARAGRAPHS),
        )
        self._footer(home, privacy)
        department = self._snippet(
            "organizer:department",
            Organizer,
            name=DEPARTMENT,
            email="ps.umk@um.krakow.pl",
            phone="+48 12 616 78 23",
            website="https://www.krakow.pl",
        )
        plenipotentiary = self._snippet(
            "organizer:plenipotentiary",
            Organizer,
            name=PLENIPOTENTIARY,
            email="organizacje@um.krakow.pl",
            website="https://ngo.krakow.pl",
        )
        consultation = self._snippet(
            "consultation:2026", Consultation, title=CONSULTATION, url=PROGRAMME_URL
        )
        dekerta = self._snippet(
            "venue:dekerta",
            Venue,
            name="Sala konferencyjna Wydziału Polityki Społecznej, Równości i Zdrowia",
            street_address="ul. Dekerta 24",
            postal_code="30-703",
            city="Kraków",
            floor="III piętro",
            latitude="50.047176",
            longitude="19.957541",
        )
        civic_centre = self._snippet(
            "venue:civic-centre",
            Venue,
            name="Centrum Obywatelskie [DEMO]",
            street_address="ul. Reformacka 3",
            postal_code="31-012",
            city="Kraków",
            room="sala 1",
            floor="parter",
            step_free_access=True,
            induction_loop=True,
        )
        index = self._child(
            "page:announcements",
            home,
            AnnouncementIndexPage,
            slug="ogloszenia",
            title="Ogłoszenia",
            intro="Ogłoszenia o spotkaniach branżowych z organizacjami pozarządowymi.",
        )
        schedule = self._child(
            "page:schedule",
            home,
            SchedulePage,
            slug="harmonogram",
            title="Harmonogram spotkań",
            intro="Wszystkie spotkania z ogłoszeń, od najbliższego.",
        )
        self._child(
            "page:accessibility-statement",
            home,
            AccessibilityStatementPage,
            slug="deklaracja-dostepnosci",
            title="Deklaracja dostępności",
            body=ACCESSIBILITY_BODY,
            site_published_on=self.today,
            site_updated_on=self.today,
            prepared_on=self.today,
            **STATEMENT,
        )
        organizers = [o for o in (department, plenipotentiary) if o is not None]
        if index is not None:
            self._once(
                "announcement:reference",
                MeetingAnnouncementPage,
                find=lambda: self._existing_child(index, MeetingAnnouncementPage, REFERENCE_SLUG),
                make=lambda: self._reference_announcement(
                    index, schedule, organizers, consultation, dekerta
                ),
                label="reference announcement of 2025-06-10",
            )
            self._once(
                "announcement:demo",
                MeetingAnnouncementPage,
                find=lambda: self._existing_child(index, MeetingAnnouncementPage, DEMO_SLUG),
                make=lambda: self._demo_announcement(
                    index, organizers[-1:], consultation, civic_centre
                ),
                label="demo announcement",
            )
        self._translate_all()
        return self.result

    # --- Records ----------------------------------------------------------------------------

    def _record(self, key: str, obj=None, value: str = "") -> None:
        record, _ = DemoRecord.objects.update_or_create(
            key=key, defaults={"object_id": obj.pk if obj is not None else None, "value": value}
        )
        self.records[key] = record

    def _once(self, key: str, model, *, find, make, label: str):
        """The object recorded under ``key`` (``None`` if an editor deleted it); else the one
        an earlier demo made (``find``), recorded as it is; else a new one (``make``)."""
        record = self.records.get(key)
        if record is not None:
            return model.objects.filter(pk=record.object_id).first()
        obj = find()
        if obj is None:
            obj = make()
            self.result.created.append(label)
        self._record(key, obj)
        return obj

    def _made(self, keys_and_models):
        """What the demo made and still exists, as (key, object)."""
        for key, model in keys_and_models:
            record = self.records.get(key)
            if record is not None and record.object_id is not None:
                obj = model.objects.filter(pk=record.object_id).first()
                if obj is not None:
                    yield key, obj

    # --- The site ---------------------------------------------------------------------------

    def _point_site_at_base_url(self, site: Site):
        """Absolute links (feeds, calendars) use the site's host, never the request's. The
        address is set while it is Wagtail's first one or the one the demo set; an address an
        administrator chose is theirs."""
        base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        wanted = (base.hostname, base.port or (443 if base.scheme == "https" else 80))
        current = (site.hostname, site.port)
        record = self.records.get("site:address")
        ours = (
            current == ("localhost", 80)
            if record is None
            else record.value == f"{site.hostname}:{site.port}"
        )
        if not ours:
            if record is None:
                self._record("site:address", site, value="")
            return
        if current != wanted:
            site.hostname, site.port = wanted
            site.save()
            self.result.created.append(f"site address {wanted[0]}:{wanted[1]}")
        self._record("site:address", site, value=f"{wanted[0]}:{wanted[1]}")

    def _home(self, home: HomePage) -> None:
        """The home page's title and introduction, once, while no one has edited the page."""
        if "page:home" in self.records:
            return
        intro = (
            "Spotkania branżowe organizacji pozarządowych z Urzędem Miasta Krakowa: ogłoszenia, "
            "harmonogram i sfery pożytku publicznego."
        )
        if home.latest_revision_id is None:
            home.title = home.draft_title = "Spotkania branżowe"
            home.intro = intro
            home.save_revision().publish()
            self.result.created.append("home page")
        self._record("page:home", home)

    def _footer(self, home: HomePage, privacy) -> None:
        """The footer's contacts, once, on a home page whose footer no one has filled."""
        if "home:footer" in self.records:
            return
        home = HomePage.objects.get(pk=home.pk)
        # An editor's draft of the home page is theirs: publishing over it would bury it.
        unfilled = not (home.organiser_name or home.contact_email or home.bip_url)
        if unfilled and not home.has_unpublished_changes:
            home.organiser_name = DEPARTMENT
            home.organiser_address = DEPARTMENT_ADDRESS
            home.contact_email = "ps.umk@um.krakow.pl"
            home.contact_phone = "+48 12 616 78 23"
            home.bip_url = "https://www.bip.krakow.pl"
            home.privacy_page = privacy
            home.save_revision().publish()
            self.result.created.append("footer of the home page")
        self._record("home:footer", home)

    def _snippet(self, key: str, model, **fields):
        lookup = "title" if "title" in fields else "name"
        return self._once(
            key,
            model,
            find=lambda: (
                model.objects.filter(locale=self.polish, **{lookup: fields[lookup]})
                .order_by("pk")
                .first()
            ),
            make=lambda: model.objects.create(locale=self.polish, **fields),
            label=f"{model._meta.model_name} {fields[lookup]}",
        )

    def _existing_child(self, parent: Page, model, slug: str):
        return model.objects.child_of(parent).filter(slug=slug).first()

    def _child(self, key: str, parent: Page, model, *, slug: str, **fields) -> Page | None:
        def make():
            page = model(slug=slug, locale=self.polish, **fields)
            parent.add_child(instance=page)
            page.save_revision().publish()
            return page

        return self._once(
            key,
            model,
            find=lambda: self._existing_child(parent, model, slug),
            make=make,
            label=f"page /{slug}/",
        )

    def _spheres(self, numbers: list[str]) -> list[Sphere]:
        by_number = {
            s.number: s for s in Sphere.objects.filter(locale=self.polish, number__in=numbers)
        }
        return [by_number[number] for number in numbers if number in by_number]

    # --- The announcements ------------------------------------------------------------------

    def _reference_announcement(self, index, schedule, organizers, consultation, venue):
        meetings = [
            Meeting(
                topic=REFERENCE_TOPIC,
                start=datetime.combine(day, time(17), tzinfo=WARSAW),
                end=datetime.combine(day, time(19), tzinfo=WARSAW),
                attendance_mode=Meeting.AttendanceMode.IN_PERSON,
                venue=venue,
                spheres=self._spheres(numbers),
                sort_order=position,
            )
            for position, (day, numbers) in enumerate(REFERENCE_MEETINGS)
        ]
        schedule_link = (
            {"text": SCHEDULE_LINK, "page": schedule, "url": ""}
            if schedule is not None
            else {"text": SCHEDULE_LINK, "page": None, "url": "/harmonogram/"}
        )
        page = MeetingAnnouncementPage(
            title=REFERENCE_TITLE,
            slug=REFERENCE_SLUG,
            locale=self.polish,
            lead=REFERENCE_LEAD,
            publication_date=date(2025, 6, 10),
            consultation=consultation,
            organizer_links=[
                AnnouncementOrganizer(organizer=o, sort_order=i) for i, o in enumerate(organizers)
            ],
            meetings=meetings,
            body=[
                ("paragraph", f"<p>{REFERENCE_VENUE_PARAGRAPH}</p>"),
                ("paragraph", f"<p>{INVITATION}</p>"),
                ("call_to_action", schedule_link),
            ],
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        self._dated_as_published(page)
        return page

    def _dated_as_published(self, page: Page) -> None:
        """The reference announcement carries the date it was published, not the day the demo
        was loaded (the source gives the day only). Its translation is dated with it, and so is
        wagtail-localize's reading of the source, or the translation would seem published
        before the source it translates was read: unfinished."""
        day = datetime.combine(REFERENCE_MEETINGS[0][0], time(0), tzinfo=WARSAW)
        Page.objects.filter(pk=page.pk).update(first_published_at=day, last_published_at=day)
        TranslationSource.objects.filter(object_id=page.translation_key).update(last_updated_at=day)

    def _demo_announcement(self, index, organizers, consultation, venue):
        def at(weeks: int, hour: int, minutes: int = 0) -> datetime:
            day = self.today + timedelta(weeks=weeks)
            return datetime.combine(day, time(hour, minutes), tzinfo=WARSAW)

        meetings = [
            Meeting(
                topic=DEMO_TOPICS[0],
                start=at(1, 16),
                end=at(1, 18),
                venue=venue,
                spheres=self._spheres(["16", "4"]),
                registration=Meeting.Registration.REQUIRED,
                registration_email="ngo@example.org",
                registration_deadline=at(1, 12) - timedelta(days=1),
            ),
            Meeting(
                topic=DEMO_TOPICS[1],
                start=at(2, 10),
                end=at(2, 12, 30),
                attendance_mode=Meeting.AttendanceMode.ONLINE,
                online_url=DEMO_ONLINE_URL,
                spheres=self._spheres(["18"]),
            ),
            Meeting(
                topic=DEMO_TOPICS[2],
                start=at(3, 17),
                end=at(3, 19),
                attendance_mode=Meeting.AttendanceMode.HYBRID,
                online_url=DEMO_ONLINE_URL,
                venue=venue,
                spheres=self._spheres(["17", "19"]),
                status=Meeting.Status.CANCELLED,
                status_note=(
                    "Spotkanie odwołane z powodu choroby prowadzącej; nowy termin podamy "
                    "w harmonogramie."
                ),
            ),
        ]
        for position, meeting in enumerate(meetings):
            meeting.sort_order = position
        page = MeetingAnnouncementPage(
            title=DEMO_TITLE,
            slug=DEMO_SLUG,
            locale=self.polish,
            lead=DEMO_LEAD,
            consultation=consultation,
            organizer_links=[
                AnnouncementOrganizer(organizer=o, sort_order=i) for i, o in enumerate(organizers)
            ],
            meetings=meetings,
            body=[("paragraph", f"<p>{DEMO_BODY}</p>")],
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        return page

    # --- Translations ---------------------------------------------------------------------

    def _translate_all(self):
        """Each language's version of what the demo made, once each: snippets first, then
        pages from the top of the tree, so that each page's parent is translated before it. A
        thing that has a version in that language already (made by an editor, say) keeps it;
        a thing an editor has rewritten since is left for the editor to translate."""
        snippets = (
            ("organizer:department", Organizer),
            ("organizer:plenipotentiary", Organizer),
            ("consultation:2026", Consultation),
            ("venue:dekerta", Venue),
            ("venue:civic-centre", Venue),
        )
        pages = sorted(
            self._made(
                (key, Page)
                for key in (
                    "page:home",
                    "page:announcements",
                    "page:schedule",
                    "page:accessibility-statement",
                    "page:privacy",
                    "announcement:reference",
                    "announcement:demo",
                )
            ),
            key=lambda item: item[1].path,
        )
        made = [*self._made(snippets), *pages]
        for locale, strings in self.translations:
            for key, obj in made:
                self._translate(key, obj, locale, strings)

    def _translate(self, key: str, obj, locale: Locale, strings: dict) -> None:
        record_key = f"{locale.language_code}:{key}"
        if record_key in self.records:
            return
        obj = obj.specific if isinstance(obj, Page) else obj
        existing = obj.get_translation_or_none(locale)
        if existing is None:
            try:
                existing = translate(obj, locale=locale, strings=strings)
            except MissingTranslationError:
                self.result.notes.append(
                    f"Not translated into {language_name(locale)}, changed since the demo "
                    f"made it: {obj}."
                )
                return
            self.result.created.append(f"{language_name(locale)} {obj._meta.model_name} {obj}")
            if key == "announcement:reference":
                self._dated_as_published(existing)
        self._record(record_key, existing)


def load_demo_content(*, today: date | None = None) -> DemoResult:
    return DemoContentBuilder(today=today).build()
